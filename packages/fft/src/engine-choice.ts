/**
 * The engine choice behind every plan: registered factories first, then fft.js or the WebAssembly
 * SIMD Stockham engine where selected and supported, the TypeScript mixed-radix engine for smooth
 * sizes, Bluestein for the rest; the switches that change it (`setPowerOfTwoEngine`, `useSimd`,
 * `initSimd`), and the module-wide scratch of batched execution.
 * @module
 */
import { ParameterError } from "@scatterkit/core";
import { isPowerOfTwo } from "./checks";
import {
  BluesteinEngine,
  type Engine,
  FftJsEngine,
  MAX_GENERIC_RADIX,
  MixedRadixEngine,
  isSmooth,
} from "./engines";
import { clearPlanCache, planCache, realPlanCache } from "./plan-cache";
import { WasmEngine, initSimdKernels, simdCompiled, wasmAvailable, wasmSupports } from "./wasm";

/** An engine factory: returns an engine for size n, or undefined to decline. */
export type EngineFactory = (n: number) => Engine | undefined;
const extraFactories: EngineFactory[] = [];

/** @internal Registers an engine factory tried before the built-in choice for sizes > 1. */
export function registerEngineFactory(f: EngineFactory): void {
  extraFactories.push(f);
  planCache.clear();
  realPlanCache.clear();
}

/** Which engine to use for powers of two: the Stockham radix-4 engine (default) or fft.js. */
let pow2Engine: "radix4" | "fftjs" = "radix4";

/**
 * Chooses the kernel behind power-of-two plans: `"radix4"` (this package's
 * Stockham radix-4 passes, the default: measured faster than fft.js here) or
 * `"fftjs"` (fft.js's radix-4 transform). Clears the plan caches.
 */
export function setPowerOfTwoEngine(kind: "radix4" | "fftjs"): void {
  if (kind !== "radix4" && kind !== "fftjs") {
    throw new ParameterError("kind", kind, '"radix4" or "fftjs"');
  }
  pow2Engine = kind;
  clearPlanCache();
}

let simd = true;

/**
 * Turns the WebAssembly SIMD kernels on (default, when the JavaScript engine
 * supports them) or off (plain TypeScript kernels everywhere). Clears the plan
 * caches. Returns whether SIMD kernels are now in use.
 */
export function useSimd(enabled: boolean): boolean {
  if (typeof enabled !== "boolean") throw new ParameterError("enabled", enabled, "true or false");
  simd = enabled;
  clearPlanCache();
  return simd && simdCompiled();
}

/**
 * Makes sure the WebAssembly SIMD kernels are compiled, asynchronously if the
 * environment refuses synchronous compilation (a browser's main thread refuses
 * modules above 4 KB; Node.js, workers and other browsers compile synchronously on
 * first use and need no call). Clears the plan caches when the kernels became
 * available here, so later plans use them. Resolves to whether SIMD kernels are
 * in use.
 */
export async function initSimd(): Promise<boolean> {
  const before = wasmAvailable();
  const ok = await initSimdKernels();
  if (ok && !before) clearPlanCache();
  return ok && simd;
}

/** @internal The engine the planner picks for size n. */
export function makeEngine(n: number): Engine {
  if (n > 1) {
    for (const f of extraFactories) {
      const e = f(n);
      if (e) return e;
    }
  }
  const pow2 = n >= 2 && isPowerOfTwo(n);
  if (pow2 && pow2Engine === "fftjs") return new FftJsEngine(n);
  if (simd && wasmSupports(n)) {
    try {
      return new WasmEngine(n);
    } catch {
      // module memory could not grow (4 GiB address space): use the TypeScript kernels
    }
  }
  // With SIMD, Bluestein on SIMD lengths beats the TypeScript generic passes for
  // primes above 13 (measured: n = 232 = 8 * 29 is 2.5x faster); without, up to 31.
  const maxRadix = simd && wasmAvailable() ? 13 : MAX_GENERIC_RADIX;
  if (isSmooth(n, maxRadix)) return new MixedRadixEngine(n);
  return new BluesteinEngine(n, makeEngine);
}

/** Module-wide growable scratch for batched execution (grown, never shrunk). */
let batchScratch: Float64Array[] = [new Float64Array(0), new Float64Array(0), new Float64Array(0)];

/** @internal Three scratch arrays of at least `doubles` entries each (reused across calls). */
export function scratch(doubles: number): Float64Array[] {
  if (batchScratch[0].length < doubles) {
    batchScratch = [new Float64Array(doubles), new Float64Array(doubles), new Float64Array(doubles)];
  }
  return batchScratch;
}
