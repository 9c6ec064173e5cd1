/**
 * ALISTA: analytic LISTA (Liu, Chen, Wang & Yin, ICLR 2019). The weight matrix is
 * computed from the dictionary alone; only a step size and a threshold per layer are learned.
 */
import {
  ParameterError,
  type Tensor,
  checkInteger,
  checkNumber,
  checkOptions,
  Random,
} from "@scatterkit/core";
import { syrk } from "@scatterkit/linalg";
import {
  type Matrix,
  asMatrix,
  asVector,
  checkNoZeroColumns,
  cholSolve,
  cholesky,
  matTVec,
  matVec,
} from "./util";

/**
 * Analytic weight matrix of ALISTA:
 *   W = argmin_W ||W^T D||_F^2  subject to  diag(W^T D) = 1
 * (equivalently the off-diagonal mass of W^T D, since its diagonal is fixed). The
 * columns decouple; with G = D D^T (+ a ridge `ridge * trace(G)/m` when D D^T is singular),
 *   w_i = G^{-1} d_i / (d_i^T G^{-1} d_i).
 * D: [m, n] with non-zero columns; returns W: [m, n] (Float64Array).
 */
export function alistaWeights(D: Tensor, options: { ridge?: number } = {}): Tensor<Float64Array> {
  const m = asMatrix("D", D);
  checkNoZeroColumns("D", m);
  const o = checkOptions<{ ridge?: number }>("options", options);
  const ridge = o.ridge === undefined ? 0 : checkNumber("ridge", o.ridge, { min: 0 });
  const { n: rows, p: cols, a } = m;
  // Gram matrix G = D D^T (@scatterkit/linalg's syrk, exactly symmetric)
  const G = new Float64Array(rows * rows);
  syrk(false, rows, cols, 1, a, 0, cols, 0, G, 0, rows);
  let tr = 0;
  for (let i = 0; i < rows; i++) tr += G[i * rows + i];
  const tryFactor = (eps: number): Float64Array | undefined => {
    const L = Float64Array.from(G);
    for (let i = 0; i < rows; i++) L[i * rows + i] += (eps * tr) / rows;
    if (!cholesky(L, rows)) return undefined;
    let dmin = Infinity;
    let dmax = 0;
    for (let i = 0; i < rows; i++) {
      dmin = Math.min(dmin, L[i * rows + i]);
      dmax = Math.max(dmax, L[i * rows + i]);
    }
    return dmin > 1e-7 * dmax ? L : undefined;
  };
  let L = tryFactor(ridge);
  let eps = Math.max(ridge, 1e-12);
  while (!L) {
    eps *= 10;
    L = tryFactor(eps);
    if (eps > 1)
      throw new ParameterError("D", "a dictionary", "a dictionary whose Gram D D^T can be factored");
  }
  const W = new Float64Array(rows * cols);
  const v = new Float64Array(rows);
  for (let j = 0; j < cols; j++) {
    for (let i = 0; i < rows; i++) v[i] = a[i * cols + j];
    cholSolve(L, rows, v);
    let s = 0;
    for (let i = 0; i < rows; i++) s += a[i * cols + j] * v[i];
    for (let i = 0; i < rows; i++) W[i * cols + j] = v[i] / s;
  }
  return { data: W, shape: [rows, cols] };
}

/** A trained ALISTA network. */
export interface AlistaModel {
  /** Analytic weights W: [m, n]. */
  W: Tensor<Float64Array>;
  /** Learned step sizes gamma_k, one per layer. */
  gammas: Float64Array;
  /** Learned thresholds theta_k, one per layer. */
  thetas: Float64Array;
  /** Support-selection fractions p_k in [0, 1] (entries with the largest |.| that skip thresholding). */
  supportFractions: Float64Array;
  /** Training loss (mean squared error per sample after each layer). */
  trainLoss: Float64Array;
}

/** Options of {@link trainAlista}. */
export interface TrainAlistaOptions {
  /** Number of layers K (default 16). */
  layers?: number;
  /** Training signals drawn as x* ~ Bernoulli(pnz) * N(0, 1), b = D x* (+ noise); default 512. */
  samples?: number;
  /** Probability of a non-zero entry (default 0.1). */
  pnz?: number;
  /** Standard deviation of measurement noise (default 0). */
  noise?: number;
  /** Adam steps per layer (default 300). */
  steps?: number;
  /** Adam learning rate on log(gamma_k) and log(theta_k) (default 0.05). */
  learningRate?: number;
  /** Support selection: p_k = min(pStep * (k + 1), pMax) (defaults 0.012 and 0.13, the paper's values; 0 disables). */
  pStep?: number;
  pMax?: number;
  /** Seed (default 1). */
  seed?: number;
  /** Precomputed W (default {@link alistaWeights}(D)). */
  W?: Tensor;
}

let scratch = new Float64Array(0);

/** Soft threshold with support selection: the `keep` largest |u| pass unchanged. */
function thresholdSS(
  u: Float64Array,
  theta: number,
  keep: number,
  out: Float64Array,
  mask: Uint8Array,
): void {
  const n = u.length;
  mask.fill(0);
  if (keep > 0) {
    // the keep-th largest magnitude, by partial selection on a copy
    if (scratch.length < n) scratch = new Float64Array(n);
    const mags = scratch.subarray(0, n);
    for (let j = 0; j < n; j++) mags[j] = Math.abs(u[j]);
    const kth = selectKth(mags, n - keep);
    let taken = 0;
    for (let j = 0; j < n && taken < keep; j++) {
      if (Math.abs(u[j]) > kth) {
        mask[j] = 1;
        taken++;
      }
    }
    for (let j = 0; j < n && taken < keep; j++) {
      if (!mask[j] && Math.abs(u[j]) === kth) {
        mask[j] = 1;
        taken++;
      }
    }
  }
  for (let j = 0; j < n; j++) {
    const v = u[j];
    out[j] = mask[j] ? v : v > theta ? v - theta : v < -theta ? v + theta : 0;
  }
}

/** k-th smallest value (0-based) of a (scrambled in place). */
function selectKth(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

/**
 * Runs an ALISTA network on b (length m): x^0 = 0 and, for k = 0..K-1,
 *   x^{k+1} = eta_{theta_k}^{p_k}( x^k - gamma_k W^T (D x^k - b) ),
 * eta the soft threshold except on the fraction p_k of entries with the largest
 * magnitude (support selection), which pass unchanged. Returns x^1..x^K.
 */
export function alistaForward(model: AlistaModel, D: Tensor, b: Float64Array | Float32Array): Float64Array[] {
  const m = asMatrix("D", D);
  const Wm = asMatrix("model.W", model.W);
  if (Wm.n !== m.n || Wm.p !== m.p)
    throw new ParameterError("model.W.shape", model.W.shape, `[${m.n}, ${m.p}] (the shape of D)`);
  const bb = asVector("b", b, m.n, `the number of rows of D, ${m.n}`);
  const K = model.gammas.length;
  const x = new Float64Array(m.p);
  const r = new Float64Array(m.n);
  const g = new Float64Array(m.p);
  const u = new Float64Array(m.p);
  const mask = new Uint8Array(m.p);
  const out: Float64Array[] = [];
  for (let k = 0; k < K; k++) {
    matVec(m, x, r);
    for (let i = 0; i < m.n; i++) r[i] -= bb[i];
    matTVec(Wm, r, g);
    for (let j = 0; j < m.p; j++) u[j] = x[j] - model.gammas[k] * g[j];
    thresholdSS(u, model.thetas[k], Math.floor(model.supportFractions[k] * m.p), x, mask);
    out.push(Float64Array.from(x));
  }
  return out;
}

/**
 * Draws sparse-recovery problems of the ALISTA paper's kind: x* ~ Bernoulli(pnz) * N(0, 1)
 * (length n), b = D x* + noise * N(0, I). Returns the codes and the measurements.
 */
export function sparseRecoveryProblems(
  D: Tensor,
  options: { count: number; pnz?: number; noise?: number; seed?: number },
): { codes: Float64Array[]; measurements: Float64Array[] } {
  const m = asMatrix("D", D);
  const o = checkOptions<{ count: number; pnz?: number; noise?: number; seed?: number }>("options", options);
  const count = checkInteger("count", o.count, 1);
  const pnz = o.pnz === undefined ? 0.1 : checkNumber("pnz", o.pnz, { min: 0, max: 1 });
  const noise = o.noise === undefined ? 0 : checkNumber("noise", o.noise, { min: 0 });
  const rand = new Random(o.seed ?? 1);
  const codes: Float64Array[] = [];
  const measurements: Float64Array[] = [];
  for (let s = 0; s < count; s++) {
    const x = new Float64Array(m.p);
    for (let j = 0; j < m.p; j++) if (rand.next() < pnz) x[j] = rand.normal();
    const b = matVec(m, x, new Float64Array(m.n));
    if (noise > 0) for (let i = 0; i < m.n; i++) b[i] += noise * rand.normal();
    codes.push(x);
    measurements.push(b);
  }
  return { codes, measurements };
}

/**
 * Trains the 2K parameters (gamma_k, theta_k) of an ALISTA network by gradient
 * descent (Adam on their logarithms) on synthetic problems b = D x*, layer by layer:
 * with the earlier layers fixed, layer k minimises the mean of ||x^{k+1} - x*||^2 over
 * the training set (the support-selection set is held fixed inside each gradient,
 * d x^{k+1}/d gamma_k = -W^T (D x^k - b) and d x^{k+1}/d theta_k = -sign(u) on thresholded non-zeros).
 */
export function trainAlista(D: Tensor, options: TrainAlistaOptions = {}): AlistaModel {
  const m = asMatrix("D", D);
  checkNoZeroColumns("D", m);
  const o = checkOptions<TrainAlistaOptions>("options", options);
  const K = o.layers === undefined ? 16 : checkInteger("layers", o.layers, 1);
  const S = o.samples === undefined ? 512 : checkInteger("samples", o.samples, 1);
  const steps = o.steps === undefined ? 300 : checkInteger("steps", o.steps, 1);
  const lr =
    o.learningRate === undefined
      ? 0.05
      : checkNumber("learningRate", o.learningRate, { min: 0, minExclusive: true });
  const pStep = o.pStep === undefined ? 0.012 : checkNumber("pStep", o.pStep, { min: 0, max: 1 });
  const pMax = o.pMax === undefined ? 0.13 : checkNumber("pMax", o.pMax, { min: 0, max: 1 });
  const W = o.W === undefined ? alistaWeights(D) : o.W;
  const Wm: Matrix = asMatrix("W", W);
  if (Wm.n !== m.n || Wm.p !== m.p)
    throw new ParameterError("W.shape", W.shape, `[${m.n}, ${m.p}] (the shape of D)`);
  const { codes, measurements } = sparseRecoveryProblems(D, {
    count: S,
    pnz: o.pnz,
    noise: o.noise,
    seed: o.seed,
  });
  const n = m.p;
  const X = codes.map(() => new Float64Array(n)); // current iterates x^k
  const Gk = codes.map(() => new Float64Array(n)); // W^T (D x^k - b)
  const r = new Float64Array(m.n);
  const u = new Float64Array(n);
  const z = new Float64Array(n);
  const mask = new Uint8Array(n);
  const gammas = new Float64Array(K);
  const thetas = new Float64Array(K);
  const fr = new Float64Array(K);
  const loss = new Float64Array(K);
  let logG = 0; // gamma = 1 to start
  let logT = Math.log(0.1);
  for (let k = 0; k < K; k++) {
    fr[k] = Math.min(pStep * (k + 1), pMax);
    const keep = Math.floor(fr[k] * n);
    for (let s = 0; s < S; s++) {
      matVec(m, X[s], r);
      for (let i = 0; i < m.n; i++) r[i] -= measurements[s][i];
      matTVec(Wm, r, Gk[s]);
    }
    // warm start from the previous layer's parameters; Adam on (log gamma, log theta)
    let m1 = 0;
    let v1 = 0;
    let m2 = 0;
    let v2 = 0;
    const layerLoss = (gamma: number, theta: number, grad: boolean): [number, number, number] => {
      let L = 0;
      let dg = 0;
      let dt = 0;
      for (let s = 0; s < S; s++) {
        const x = X[s];
        const gs = Gk[s];
        const xs = codes[s];
        for (let j = 0; j < n; j++) u[j] = x[j] - gamma * gs[j];
        thresholdSS(u, theta, keep, z, mask);
        for (let j = 0; j < n; j++) {
          const e = z[j] - xs[j];
          L += e * e;
          if (!grad || z[j] === 0) continue;
          dg += 2 * e * -gs[j];
          if (!mask[j]) dt += 2 * e * -Math.sign(u[j]);
        }
      }
      return [L / S, dg / S, dt / S];
    };
    for (let t = 1; t <= steps; t++) {
      const gamma = Math.exp(logG);
      const theta = Math.exp(logT);
      const [, dg, dt] = layerLoss(gamma, theta, true);
      const a = dg * gamma;
      const c = dt * theta;
      m1 = 0.9 * m1 + 0.1 * a;
      v1 = 0.999 * v1 + 0.001 * a * a;
      m2 = 0.9 * m2 + 0.1 * c;
      v2 = 0.999 * v2 + 0.001 * c * c;
      const b1 = 1 - 0.9 ** t;
      const b2 = 1 - 0.999 ** t;
      logG -= (lr * (m1 / b1)) / (Math.sqrt(v1 / b2) + 1e-12);
      logT -= (lr * (m2 / b1)) / (Math.sqrt(v2 / b2) + 1e-12);
    }
    gammas[k] = Math.exp(logG);
    thetas[k] = Math.exp(logT);
    // advance every training iterate through the trained layer
    let L = 0;
    for (let s = 0; s < S; s++) {
      const x = X[s];
      for (let j = 0; j < n; j++) u[j] = x[j] - gammas[k] * Gk[s][j];
      thresholdSS(u, thetas[k], keep, x, mask);
      for (let j = 0; j < n; j++) L += (x[j] - codes[s][j]) ** 2;
    }
    loss[k] = L / S;
  }
  return { W: W as Tensor<Float64Array>, gammas, thetas, supportFractions: fr, trainLoss: loss };
}
