/**
 * Unrolled homotopy ISTC (iterative soft-thresholding with a decreasing threshold) over a
 * learned dictionary with unit-norm columns, as in Zarka, Thiry, Angles, Mallat (ICLR 2020).
 * @internal
 */
import type { FloatArray } from "@scatterkit/core";
import { gemm } from "../backend/gemm.js";
import { type Act, type DType, Layer, type Param, newAct, zeros, zerosLike } from "./layer.js";
import type { Rng } from "./random.js";

/**
 * Non-negative sparse code of each position's vector x (P channels) over D [P, K]:
 * c = D^T x, lambda_0 = ||c||_inf, lambda_n = lambda_0 (lambda* / lambda_0)^(n / N)
 * (geometric decrease from lambda_0 to the learned lambda*),
 * z_0 = 0, z_n = ReLU(z_{n-1} + c - D^T D z_{n-1} - lambda_n) for n = 1..N; output z_N
 * ([n, P, h, w] -> [n, K, h, w]). Where x = 0 the thresholds are lambda* throughout.
 * Gradients flow to x, D (through c, the Gram matrix and lambda_0's argmax) and lambda*.
 */
export class ISTC extends Layer {
  readonly P: number;
  readonly K: number;
  readonly iterations: number;
  readonly dictionary: Param;
  readonly lambda: Param;
  private cache: {
    x: Act;
    G: FloatArray;
    C: FloatArray;
    lam0: Float64Array;
    A: FloatArray[]; // per iteration n = 1..N: pre-activation [n, K, S]
  } | null = null;

  constructor(name: string, dtype: DType, P: number, K: number, iterations: number, lambdaInit: number) {
    super(name, dtype);
    this.P = P;
    this.K = K;
    this.iterations = iterations;
    this.dictionary = this.param("dictionary", [P, K], false, "unit-columns");
    this.lambda = this.param("lambda", [1], false, "positive");
    this.lambda.value[0] = lambdaInit;
  }

  /** Gaussian atoms normalised to unit norm. */
  init(rng: Rng): void {
    const D = this.dictionary.value;
    for (let i = 0; i < D.length; i++) D[i] = rng.normal();
    normalizeColumns(D, this.P, this.K);
  }

  outShape(_c: number, h: number, w: number): [number, number, number] {
    return [this.K, h, w];
  }

  /** Fraction of non-zero code entries of the last forward (diagnostic). */
  lastDensity = 0;

  forward(x: Act, training: boolean): Act {
    const { n, h, w } = x;
    const S = h * w;
    const { P, K, iterations: N } = this;
    const D = this.dictionary.value;
    const lamStar = this.lambda.value[0];
    const G = zerosLike(D, K * K);
    gemm(true, false, K, K, P, 1, D, K, D, K, 0, G, K);
    const C = zerosLike(x.data, n * K * S);
    const lam0 = new Float64Array(n * S);
    const A: FloatArray[] = [];
    const y = newAct(x.data, n, K, h, w);
    const Z = y.data;
    const T = zerosLike(x.data, K * S);
    for (let it = 0; it < N; it++) A.push(zerosLike(x.data, training ? n * K * S : K * S));
    for (let b = 0; b < n; b++) {
      const xb = x.data.subarray(b * P * S, (b + 1) * P * S);
      const cb = C.subarray(b * K * S, (b + 1) * K * S);
      gemm(true, false, K, S, P, 1, D, K, xb, S, 0, cb, S);
      for (let s = 0; s < S; s++) {
        let m = 0;
        for (let k = 0; k < K; k++) {
          const v = Math.abs(cb[k * S + s]);
          if (v > m) m = v;
        }
        lam0[b * S + s] = m;
      }
      const zb = Z.subarray(b * K * S, (b + 1) * K * S);
      zb.fill(0);
      for (let it = 1; it <= N; it++) {
        const ab = training ? A[it - 1].subarray(b * K * S, (b + 1) * K * S) : A[it - 1];
        if (it > 1) gemm(false, false, K, S, K, 1, G, K, zb, S, 0, T, S);
        const e = it / N;
        for (let s = 0; s < S; s++) {
          const l0 = lam0[b * S + s];
          const lam = l0 > 0 ? l0 * (lamStar / l0) ** e : lamStar;
          for (let k = 0; k < K; k++) {
            const i = k * S + s;
            const a = it > 1 ? zb[i] + cb[i] - T[i] - lam : cb[i] - lam;
            ab[i] = a;
          }
        }
        for (let i = 0; i < K * S; i++) zb[i] = ab[i] > 0 ? ab[i] : 0;
      }
    }
    let nz = 0;
    for (let i = 0; i < Z.length; i++) if (Z[i] > 0) nz++;
    this.lastDensity = nz / Z.length;
    this.cache = training ? { x, G, C, lam0, A } : null;
    return y;
  }

  backward(dy: Act): Act {
    const cache = this.cache;
    if (!cache) throw new Error("ISTC.backward without a training forward");
    const { x, G, C, lam0, A } = cache;
    const { n, h, w } = x;
    const S = h * w;
    const { P, K, iterations: N } = this;
    const D = this.dictionary.value;
    const lamStar = this.lambda.value[0];
    const dx = newAct(x.data, n, P, h, w);
    const dG = zerosLike(D, K * K);
    const g = zerosLike(x.data, K * S);
    const dA = zerosLike(x.data, K * S);
    const T = zerosLike(x.data, K * S);
    const Zp = zerosLike(x.data, K * S);
    const dC = zerosLike(x.data, K * S);
    const dl0 = new Float64Array(S);
    let dLamStar = 0;
    for (let b = 0; b < n; b++) {
      const cb = C.subarray(b * K * S, (b + 1) * K * S);
      g.set(dy.data.subarray(b * K * S, (b + 1) * K * S));
      dC.fill(0);
      dl0.fill(0);
      for (let it = N; it >= 1; it--) {
        const ab = A[it - 1].subarray(b * K * S, (b + 1) * K * S);
        for (let i = 0; i < K * S; i++) dA[i] = ab[i] > 0 ? g[i] : 0;
        const e = it / N;
        for (let s = 0; s < S; s++) {
          let t = 0;
          for (let k = 0; k < K; k++) t += dA[k * S + s];
          const dlam = -t;
          const l0 = lam0[b * S + s];
          if (l0 > 0) {
            const lam = l0 * (lamStar / l0) ** e;
            dl0[s] += (dlam * (1 - e) * lam) / l0;
            dLamStar += (dlam * e * lam) / lamStar;
          } else {
            dLamStar += dlam;
          }
        }
        for (let i = 0; i < K * S; i++) dC[i] += dA[i];
        if (it > 1) {
          const ap = A[it - 2].subarray(b * K * S, (b + 1) * K * S);
          for (let i = 0; i < K * S; i++) Zp[i] = ap[i] > 0 ? ap[i] : 0;
          // a_n = z_{n-1} + c - G z_{n-1} - lambda_n
          gemm(false, false, K, S, K, 1, G, K, dA, S, 0, T, S);
          for (let i = 0; i < K * S; i++) g[i] = dA[i] - T[i];
          gemm(false, true, K, K, S, -1, dA, S, Zp, S, 1, dG, K);
        }
      }
      // lambda_0 = max_k |c_k|: gradient to the (first) arg max
      for (let s = 0; s < S; s++) {
        if (dl0[s] === 0) continue;
        let m = 0;
        let arg = -1;
        for (let k = 0; k < K; k++) {
          const v = Math.abs(cb[k * S + s]);
          if (v > m) {
            m = v;
            arg = k;
          }
        }
        if (arg >= 0) dC[arg * S + s] += dl0[s] * Math.sign(cb[arg * S + s]);
      }
      const xb = x.data.subarray(b * P * S, (b + 1) * P * S);
      gemm(false, false, P, S, K, 1, D, K, dC, S, 0, dx.data.subarray(b * P * S, (b + 1) * P * S), S);
      gemm(false, true, P, K, S, 1, xb, S, dC, S, 1, this.dictionary.grad, K);
    }
    // G = D^T D: dD += D (dG + dG^T)
    const dGs = zerosLike(D, K * K);
    for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) dGs[i * K + j] = dG[i * K + j] + dG[j * K + i];
    gemm(false, false, P, K, K, 1, D, K, dGs, K, 1, this.dictionary.grad, K);
    this.lambda.grad[0] += dLamStar;
    return dx;
  }
}

/** Scales each column of D [P, K] (row-major) to unit Euclidean norm. */
export function normalizeColumns(D: FloatArray, P: number, K: number): void {
  for (let k = 0; k < K; k++) {
    let s = 0;
    for (let p = 0; p < P; p++) s += D[p * K + k] ** 2;
    const r = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let p = 0; p < P; p++) D[p * K + k] *= r;
  }
}

export { zeros };
