/**
 * Model files on disk (Node only).
 */
import type { NetworkEstimator } from "./api.js";
import { readTextFile, writeTextFile } from "./io.js";
import { loadNetwork } from "./models/index.js";
import { FormatError } from "@scatterkit/core";

/** Writes `model.toJSON()` as JSON text to `path` (atomically; Node only). */
export async function saveNetwork(model: NetworkEstimator, path: string): Promise<void> {
  await writeTextFile(path, JSON.stringify(model.toJSON()));
}

/** Reads a model file written by {@link saveNetwork} (Node only); FormatError when missing or not one. */
export async function readNetworkFile(path: string): Promise<NetworkEstimator> {
  const text = await readTextFile(path);
  if (text === undefined) throw new FormatError(`Model file ${JSON.stringify(path)} does not exist.`);
  return loadNetwork(text);
}
