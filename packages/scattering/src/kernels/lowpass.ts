/**
 * Separable strided low-pass in space, cropped (the last low-pass of Scattering2D on small images).
 * @internal
 */

/**
 * Separable strided low-pass in space, cropped: out[p, q] = sum_{x,y} U[x, y] Kx[p, x] Ky[q, y]
 * for a real m x n image U, with Kx (P x m), Ky (Q x n) the shifted kernels
 * Kx[p, x] = gx[(s (p + 1) - x) mod m] (s the subsampling factor).
 */
export class SeparableLowpass {
  readonly m: number;
  readonly n: number;
  readonly P: number;
  readonly Q: number;
  private readonly kx: Float64Array;
  private readonly ky: Float64Array;
  private readonly t: Float64Array; // [m][Q]
  constructor(gx: Float64Array, gy: Float64Array, s: number, P: number, Q: number) {
    const m = gx.length;
    const n = gy.length;
    this.m = m;
    this.n = n;
    this.P = P;
    this.Q = Q;
    this.kx = new Float64Array(P * m);
    for (let p = 0; p < P; p++) {
      for (let x = 0; x < m; x++) this.kx[p * m + x] = gx[(((s * (p + 1) - x) % m) + m) % m];
    }
    this.ky = new Float64Array(Q * n);
    for (let q = 0; q < Q; q++) {
      for (let y = 0; y < n; y++) this.ky[q * n + y] = gy[(((s * (q + 1) - y) % n) + n) % n];
    }
    this.t = new Float64Array(m * Q);
  }
  /** Approximate flop count of one `run`. */
  cost(): number {
    return 2 * (this.m * this.n * this.Q + this.P * this.Q * this.m);
  }
  run(U: Float64Array, out: Float64Array | Float32Array, off: number): void {
    const { m, n, P, Q, kx, ky, t } = this;
    for (let x = 0; x < m; x++) {
      const u = x * n;
      for (let q = 0; q < Q; q++) {
        const k = q * n;
        let s = 0;
        for (let y = 0; y < n; y++) s += U[u + y] * ky[k + y];
        t[x * Q + q] = s;
      }
    }
    for (let p = 0; p < P; p++) {
      const o = off + p * Q;
      const k = p * m;
      for (let q = 0; q < Q; q++) {
        let s = 0;
        for (let x = 0; x < m; x++) s += kx[k + x] * t[x * Q + q];
        out[o + q] = s;
      }
    }
  }
}
