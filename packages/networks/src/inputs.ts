/**
 * Checks of a network's inputs: images [n, H, W] and class labels.
 * @internal
 */
import { type FloatArray, ParameterError, ShapeError, type Tensor } from "@scatterkit/core";

/**
 * Checks images [n, H, W] (float typed array, finite values; [H, W] = `expect` when given) and
 * returns their dimensions and data.
 */
export function checkImages(
  name: string,
  images: unknown,
  expect?: [number, number],
): { n: number; H: number; W: number; data: FloatArray } {
  const t = images as Tensor;
  if (
    typeof t !== "object" ||
    t === null ||
    !(t.data instanceof Float32Array || t.data instanceof Float64Array)
  ) {
    throw new ParameterError(
      name,
      images,
      "a Tensor { data: Float32Array | Float64Array, shape: [n, H, W] }",
    );
  }
  if (
    !Array.isArray(t.shape) ||
    t.shape.length !== 3 ||
    !t.shape.every((s) => Number.isInteger(s) && s >= 1)
  ) {
    throw new ShapeError(`${name}.shape`, t.shape, "[n, H, W] with positive integers");
  }
  const [n, H, W] = t.shape as number[];
  if (t.data.length !== n * H * W) {
    throw new ShapeError(
      `${name}.data.length`,
      t.data.length,
      `n * H * W = ${n * H * W} for shape [${n}, ${H}, ${W}]`,
    );
  }
  if (expect && (H !== expect[0] || W !== expect[1])) {
    throw new ShapeError(
      `${name}.shape`,
      t.shape,
      `[n, ${expect[0]}, ${expect[1]}] (the image size the model was fitted on)`,
    );
  }
  const d = t.data;
  for (let i = 0; i < d.length; i++) {
    if (!Number.isFinite(d[i])) {
      throw new ParameterError(`${name}.data[${i}]`, d[i], "finite numbers (no NaN or infinity in images)");
    }
  }
  return { n, H, W, data: d };
}

/** Checks labels: n integers in [0, classes). */
export function checkLabels(labels: unknown, n: number, classes?: number): Int32Array {
  const y = labels as ArrayLike<number>;
  if (y === null || typeof y !== "object" || typeof y.length !== "number") {
    throw new ParameterError("labels", labels, "an array of integer class labels");
  }
  if (y.length !== n) throw new ShapeError("labels.length", y.length, `${n} (one label per image)`);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (!Number.isInteger(v) || v < 0 || (classes !== undefined && v >= classes)) {
      throw new ParameterError(
        `labels[${i}]`,
        v,
        classes === undefined ? "an integer >= 0" : `an integer class in [0, ${classes - 1}]`,
      );
    }
    out[i] = v;
  }
  return out;
}
