import { ParameterError, ShapeError, checkInteger } from "@scatterkit/core";

function checkLabelArray(name: string, y: unknown): ArrayLike<number> {
  if (typeof y !== "object" || y === null || typeof (y as { length?: unknown }).length !== "number") {
    throw new ParameterError(name, y, "an array-like of integer labels");
  }
  const a = y as ArrayLike<unknown>;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0) {
      throw new ParameterError(`${name}[${i}]`, v, "an integer label >= 0");
    }
  }
  return a as ArrayLike<number>;
}

/**
 * Fraction of correct predictions: accuracy = (1/n) * #{i : yTrue[i] === yPred[i]}.
 * Throws when the lengths differ or are zero.
 */
export function accuracy(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  const t = checkLabelArray("yTrue", yTrue);
  const p = checkLabelArray("yPred", yPred);
  if (t.length !== p.length) throw new ShapeError("yPred.length", p.length, `${t.length} (yTrue.length)`);
  if (t.length === 0) throw new ShapeError("yTrue.length", 0, "at least 1 label");
  let ok = 0;
  for (let i = 0; i < t.length; i++) if (t[i] === p[i]) ok++;
  return ok / t.length;
}

/**
 * Confusion matrix M [k, k] (row = true class, column = predicted class):
 * M[a][b] = #{i : yTrue[i] = a and yPred[i] = b}. `k` defaults to 1 + the largest label.
 * Returned as a row-major Int32Array with its size `k`.
 */
export function confusionMatrix(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
  k?: number,
): { matrix: Int32Array; k: number } {
  const t = checkLabelArray("yTrue", yTrue);
  const p = checkLabelArray("yPred", yPred);
  if (t.length !== p.length) throw new ShapeError("yPred.length", p.length, `${t.length} (yTrue.length)`);
  let kk = 0;
  for (let i = 0; i < t.length; i++) kk = Math.max(kk, t[i] + 1, p[i] + 1);
  if (k !== undefined) {
    checkInteger("k", k, Math.max(1, kk));
    kk = k;
  }
  const matrix = new Int32Array(kk * kk);
  for (let i = 0; i < t.length; i++) matrix[t[i] * kk + p[i]]++;
  return { matrix, k: kk };
}
