/**
 * Argument checks shared by the filter-bank builders (on top of @scatterkit/core's).
 */
import { ParameterError, checkInteger } from "@scatterkit/core";

/**
 * Validates a 2-D grid shape: an array of two integers >= 1. Returns [M, N]; otherwise
 * throws a ParameterError naming `shape` (or `shape[0]` / `shape[1]`).
 */
export function checkShape2D(shape: unknown): [number, number] {
  if (!Array.isArray(shape) || shape.length !== 2) throw new ParameterError("shape", shape, "[M, N]");
  return [checkInteger("shape[0]", shape[0], 1), checkInteger("shape[1]", shape[1], 1)];
}
