/**
 * Cropped inverse DFT of a packed pair by two small separable DFT matrix products (Kymatio's `unpad` of ifft2).
 * @internal
 */

/**
 * Cropped inverse DFT of a packed pair: with z = ifft2(F) (m x n), writes
 * Re z[p, q] to outA and Im z[p, q] to outB for p = 1..m-2, q = 1..n-2 (Kymatio's
 * `unpad`), by two small separable DFT matrix products:
 * G[k, q] = sum_l F[k, l] w_n^{lq}, z[p, q] = sum_k w_m^{kp} G[k, q] / (m n).
 */
export class CroppedInverseDFT {
  readonly m: number;
  readonly n: number;
  private readonly wn: Float64Array; // [n][n-2] complex: e^{2 pi i l q / n}, q = 1..n-2
  private readonly wm: Float64Array; // [m-2][m] complex: e^{2 pi i k p / m} / (m n), p = 1..m-2
  private readonly g: Float64Array; // [m][n-2] complex
  private readonly row: Float64Array; // [n-2] complex
  constructor(m: number, n: number) {
    this.m = m;
    this.n = n;
    const Q = Math.max(n - 2, 0);
    const P = Math.max(m - 2, 0);
    this.wn = new Float64Array(2 * n * Q);
    for (let l = 0; l < n; l++) {
      for (let q = 0; q < Q; q++) {
        const ang = (2 * Math.PI * ((l * (q + 1)) % n)) / n;
        this.wn[2 * (l * Q + q)] = Math.cos(ang);
        this.wn[2 * (l * Q + q) + 1] = Math.sin(ang);
      }
    }
    this.wm = new Float64Array(2 * P * m);
    const sc = 1 / (m * n);
    for (let p = 0; p < P; p++) {
      for (let k = 0; k < m; k++) {
        const ang = (2 * Math.PI * ((k * (p + 1)) % m)) / m;
        this.wm[2 * (p * m + k)] = Math.cos(ang) * sc;
        this.wm[2 * (p * m + k) + 1] = Math.sin(ang) * sc;
      }
    }
    this.g = new Float64Array(2 * m * Q);
    this.row = new Float64Array(2 * Q);
  }
  /** Approximate flop count of one `run`. */
  cost(): number {
    const { m, n } = this;
    return 8 * m * n * (n - 2) + 8 * (m - 2) * (n - 2) * m;
  }
  /** Writes Re to outA[offA ..] and (when offB >= 0) Im to outB[offB ..], (m-2) x (n-2) each. */
  run(
    F: Float64Array,
    outA: Float64Array | Float32Array,
    offA: number,
    outB: Float64Array | Float32Array,
    offB: number,
  ): void {
    const { m, n, wn, wm, g, row } = this;
    const Q = n - 2;
    const P = m - 2;
    if (P <= 0 || Q <= 0) return;
    g.fill(0);
    for (let k = 0; k < m; k++) {
      const gRow = 2 * k * Q;
      for (let l = 0; l < n; l++) {
        const fr = F[2 * (k * n + l)];
        const fi = F[2 * (k * n + l) + 1];
        const wRow = 2 * l * Q;
        for (let q = 0; q < 2 * Q; q += 2) {
          const wr = wn[wRow + q];
          const wi = wn[wRow + q + 1];
          g[gRow + q] += fr * wr - fi * wi;
          g[gRow + q + 1] += fr * wi + fi * wr;
        }
      }
    }
    for (let p = 0; p < P; p++) {
      row.fill(0);
      const wRow = 2 * p * m;
      for (let k = 0; k < m; k++) {
        const wr = wm[wRow + 2 * k];
        const wi = wm[wRow + 2 * k + 1];
        const gRow = 2 * k * Q;
        for (let q = 0; q < 2 * Q; q += 2) {
          const gr = g[gRow + q];
          const gi = g[gRow + q + 1];
          row[q] += wr * gr - wi * gi;
          row[q + 1] += wr * gi + wi * gr;
        }
      }
      const oa = offA + p * Q;
      for (let q = 0; q < Q; q++) outA[oa + q] = row[2 * q];
      if (offB >= 0) {
        const ob = offB + p * Q;
        for (let q = 0; q < Q; q++) outB[ob + q] = row[2 * q + 1];
      }
    }
  }
}
