/**
 * Online dictionary learning (Mairal, Bach, Ponce & Sapiro, "Online dictionary
 * learning for sparse coding", ICML 2009) with unit-norm atoms.
 */
import { ShapeError, type Tensor, checkInteger, checkNumber, checkOptions, Random } from "@scatterkit/core";
import { cdSolve } from "./lasso";
import { type Matrix, asMatrix, transpose } from "./util";

/** Options of {@link dictionaryLearning}. */
export interface DictionaryLearningOptions {
  /** Number of atoms k. */
  nAtoms: number;
  /** l1 weight lambda > 0 of each sample's code: min_a (1/2)||x - D a||^2 + lambda ||a||_1. */
  lambda: number;
  /** Passes over the data (default 5). */
  epochs?: number;
  /** Samples per mini-batch (default 10). */
  batchSize?: number;
  /** Non-negative codes (default false). */
  positiveCode?: boolean;
  /** Initial dictionary [m, k] (default: k distinct random samples, normalised; Gaussian atoms if a sample is 0). */
  init?: Tensor;
  /** Seed (default 1). */
  seed?: number;
}

/** Result of {@link dictionaryLearning}. */
export interface DictionaryLearningResult {
  /** Learned dictionary D: [m, k], atoms as unit-norm columns. */
  dictionary: Tensor<Float64Array>;
  /** Mean over samples of (1/2)||x - D a||^2 + lambda ||a||_1 (codes computed during each epoch). */
  objectivePerEpoch: Float64Array;
}

/**
 * Online dictionary learning: for each mini-batch of samples x_t (rows of X: [nSamples, m]),
 *   a_t = argmin_a (1/2)||x_t - D a||^2 + lambda ||a||_1     (coordinate descent),
 *   A <- A + a_t a_t^T,   B <- B + x_t a_t^T,
 * then one pass of block coordinate descent on the surrogate (1/2) tr(D^T D A) - tr(D^T B):
 *   u_j = d_j + (b_j - D a_j) / A_jj,   d_j = u_j / ||u_j||,
 * (an atom that no code uses yet, A_jj = 0, is re-drawn from a random sample). Past
 * statistics are down-weighted by (1 - 1/t) as in the paper's mini-batch variant.
 */
export function dictionaryLearning(X: Tensor, options: DictionaryLearningOptions): DictionaryLearningResult {
  const data = asMatrix("X", X);
  const o = checkOptions<DictionaryLearningOptions>("options", options);
  const k = checkInteger("nAtoms", o.nAtoms, 1);
  const lambda = checkNumber("lambda", o.lambda, { min: 0, minExclusive: true });
  const epochs = o.epochs === undefined ? 5 : checkInteger("epochs", o.epochs, 1);
  const batch = o.batchSize === undefined ? 10 : checkInteger("batchSize", o.batchSize, 1);
  const positive = o.positiveCode ?? false;
  const N = data.n;
  const m = data.p;
  const rand = new Random(o.seed ?? 1);
  const D = new Float64Array(m * k); // row-major [m, k]
  const setAtom = (j: number, v: ArrayLike<number>) => {
    let e = 0;
    for (let i = 0; i < m; i++) e += v[i] * v[i];
    if (!(e > 0)) {
      const r = Array.from({ length: m }, () => rand.normal());
      setAtom(j, r);
      return;
    }
    const s = 1 / Math.sqrt(e);
    for (let i = 0; i < m; i++) D[i * k + j] = v[i] * s;
  };
  const sample = (s: number) => data.a.subarray(s * m, (s + 1) * m);
  if (o.init !== undefined) {
    const I = asMatrix("init", o.init);
    if (I.n !== m || I.p !== k) {
      throw new ShapeError("init.shape", [I.n, I.p], `[${m}, ${k}] (features x nAtoms)`);
    }
    for (let j = 0; j < k; j++) {
      const v = new Float64Array(m);
      for (let i = 0; i < m; i++) v[i] = I.a[i * k + j];
      setAtom(j, v);
    }
  } else {
    const perm = Array.from({ length: N }, (_, i) => i);
    for (let j = 0; j < k; j++) {
      if (j < N) {
        const r = j + rand.nextInt(N - j);
        [perm[j], perm[r]] = [perm[r], perm[j]];
        setAtom(j, sample(perm[j]));
      } else
        setAtom(
          j,
          Array.from({ length: m }, () => rand.normal()),
        );
    }
  }
  const A = new Float64Array(k * k);
  const B = new Float64Array(m * k);
  const objs: number[] = [];
  const order = Array.from({ length: N }, (_, i) => i);
  let t = 0;
  const Dm: Matrix = { n: m, p: k, a: D };
  for (let ep = 0; ep < epochs; ep++) {
    for (let i = N - 1; i > 0; i--) {
      const r = rand.nextInt(i + 1);
      [order[i], order[r]] = [order[r], order[i]];
    }
    let obj = 0;
    for (let start = 0; start < N; start += batch) {
      const end = Math.min(N, start + batch);
      t++;
      const scale = t > 1 ? 1 - 1 / t : 0;
      for (let q = 0; q < A.length; q++) A[q] *= scale;
      for (let q = 0; q < B.length; q++) B[q] *= scale;
      const Dt = transpose(Dm);
      for (let s = start; s < end; s++) {
        const x = sample(order[s]);
        const res = cdSolve(Dm, Dt, Float64Array.from(x), lambda / m, {
          tol: 1e-6,
          maxIter: 1000,
          positive,
          polish: false,
        });
        obj += res.objective * m;
        const a = res.coef;
        for (let p = 0; p < k; p++) {
          const ap = a[p];
          if (ap === 0) continue;
          for (let q = 0; q < k; q++) A[p * k + q] += ap * a[q];
          for (let i = 0; i < m; i++) B[i * k + p] += x[i] * ap;
        }
      }
      // block coordinate descent on the atoms
      const col = new Float64Array(m);
      for (let j = 0; j < k; j++) {
        const ajj = A[j * k + j];
        if (!(ajj > 1e-12)) {
          setAtom(j, sample(rand.nextInt(N)));
          continue;
        }
        for (let i = 0; i < m; i++) {
          let da = 0;
          for (let q = 0; q < k; q++) da += D[i * k + q] * A[q * k + j];
          col[i] = D[i * k + j] + (B[i * k + j] - da) / ajj;
        }
        setAtom(j, col);
      }
    }
    objs.push(obj / N);
  }
  return { dictionary: { data: D, shape: [m, k] }, objectivePerEpoch: Float64Array.from(objs) };
}
