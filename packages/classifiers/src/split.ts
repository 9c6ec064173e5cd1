import { ParameterError, checkInteger, checkNumber, checkOptions, Random } from "@scatterkit/core";

/** Options of {@link trainValidationSplit}. */
export interface SplitOptions {
  /** Fraction of the samples put in the validation set, in (0, 1). Default 0.2. */
  validationFraction?: number;
  /** Seed of the generator ({@link Random}); the same seed gives the same split. Default 0. */
  seed?: number;
  /**
   * Labels for a stratified split: each class contributes round(fraction * n_c)
   * samples to the validation set (at least one sample of each class stays in training).
   */
  stratify?: ArrayLike<number>;
}

/**
 * Seeded, reproducible split of the indices 0..n-1 into a training and a
 * validation set. Without `stratify`, the validation set is the first
 * round(validationFraction * n) entries of a seeded random permutation
 * (clamped to [1, n-1]); with `stratify`, the same is done within each class.
 * Both index lists are returned sorted increasingly.
 */
export function trainValidationSplit(
  n: number,
  options: SplitOptions = {},
): { train: Int32Array; validation: Int32Array } {
  checkInteger("n", n, 2);
  const o = checkOptions("options", options);
  const fraction =
    o.validationFraction === undefined
      ? 0.2
      : checkNumber("validationFraction", o.validationFraction, { min: 0, max: 1, minExclusive: true });
  if (fraction >= 1) throw new ParameterError("validationFraction", fraction, "a number in (0, 1)");
  const seed = o.seed === undefined ? 0 : checkInteger("seed", o.seed);
  const rng = new Random(seed);
  const isVal = new Uint8Array(n);
  if (o.stratify === undefined) {
    const perm = rng.permutation(n);
    const nv = Math.min(n - 1, Math.max(1, Math.round(fraction * n)));
    for (let i = 0; i < nv; i++) isVal[perm[i]] = 1;
  } else {
    const y = o.stratify as ArrayLike<unknown>;
    if (typeof y !== "object" || y === null || y.length !== n) {
      throw new ParameterError("stratify", y, `an array-like of ${n} integer labels`);
    }
    const byClass = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const v = y[i];
      if (typeof v !== "number" || !Number.isInteger(v) || v < 0) {
        throw new ParameterError(`stratify[${i}]`, v, "an integer label >= 0");
      }
      let list = byClass.get(v);
      if (!list) byClass.set(v, (list = []));
      list.push(i);
    }
    for (const label of [...byClass.keys()].sort((a, b) => a - b)) {
      const idx = Int32Array.from(byClass.get(label) as number[]);
      rng.shuffle(idx);
      const nc = idx.length;
      const nv = Math.min(nc - 1, Math.round(fraction * nc));
      for (let i = 0; i < nv; i++) isVal[idx[i]] = 1;
    }
  }
  let nv = 0;
  for (let i = 0; i < n; i++) nv += isVal[i];
  const train = new Int32Array(n - nv);
  const validation = new Int32Array(nv);
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    if (isVal[i]) validation[b++] = i;
    else train[a++] = i;
  }
  return { train, validation };
}

/**
 * Rows `indices` of X [n, d] as a new Tensor [indices.length, d] of the same float
 * type (e.g. `takeRows(X, split.train)`).
 */
export function takeRows<T extends Float32Array | Float64Array>(
  x: { data: T; shape: readonly number[] },
  indices: ArrayLike<number>,
): { data: T; shape: [number, number] } {
  const [n, d] = x.shape as [number, number];
  const out = (
    x.data instanceof Float32Array
      ? new Float32Array(indices.length * d)
      : new Float64Array(indices.length * d)
  ) as T;
  for (let r = 0; r < indices.length; r++) {
    const i = indices[r];
    checkInteger(`indices[${r}]`, i, 0, n - 1);
    out.set(x.data.subarray(i * d, i * d + d), r * d);
  }
  return { data: out, shape: [indices.length, d] };
}

/** Entries `indices` of a label array, as an Int32Array. */
export function takeLabels(y: ArrayLike<number>, indices: ArrayLike<number>): Int32Array {
  const out = new Int32Array(indices.length);
  for (let r = 0; r < indices.length; r++) {
    const i = indices[r];
    checkInteger(`indices[${r}]`, i, 0, y.length - 1);
    out[r] = y[i];
  }
  return out;
}
