/**
 * Multi-layer convolutional sparse coding (ML-CSC) of Papyan, Romano & Elad,
 * "Convolutional neural networks analyzed via convolutional sparse coding" (JMLR 2017):
 *   x = D_1 g_1,  g_1 = D_2 g_2,  ...,  g_{K-1} = D_K g_K,  every g_i sparse.
 * A generator of signals with known codes, the layered thresholding pursuit
 * (= the forward pass of a CNN with ReLU and biases) and the layered basis pursuit.
 */
import {
  ParameterError,
  type Tensor,
  checkInteger,
  checkNumber,
  checkOptions,
  Random,
} from "@scatterkit/core";
import { cdSolve } from "./lasso";
import { type Matrix, asMatrix, asVector, matTVec, matVec, transpose } from "./util";

/** One layer of {@link mlcscModel}. */
export interface MlcscLayerSpec {
  /** Number of filters m_i (output channels). */
  filters: number;
  /** Spatial filter length n_i. */
  length: number;
  /**
   * Non-zeros per atom (default: all, i.e. dense filters). Sparse atoms with non-negative
   * entries in the layers i >= 2 keep the intermediate codes sparse and non-negative.
   */
  atomNonZeros?: number;
}

/** Options of {@link mlcscModel}. */
export interface MlcscModelOptions {
  /** Signal length N (every layer keeps N spatial positions; convolutions are circular). */
  length: number;
  /** Layers from the signal side (D_1) to the deepest (D_K). */
  layers: MlcscLayerSpec[];
  /** Seed of the deterministic generator (default 1). */
  seed?: number;
}

/** A multi-layer convolutional dictionary. */
export interface MlcscModel {
  /** Signal length N. */
  length: number;
  /** Channels per layer: channels[0] = 1 (the signal), channels[i] = filters of layer i. */
  channels: number[];
  /**
   * Dense convolutional dictionaries D_i: [channels[i-1] * N, channels[i] * N]. Code index
   * f * N + k is filter f shifted to position k; column (f, k) has entry h_f[c, t] at row
   * c * N + (k + t) mod N. Columns have unit norm.
   */
  dictionaries: Tensor<Float64Array>[];
}

/**
 * Builds a random ML-CSC model: layer 1 has Gaussian filters of the given length on the
 * signal; deeper layers have filters spanning all channels of the previous layer over
 * `length` positions, with `atomNonZeros` positive entries each (|N(0,1)|) when given,
 * Gaussian otherwise. Every atom is normalised to unit norm.
 */
export function mlcscModel(options: MlcscModelOptions): MlcscModel {
  const o = checkOptions<MlcscModelOptions>("options", options);
  const N = checkInteger("length", o.length, 2);
  if (!Array.isArray(o.layers) || o.layers.length === 0) {
    throw new ParameterError("layers", o.layers, "a non-empty array of { filters, length, atomNonZeros? }");
  }
  const rand = new Random(o.seed ?? 1);
  const channels = [1];
  const dictionaries: Tensor<Float64Array>[] = [];
  o.layers.forEach((spec, li) => {
    const m = checkInteger(`layers[${li}].filters`, spec.filters, 1);
    const n = checkInteger(`layers[${li}].length`, spec.length, 1, N);
    const cin = channels[li];
    const support = cin * n;
    const nz =
      spec.atomNonZeros === undefined
        ? support
        : checkInteger(`layers[${li}].atomNonZeros`, spec.atomNonZeros, 1, support);
    const rows = cin * N;
    const cols = m * N;
    const A = new Float64Array(rows * cols);
    for (let f = 0; f < m; f++) {
      const h = new Float64Array(support); // h[c * n + t]
      if (nz === support) for (let q = 0; q < support; q++) h[q] = rand.normal();
      else {
        const idx = Array.from({ length: support }, (_, q) => q);
        for (let q = 0; q < nz; q++) {
          const r = q + rand.nextInt(support - q);
          [idx[q], idx[r]] = [idx[r], idx[q]];
          h[idx[q]] = 0.2 + Math.abs(rand.normal());
        }
      }
      let e = 0;
      for (const v of h) e += v * v;
      const s = 1 / Math.sqrt(e);
      for (let k = 0; k < N; k++) {
        const col = f * N + k;
        for (let c = 0; c < cin; c++) {
          for (let t = 0; t < n; t++) {
            const row = c * N + ((k + t) % N);
            A[row * cols + col] += h[c * n + t] * s;
          }
        }
      }
    }
    channels.push(m);
    dictionaries.push({ data: A, shape: [rows, cols] });
  });
  return { length: N, channels, dictionaries };
}

/** Options of {@link mlcscSample}. */
export interface MlcscSampleOptions {
  /** Non-zeros of the deepest code g_K. */
  nonZeros: number;
  /** Standard deviation of the white Gaussian noise added to x (default 0). */
  noise?: number;
  /** Seed (default 1). */
  seed?: number;
}

/** A signal drawn from an ML-CSC model with its codes. */
export interface MlcscSample {
  /** Noisy signal y = x + noise (length N). */
  signal: Float64Array;
  /** Clean signal x = D_1 g_1. */
  clean: Float64Array;
  /** Codes g_1..g_K (g_i has channels[i] * N entries). */
  codes: Float64Array[];
}

/**
 * Draws g_K with `nonZeros` entries at random positions, magnitudes uniform in [1, 2]
 * (positive), then g_{i-1} = D_i g_i down to x = D_1 g_1, and y = x + noise * N(0, I).
 */
export function mlcscSample(model: MlcscModel, options: MlcscSampleOptions): MlcscSample {
  const o = checkOptions<MlcscSampleOptions>("options", options);
  const K = model.dictionaries.length;
  const top = model.channels[K] * model.length;
  const nz = checkInteger("nonZeros", o.nonZeros, 1, top);
  const noise = o.noise === undefined ? 0 : checkNumber("noise", o.noise, { min: 0 });
  const rand = new Random(o.seed ?? 1);
  const codes: Float64Array[] = new Array(K);
  const gK = new Float64Array(top);
  const idx = Array.from({ length: top }, (_, q) => q);
  for (let q = 0; q < nz; q++) {
    const r = q + rand.nextInt(top - q);
    [idx[q], idx[r]] = [idx[r], idx[q]];
    gK[idx[q]] = 1 + rand.next();
  }
  codes[K - 1] = gK;
  let cur: Float64Array = gK;
  for (let i = K - 1; i >= 0; i--) {
    const D = model.dictionaries[i];
    const m: Matrix = { n: D.shape[0], p: D.shape[1], a: D.data };
    const next = matVec(m, cur, new Float64Array(m.n));
    if (i > 0) codes[i - 1] = next;
    cur = next;
  }
  const clean = cur;
  const signal = Float64Array.from(clean, (v) => v + noise * rand.normal());
  return { signal, clean, codes };
}

function dictList(dicts: Tensor[]): Matrix[] {
  if (!Array.isArray(dicts) || dicts.length === 0) {
    throw new ParameterError("dictionaries", dicts, "a non-empty array of 2-D Tensors D_1..D_K");
  }
  const ms = dicts.map((d, i) => asMatrix(`dictionaries[${i}]`, d));
  for (let i = 1; i < ms.length; i++) {
    if (ms[i].n !== ms[i - 1].p) {
      throw new ParameterError(
        `dictionaries[${i}].shape`,
        [ms[i].n, ms[i].p],
        `${ms[i - 1].p} rows (the number of atoms of dictionaries[${i - 1}])`,
      );
    }
  }
  return ms;
}

function perLayer(name: string, v: unknown, K: number): number[] {
  const arr = typeof v === "number" ? new Array(K).fill(v) : v;
  if (!Array.isArray(arr) || arr.length !== K) {
    throw new ParameterError(name, v, `a number or an array of ${K} numbers (one per layer)`);
  }
  return arr.map((x, i) => checkNumber(`${name}[${i}]`, x, { min: 0 }));
}

/** Options of {@link layeredThresholding}. */
export interface LayeredThresholdingOptions {
  /** Thresholds beta_i >= 0, one per layer (or one for all). */
  thresholds: number | number[];
  /** Non-negative soft thresholding (ReLU with bias -beta_i; default true) or the signed soft threshold. */
  nonNegative?: boolean;
}

/**
 * Layered thresholding pursuit: g_0 = y and, for i = 1..K,
 *   g_i = ReLU(D_i^T g_{i-1} - beta_i)      (nonNegative, the default)
 *   g_i = S_{beta_i}(D_i^T g_{i-1})          (signed soft thresholding otherwise),
 * i.e. the forward pass of a CNN whose weights are D_i^T and biases -beta_i.
 * Returns the estimated codes g_1..g_K.
 */
export function layeredThresholding(
  dictionaries: Tensor[],
  y: Float64Array | Float32Array,
  options: LayeredThresholdingOptions,
): Float64Array[] {
  const ms = dictList(dictionaries);
  const o = checkOptions<LayeredThresholdingOptions>("options", options);
  const beta = perLayer("thresholds", o.thresholds, ms.length);
  const nonNeg = o.nonNegative ?? true;
  let cur: Float64Array = asVector("y", y, ms[0].n, `the number of rows of dictionaries[0], ${ms[0].n}`);
  const out: Float64Array[] = [];
  ms.forEach((m, i) => {
    const c = matTVec(m, cur, new Float64Array(m.p));
    const t = beta[i];
    for (let j = 0; j < m.p; j++) {
      const v = c[j];
      c[j] = nonNeg ? (v > t ? v - t : 0) : v > t ? v - t : v < -t ? v + t : 0;
    }
    out.push(c);
    cur = c;
  });
  return out;
}

/** Options of {@link layeredBasisPursuit}. */
export interface LayeredBasisPursuitOptions {
  /** l1 weights lambda_i > 0, one per layer (or one for all). */
  lambdas: number | number[];
  /** Non-negative codes (default true). */
  nonNegative?: boolean;
  /** Coordinate-descent tolerance (default 1e-8). */
  tol?: number;
  /** Coordinate-descent sweeps per layer (default 2000). */
  maxIter?: number;
}

/**
 * Layered basis pursuit: g_0 = y and, for i = 1..K,
 *   g_i = argmin_g (1/2) ||g_{i-1} - D_i g||_2^2 + lambda_i ||g||_1   (g >= 0 when nonNegative),
 * each solved by coordinate descent. Returns g_1..g_K.
 */
export function layeredBasisPursuit(
  dictionaries: Tensor[],
  y: Float64Array | Float32Array,
  options: LayeredBasisPursuitOptions,
): Float64Array[] {
  const ms = dictList(dictionaries);
  const o = checkOptions<LayeredBasisPursuitOptions>("options", options);
  const lam = perLayer("lambdas", o.lambdas, ms.length);
  const nonNeg = o.nonNegative ?? true;
  const tol = o.tol === undefined ? 1e-8 : checkNumber("tol", o.tol, { min: 0 });
  const maxIter = o.maxIter === undefined ? 2000 : checkInteger("maxIter", o.maxIter, 1);
  let cur: Float64Array = asVector("y", y, ms[0].n, `the number of rows of dictionaries[0], ${ms[0].n}`);
  const out: Float64Array[] = [];
  ms.forEach((m, i) => {
    const r = cdSolve(m, transpose(m), cur, lam[i] / m.n, { tol, maxIter, positive: nonNeg, polish: false });
    out.push(r.coef);
    cur = r.coef;
  });
  return out;
}
