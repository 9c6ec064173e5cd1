/**
 * The GEMM engines: buffers for the packed blocks plus the block kernel (gemmBlock of
 * kernels.ts) as WebAssembly SIMD (buffers in the instance's memory) or as its TypeScript
 * twin (plain arrays). Both give the same bits; "auto" prefers WebAssembly.
 * @internal
 */
import { ParameterError } from "@scatterkit/core";
import { type GemmEngine, KC, MC, NC } from "./gemm.js";
import { linalgModule } from "./kernels.js";

let current: GemmEngine | null = null;
let choice: "auto" | "typescript" | "wasm" = "auto";

function tsEngine(): GemmEngine {
  const pa = new Float64Array(MC * KC);
  const pb = new Float64Array(KC * NC);
  const cb = new Float64Array(MC * NC);
  const k = linalgModule.bindTwins();
  return { name: "typescript", pa, pb, cb, macro: (mc, nc, kc) => k.gemmBlock(pa, pb, cb, mc, nc, kc) };
}

function wasmEngine(): GemmEngine | null {
  const bytes = 8 * (MC * KC + KC * NC + MC * NC);
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) + 1 });
  } catch {
    return null;
  }
  const inst = linalgModule.instantiate(memory);
  if (!inst) return null;
  const buf = memory.buffer;
  const pa = new Float64Array(buf, 0, MC * KC);
  const pb = new Float64Array(buf, pa.byteLength, KC * NC);
  const cb = new Float64Array(buf, pa.byteLength + pb.byteLength, MC * NC);
  const gemmBlock = inst.kernels.gemmBlock;
  return { name: "wasm-simd", pa, pb, cb, macro: (mc, nc, kc) => gemmBlock(pa, pb, cb, mc, nc, kc) };
}

/** The engine in use (created on first call). @internal */
export function getEngine(): GemmEngine {
  if (current) return current;
  if (choice !== "typescript") current = wasmEngine();
  if (!current && choice === "wasm") {
    throw new ParameterError("engine", "wasm", "an engine this runtime supports (no WebAssembly SIMD here)");
  }
  current ??= tsEngine();
  return current;
}

/** The engine choice last given to setEngine ("auto" by default). @internal */
export function getEngineChoice(): "auto" | "typescript" | "wasm" {
  return choice;
}

/** Name of the GEMM engine in use: "wasm-simd" or "typescript". */
export function getEngineName(): string {
  return getEngine().name;
}

/**
 * Chooses the GEMM engine: "auto" (WebAssembly SIMD when available, else TypeScript),
 * "typescript" (the fallback) or "wasm" (throws a ParameterError when unavailable). Both
 * engines give the same bits. Returns the name of the engine now in use.
 */
export function setEngine(which: "auto" | "typescript" | "wasm"): string {
  if (which !== "auto" && which !== "typescript" && which !== "wasm") {
    throw new ParameterError("engine", which, '"auto", "typescript" or "wasm"');
  }
  choice = which;
  current = null;
  return getEngine().name;
}

/**
 * The compiled WebAssembly module of linalg's kernels (exports rowsScoresF32/F64,
 * rowsAccTF32/F64, gemmBlock; memory imported as env.mem), or null when WebAssembly SIMD is
 * unavailable or the TypeScript engine was chosen. For code that runs the kernels in worker
 * threads (a WebAssembly.Module can be posted to a worker).
 * @internal
 */
export function compiledKernels(): WebAssembly.Module | null {
  if (choice === "typescript") return null;
  return linalgModule.compile();
}
