/**
 * Model files (see NetworkModelFile in api.ts): parsing and checking a header, storing and
 * restoring the arrays of a network's layers, and checking that a file fits a model.
 * @internal
 */
import { FormatError } from "@scatterkit/core";
import type { NetworkModelFile, StoredArray } from "./api.js";
import { restoreArray, storeArray } from "./io.js";
import type { Layer } from "./nn/layer.js";

/** Parses and checks the header of a model file (object or JSON text). */
export function parseModelFile(file: NetworkModelFile | string): NetworkModelFile {
  let f: NetworkModelFile;
  if (typeof file === "string") {
    try {
      f = JSON.parse(file);
    } catch (e) {
      throw new FormatError(`Model file: not JSON (${(e as Error).message}).`);
    }
  } else {
    f = file;
  }
  if (typeof f !== "object" || f === null || f.format !== "scatterkit-network") {
    throw new FormatError('Model file: not a scatterkit network file (format must be "scatterkit-network").');
  }
  if (f.version !== 1)
    throw new FormatError(`Model file: version ${JSON.stringify(f.version)} is not supported (expected 1).`);
  if (
    !Array.isArray(f.inputShape) ||
    f.inputShape.length !== 2 ||
    !Number.isInteger(f.classes) ||
    typeof f.arrays !== "object" ||
    typeof f.options !== "object"
  ) {
    throw new FormatError("Model file: inputShape, classes, options or arrays missing or malformed.");
  }
  return f;
}

/** Every parameter and buffer of the layers, by name, as stored arrays. */
export function storeLayers(layers: readonly Layer[]): Record<string, StoredArray> {
  const arrays: Record<string, StoredArray> = {};
  for (const l of layers) {
    for (const p of l.params) arrays[p.name] = storeArray(p.value, p.shape);
    for (const b of l.buffers) arrays[b.name] = storeArray(b.value, b.shape);
  }
  return arrays;
}

/**
 * Copies every parameter and buffer of the layers from stored arrays (FormatError when one is
 * missing or has another length).
 */
export function restoreLayers(layers: readonly Layer[], arrays: Record<string, StoredArray>): void {
  for (const l of layers) {
    for (const p of l.params) restoreArray(arrays[p.name], p.value, p.name);
    for (const b of l.buffers) restoreArray(arrays[b.name], b.value, b.name);
  }
}

/**
 * FormatError unless the file holds a `modelName` network whose options agree with every
 * architecture option given.
 */
export function checkCompatible(
  file: NetworkModelFile,
  modelName: string,
  architecture: Record<string, unknown>,
): void {
  if (file.model !== modelName) {
    throw new FormatError(
      `Model file: holds a ${JSON.stringify(file.model)} network, not a ${JSON.stringify(modelName)} one.`,
    );
  }
  for (const [k, v] of Object.entries(architecture)) {
    if (JSON.stringify(file.options[k]) !== JSON.stringify(v)) {
      throw new FormatError(
        `Model file: option ${k} is ${JSON.stringify(file.options[k])} in the file but ${JSON.stringify(v)} in this model.`,
      );
    }
  }
}
