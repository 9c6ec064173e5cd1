/**
 * Learned 1x1 tight frames (Zarka, Guth, Mallat, ICLR 2021): a frame F [M, P] with
 * F^T F = I_P kept by re-orthogonalisation after each optimiser step.
 * @internal
 */
import type { FloatArray } from "@scatterkit/core";
import { gemm } from "../backend/gemm.js";
import { type Act, type DType, Layer, type Param, newAct, zerosLike } from "./layer.js";
import type { Random } from "@scatterkit/core";

/**
 * Frame layer on each position's vector x (P channels): "relu" y = ReLU(F x) (M channels,
 * separation); "soft-threshold" y = F^T rho_t(F x) (P channels, concentration), rho_t the
 * soft-threshold with a learned threshold t >= 0 per frame vector.
 */
export class TightFrame extends Layer {
  readonly P: number;
  readonly M: number;
  readonly kind: "relu" | "soft-threshold";
  readonly frame: Param;
  readonly threshold: Param | null;
  private cache: { x: Act; U: FloatArray; V: FloatArray } | null = null;

  constructor(name: string, dtype: DType, P: number, M: number, kind: "relu" | "soft-threshold", init = 0.1) {
    super(name, dtype);
    this.P = P;
    this.M = M;
    this.kind = kind;
    this.frame = this.param("frame", [M, P], false, "tight-frame");
    this.threshold = kind === "soft-threshold" ? this.param("threshold", [M], false, "positive") : null;
    this.threshold?.value.fill(init);
  }

  /** Random Gaussian frame, made tight. */
  init(rng: Random): void {
    const F = this.frame.value;
    for (let i = 0; i < F.length; i++) F[i] = rng.normal();
    gramSchmidtColumns(F, this.M, this.P);
  }

  outShape(_c: number, h: number, w: number): [number, number, number] {
    return [this.kind === "relu" ? this.M : this.P, h, w];
  }

  forward(x: Act, training: boolean): Act {
    const { n, h, w } = x;
    const S = h * w;
    const { P, M } = this;
    const F = this.frame.value;
    const U = zerosLike(x.data, n * M * S);
    const V = zerosLike(x.data, n * M * S);
    const y = newAct(x.data, n, this.kind === "relu" ? M : P, h, w);
    const t = this.threshold?.value;
    for (let b = 0; b < n; b++) {
      const xb = x.data.subarray(b * P * S, (b + 1) * P * S);
      const ub = U.subarray(b * M * S, (b + 1) * M * S);
      const vb = V.subarray(b * M * S, (b + 1) * M * S);
      gemm(false, false, M, S, P, 1, F, P, xb, S, 0, ub, S);
      for (let m = 0; m < M; m++) {
        const tt = t ? t[m] : 0;
        for (let s = 0; s < S; s++) {
          const u = ub[m * S + s];
          vb[m * S + s] = t ? (u > tt ? u - tt : u < -tt ? u + tt : 0) : Math.max(u, 0);
        }
      }
      if (this.kind === "relu") {
        y.data.set(vb, b * M * S);
      } else {
        gemm(true, false, P, S, M, 1, F, P, vb, S, 0, y.data.subarray(b * P * S, (b + 1) * P * S), S);
      }
    }
    this.cache = training ? { x, U, V } : null;
    return y;
  }

  backward(dy: Act): Act {
    const cache = this.cache;
    if (!cache) throw new Error("TightFrame.backward without a training forward");
    const { x, U, V } = cache;
    const { n, h, w } = x;
    const S = h * w;
    const { P, M } = this;
    const F = this.frame.value;
    const dF = this.frame.grad;
    const dx = newAct(x.data, n, P, h, w);
    const dV = zerosLike(x.data, M * S);
    const t = this.threshold?.value;
    const tg = this.threshold?.grad;
    for (let b = 0; b < n; b++) {
      const xb = x.data.subarray(b * P * S, (b + 1) * P * S);
      const ub = U.subarray(b * M * S, (b + 1) * M * S);
      const vb = V.subarray(b * M * S, (b + 1) * M * S);
      if (this.kind === "relu") {
        dV.set(dy.data.subarray(b * M * S, (b + 1) * M * S));
      } else {
        const dyb = dy.data.subarray(b * P * S, (b + 1) * P * S);
        gemm(false, true, M, P, S, 1, vb, S, dyb, S, 1, dF, P);
        gemm(false, false, M, S, P, 1, F, P, dyb, S, 0, dV, S);
      }
      for (let m = 0; m < M; m++) {
        const tt = t ? t[m] : 0;
        let gs = 0;
        for (let s = 0; s < S; s++) {
          const u = ub[m * S + s];
          const i = m * S + s;
          if (t) {
            if (u > tt) gs -= dV[i];
            else if (u < -tt) gs += dV[i];
            else dV[i] = 0;
          } else if (!(u > 0)) dV[i] = 0;
        }
        if (tg) tg[m] += gs;
      }
      gemm(false, true, M, P, S, 1, dV, S, xb, S, 1, dF, P);
      gemm(true, false, P, S, M, 1, F, P, dV, S, 0, dx.data.subarray(b * P * S, (b + 1) * P * S), S);
    }
    return dx;
  }
}

/** Orthonormalises the P columns of F [M, P] (row-major) by modified Gram-Schmidt (float64). */
export function gramSchmidtColumns(F: FloatArray, M: number, P: number): void {
  const col = Array.from({ length: P }, (_, j) => {
    const c = new Float64Array(M);
    for (let i = 0; i < M; i++) c[i] = F[i * P + j];
    return c;
  });
  for (let j = 0; j < P; j++) {
    const c = col[j];
    for (let q = 0; q < j; q++) {
      let d = 0;
      for (let i = 0; i < M; i++) d += c[i] * col[q][i];
      for (let i = 0; i < M; i++) c[i] -= d * col[q][i];
    }
    let s = 0;
    for (let i = 0; i < M; i++) s += c[i] * c[i];
    const r = 1 / Math.sqrt(s);
    for (let i = 0; i < M; i++) c[i] *= r;
  }
  for (let j = 0; j < P; j++) for (let i = 0; i < M; i++) F[i * P + j] = col[j][i];
}

/**
 * Projects F [M, P] onto the tight frames F^T F = I (the orthogonal polar factor
 * F (F^T F)^(-1/2)) by Newton-Schulz iterations Y <- Y (3 I - Y^T Y) / 2 in float64, until
 * max |Y^T Y - I| < 1e-12 (at most 30 iterations; a frame far from tight is first
 * re-orthonormalised by Gram-Schmidt).
 */
export function projectTightFrame(F: FloatArray, M: number, P: number): void {
  const Y = Float64Array.from(F);
  const YtY = new Float64Array(P * P);
  const T = new Float64Array(P * P);
  const Z = new Float64Array(M * P);
  for (let it = 0; it < 30; it++) {
    gemm(true, false, P, P, M, 1, Y, P, Y, P, 0, YtY, P);
    let err = 0;
    for (let i = 0; i < P; i++) {
      for (let j = 0; j < P; j++) err = Math.max(err, Math.abs(YtY[i * P + j] - (i === j ? 1 : 0)));
    }
    if (err < 1e-12) break;
    if (err > 0.5) {
      gramSchmidtColumns(Y, M, P);
      continue;
    }
    for (let i = 0; i < P * P; i++) T[i] = -0.5 * YtY[i];
    for (let i = 0; i < P; i++) T[i * P + i] += 1.5;
    gemm(false, false, M, P, P, 1, Y, P, T, P, 0, Z, P);
    Y.set(Z);
  }
  for (let i = 0; i < F.length; i++) F[i] = Y[i];
}
