/**
 * Unrolled homotopy ISTC (iterative soft-thresholding with a decreasing threshold) over a
 * learned dictionary with unit-norm columns, as in Zarka, Thiry, Angles, Mallat (ICLR 2020).
 * @internal
 */
import type { FloatArray } from "@scatterkit/core";
import { gemm } from "../backend/gemm.js";
import { type Act, type DType, Layer, type Param, newAct, zeros, zerosLike } from "./layer.js";
import type { Random } from "@scatterkit/core";

/**
 * Non-negative sparse code of each position's vector x (P channels) over D [P, K] by the
 * homotopy iteration z_n = ReLU(z_{n-1} - W^T (D z_{n-1} - x) - lambda_n) with W = eta D:
 * c = eta D^T x, lambda_0 = ||c||_inf, lambda_n = lambda_0 (lambda* / lambda_0)^(n / N)
 * (geometric decrease from lambda_0 to the learned lambda*),
 * z_0 = 0, z_n = ReLU(z_{n-1} + c - eta D^T D z_{n-1} - lambda_n) for n = 1..N; output z_N
 * ([n, P, h, w] -> [n, K, h, w]). Where x = 0 the thresholds are lambda* throughout.
 * eta = 1 / ||D||_2^2 (the ISTA step that keeps the iteration a contraction; power iteration
 * on D D^T at each forward pass, held constant within the step like the unit-norm
 * projection of the atoms), or 1 when `normalizedStep` is false (the paper's plain W = D).
 * Gradients flow to x, D (through c, the Gram matrix and lambda_0's argmax) and lambda*,
 * which is learned through its logarithm (`logLambda`, as in the paper's code) so that SGD
 * steps change it by a ratio.
 * The product z D^T D is taken through the Gram matrix G = D^T D when K <= 2P and as
 * (z D^T) D otherwise (2PK instead of K^2 operations per position; equal up to round-off).
 */
export class ISTC extends Layer {
  readonly P: number;
  readonly K: number;
  readonly iterations: number;
  readonly dictionary: Param;
  /** log(lambda*). */
  readonly logLambda: Param;
  private cache: {
    x: Act;
    Xt: FloatArray;
    G: FloatArray;
    C: FloatArray;
    lam0: Float64Array;
    A: FloatArray[]; // per iteration n = 1..N: pre-activation [n S, K]
  } | null = null;

  /** Use eta = 1 / ||D||_2^2 (true) or eta = 1. */
  readonly normalizedStep: boolean;
  /** When set, the step eta used instead of the one computed from D (finite-difference tests). */
  fixedStep: number | null = null;
  /** The step eta of the last forward pass. */
  step = 1;

  constructor(
    name: string,
    dtype: DType,
    P: number,
    K: number,
    iterations: number,
    lambdaInit: number,
    normalizedStep = true,
  ) {
    super(name, dtype);
    this.normalizedStep = normalizedStep;
    this.P = P;
    this.K = K;
    this.iterations = iterations;
    this.dictionary = this.param("dictionary", [P, K], false, "unit-columns");
    this.logLambda = this.param("logLambda", [1], false);
    this.logLambda.value[0] = Math.log(lambdaInit);
  }

  /** Gaussian atoms normalised to unit norm. */
  init(rng: Random): void {
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
    const R = n * S;
    const { P, K, iterations: N } = this;
    const D = this.dictionary.value;
    const lamStar = Math.exp(this.logLambda.value[0]);
    const eta = this.fixedStep ?? (this.normalizedStep ? 1 / spectralNormSquared(D, P, K) : 1);
    this.step = eta;
    const factored = K > 2 * P;
    const G = zerosLike(D, factored ? 0 : K * K);
    if (!factored) gemm(true, false, K, K, P, eta, D, K, D, K, 0, G, K);
    const U = factored ? zerosLike(x.data, R * P) : null;
    // position-major layout: one row per (image, position)
    const Xt = zerosLike(x.data, R * P);
    for (let b = 0; b < n; b++) {
      for (let p = 0; p < P; p++) {
        const src = (b * P + p) * S;
        for (let s = 0; s < S; s++) Xt[(b * S + s) * P + p] = x.data[src + s];
      }
    }
    const C = zerosLike(x.data, R * K);
    gemm(false, false, R, K, P, eta, Xt, P, D, K, 0, C, K);
    const lam0 = new Float64Array(R);
    for (let r = 0; r < R; r++) {
      let m = 0;
      for (let k = r * K, e = k + K; k < e; k++) {
        const v = Math.abs(C[k]);
        if (v > m) m = v;
      }
      lam0[r] = m;
    }
    const A: FloatArray[] = [];
    const Z = zerosLike(x.data, R * K);
    const T = zerosLike(x.data, R * K);
    for (let it = 1; it <= N; it++) {
      const a = training || it === 1 ? zerosLike(x.data, R * K) : A[0];
      if (it > 1) {
        if (U) {
          gemm(false, true, R, P, K, 1, Z, K, D, K, 0, U, P);
          gemm(false, false, R, K, P, eta, U, P, D, K, 0, T, K);
        } else gemm(false, false, R, K, K, 1, Z, K, G, K, 0, T, K);
      }
      const e = it / N;
      for (let r = 0; r < R; r++) {
        const l0 = lam0[r];
        const lam = l0 > 0 ? l0 * (lamStar / l0) ** e : lamStar;
        const o = r * K;
        if (it > 1) {
          for (let k = o; k < o + K; k++) a[k] = Z[k] + C[k] - T[k] - lam;
        } else {
          for (let k = o; k < o + K; k++) a[k] = C[k] - lam;
        }
      }
      for (let i = 0; i < R * K; i++) Z[i] = Math.max(a[i], 0);
      if (training || it === 1) A.push(a);
    }
    const y = newAct(x.data, n, K, h, w);
    let nz = 0;
    for (let b = 0; b < n; b++) {
      for (let s = 0; s < S; s++) {
        const o = (b * S + s) * K;
        for (let k = 0; k < K; k++) {
          const v = Z[o + k];
          if (v > 0) nz++;
          y.data[(b * K + k) * S + s] = v;
        }
      }
    }
    this.lastDensity = nz / (R * K);
    this.cache = training ? { x, Xt, G, C, lam0, A } : null;
    return y;
  }

  backward(dy: Act): Act {
    const cache = this.cache;
    if (!cache) throw new Error("ISTC.backward without a training forward");
    const { x, Xt, G, C, lam0, A } = cache;
    const { n, h, w } = x;
    const S = h * w;
    const R = n * S;
    const { P, K, iterations: N } = this;
    const D = this.dictionary.value;
    const lamStar = Math.exp(this.logLambda.value[0]);
    const eta = this.step;
    const factored = K > 2 * P;
    const dG = zerosLike(D, factored ? 0 : K * K);
    const U = factored ? zerosLike(x.data, R * P) : null;
    const V = factored ? zerosLike(x.data, R * P) : null;
    const g = zerosLike(x.data, R * K);
    for (let b = 0; b < n; b++) {
      for (let k = 0; k < K; k++) {
        const src = (b * K + k) * S;
        for (let s = 0; s < S; s++) g[(b * S + s) * K + k] = dy.data[src + s];
      }
    }
    const dA = zerosLike(x.data, R * K);
    const T = zerosLike(x.data, R * K);
    const Zp = zerosLike(x.data, R * K);
    const dC = zerosLike(x.data, R * K);
    const dl0 = new Float64Array(R);
    let dLamStar = 0;
    for (let it = N; it >= 1; it--) {
      const a = A[it - 1];
      for (let i = 0; i < R * K; i++) dA[i] = a[i] > 0 ? g[i] : 0;
      const e = it / N;
      for (let r = 0; r < R; r++) {
        let t = 0;
        const o = r * K;
        for (let k = o; k < o + K; k++) {
          t += dA[k];
          dC[k] += dA[k];
        }
        const dlam = -t;
        const l0 = lam0[r];
        if (l0 > 0) {
          const lam = l0 * (lamStar / l0) ** e;
          dl0[r] += (dlam * (1 - e) * lam) / l0;
          dLamStar += (dlam * e * lam) / lamStar;
        } else {
          dLamStar += dlam;
        }
      }
      if (it > 1) {
        const ap = A[it - 2];
        for (let i = 0; i < R * K; i++) Zp[i] = Math.max(ap[i], 0);
        // a_n = z_{n-1} + c - z_{n-1} G - lambda_n (rows)
        if (U && V) {
          // G = D^T D taken as (z D^T) D: U = Zp D^T, V = dA D^T
          gemm(false, true, R, P, K, 1, dA, K, D, K, 0, V, P);
          gemm(false, false, R, K, P, eta, V, P, D, K, 0, T, K);
          gemm(false, true, R, P, K, 1, Zp, K, D, K, 0, U, P);
          gemm(true, false, P, K, R, -eta, U, P, dA, K, 1, this.dictionary.grad, K);
          gemm(true, false, P, K, R, -eta, V, P, Zp, K, 1, this.dictionary.grad, K);
        } else {
          // G already holds eta D^T D
          gemm(false, false, R, K, K, 1, dA, K, G, K, 0, T, K);
          gemm(true, false, K, K, R, -eta, Zp, K, dA, K, 1, dG, K);
        }
        for (let i = 0; i < R * K; i++) g[i] = dA[i] - T[i];
      }
    }
    // lambda_0 = max_k |c_k|: gradient to the (first) arg max
    for (let r = 0; r < R; r++) {
      if (dl0[r] === 0) continue;
      let m = 0;
      let arg = -1;
      const o = r * K;
      for (let k = 0; k < K; k++) {
        const v = Math.abs(C[o + k]);
        if (v > m) {
          m = v;
          arg = k;
        }
      }
      if (arg >= 0) dC[o + arg] += dl0[r] * Math.sign(C[o + arg]);
    }
    const dXt = zerosLike(x.data, R * P);
    gemm(false, true, R, P, K, eta, dC, K, D, K, 0, dXt, P);
    gemm(true, false, P, K, R, eta, Xt, P, dC, K, 1, this.dictionary.grad, K);
    if (!factored) {
      // G = D^T D: dD += D (dG + dG^T)
      const dGs = zerosLike(D, K * K);
      for (let i = 0; i < K; i++) for (let j = 0; j < K; j++) dGs[i * K + j] = dG[i * K + j] + dG[j * K + i];
      gemm(false, false, P, K, K, 1, D, K, dGs, K, 1, this.dictionary.grad, K);
    }
    this.logLambda.grad[0] += dLamStar * lamStar;
    const dx = newAct(x.data, n, P, h, w);
    for (let b = 0; b < n; b++) {
      for (let p = 0; p < P; p++) {
        const dst = (b * P + p) * S;
        for (let s = 0; s < S; s++) dx.data[dst + s] = dXt[(b * S + s) * P + p];
      }
    }
    return dx;
  }
}

/**
 * ||D||_2^2, the largest eigenvalue of D D^T (P x P), by 60 steps of power iteration in
 * float64 from the all-ones vector (deterministic: the same D gives the same bits).
 */
export function spectralNormSquared(D: FloatArray, P: number, K: number): number {
  const M = new Float64Array(P * P);
  for (let i = 0; i < P; i++) {
    for (let j = i; j < P; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += D[i * K + k] * D[j * K + k];
      M[i * P + j] = s;
      M[j * P + i] = s;
    }
  }
  let v = new Float64Array(P).fill(1 / Math.sqrt(P));
  let lam = 0;
  for (let it = 0; it < 60; it++) {
    const u = new Float64Array(P);
    for (let i = 0; i < P; i++) {
      let s = 0;
      for (let j = 0; j < P; j++) s += M[i * P + j] * v[j];
      u[i] = s;
    }
    let nrm = 0;
    for (let i = 0; i < P; i++) nrm += u[i] * u[i];
    nrm = Math.sqrt(nrm);
    if (nrm === 0) return 1;
    lam = nrm;
    for (let i = 0; i < P; i++) u[i] /= nrm;
    v = u;
  }
  return lam;
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
