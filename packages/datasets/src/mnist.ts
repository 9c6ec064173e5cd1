import { existsSync } from "node:fs";
import { join } from "node:path";
import { FormatError, ParameterError, checkInteger, checkOneOf, checkOptions } from "@scatterkit/core";
import { readIdx } from "./idx";

/** Images and labels of one split of an MNIST-like dataset. */
export interface ImageSet {
  /** `count * rows * cols` pixels, uint8 (0 = background for MNIST), row-major, image after image. */
  images: Uint8Array;
  /** `count` labels. */
  labels: Uint8Array;
  count: number;
  rows: number;
  cols: number;
}

/** Options of {@link loadMnistLike}. */
export interface LoadMnistOptions {
  /** `"train"` (files `train-*`) or `"test"` (files `t10k-*`). */
  kind: "train" | "test";
  /** Keep only the first `limit` images (default: all). */
  limit?: number;
}

function findFile(dir: string, prefix: string, what: "images" | "labels"): string {
  const dims = what === "images" ? "idx3" : "idx1";
  const names = [
    `${prefix}-${what}-${dims}-ubyte.gz`,
    `${prefix}-${what}-${dims}-ubyte`,
    `${prefix}-${what}.${dims}-ubyte.gz`,
    `${prefix}-${what}.${dims}-ubyte`,
  ];
  for (const n of names) {
    const p = join(dir, n);
    if (existsSync(p)) return p;
  }
  throw new FormatError(
    `No ${what} file for the ${prefix} split in ${JSON.stringify(dir)}: looked for ${names.join(", ")}.`,
  );
}

/**
 * Loads one split of MNIST, Fashion-MNIST or any dataset stored the same way:
 * `train-images-idx3-ubyte[.gz]` + `train-labels-idx1-ubyte[.gz]` (kind "train") or
 * `t10k-images-idx3-ubyte[.gz]` + `t10k-labels-idx1-ubyte[.gz]` (kind "test") in `dir`.
 *
 * @throws ParameterError for a bad `kind` or `limit`; FormatError when a file is
 *   missing, malformed, not uint8, or when image and label counts differ
 */
export function loadMnistLike(dir: string, options: LoadMnistOptions): ImageSet {
  if (typeof dir !== "string" || dir.length === 0) throw new ParameterError("dir", dir, "a directory path");
  const o = checkOptions<LoadMnistOptions>("options", options, {
    required: true,
    expected: 'an options object { kind: "train" | "test", limit? }',
  });
  const kind = checkOneOf("kind", o.kind, ["train", "test"] as const);
  const limit = o.limit === undefined ? undefined : checkInteger("limit", o.limit, 1);
  if (!existsSync(dir)) throw new FormatError(`Data directory ${JSON.stringify(dir)} does not exist.`);
  const prefix = kind === "train" ? "train" : "t10k";
  const imgPath = findFile(dir, prefix, "images");
  const lblPath = findFile(dir, prefix, "labels");
  const img = readIdx(imgPath);
  const lbl = readIdx(lblPath);
  if (img.type !== "uint8" || img.shape.length !== 3) {
    throw new FormatError(
      `${imgPath} holds ${img.type} of shape [${img.shape}]; expected uint8 [count, rows, cols].`,
    );
  }
  if (lbl.type !== "uint8" || lbl.shape.length !== 1) {
    throw new FormatError(`${lblPath} holds ${lbl.type} of shape [${lbl.shape}]; expected uint8 [count].`);
  }
  if (img.shape[0] !== lbl.shape[0]) {
    throw new FormatError(`${imgPath} has ${img.shape[0]} images but ${lblPath} has ${lbl.shape[0]} labels.`);
  }
  const [n0, rows, cols] = img.shape;
  const count = limit === undefined ? n0 : Math.min(limit, n0);
  return {
    images: count === n0 ? (img.data as Uint8Array) : (img.data as Uint8Array).slice(0, count * rows * cols),
    labels: count === n0 ? (lbl.data as Uint8Array) : (lbl.data as Uint8Array).slice(0, count),
    count,
    rows,
    cols,
  };
}
