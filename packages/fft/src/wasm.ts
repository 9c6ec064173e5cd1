/**
 * The WebAssembly SIMD path of the FFT plans, one concept per file under ./wasm/:
 * - passes.ts (+ pass-frame.ts), real.ts, blocks.ts: the kernels, each defined once (formula, WebAssembly
 *   body, TypeScript twin; see DEVELOPERS.md "How to add a kernel"), gathered in module.ts;
 * - state.ts: the single state object (instance, memory view, allocator, work areas),
 *   loading, and copies in and out of module memory;
 * - engine.ts (complex passes), real-transform.ts (real FFTs), nd-memory.ts (N-D driver).
 * Used when the JavaScript engine compiles SIMD modules (Node >= 16.4, current browsers);
 * otherwise the plain TypeScript engines of engines.ts run.
 * @internal
 */
export { fftKernels } from "./wasm/module";
export { initSimdKernels, resetSimdState, simd, simdCompiled, testAccess, wasmAvailable } from "./wasm/state";
export { WasmEngine, wasmSupports } from "./wasm/engine";
export { WasmRealTransform } from "./wasm/real-transform";
export { ndInMemory } from "./wasm/nd-memory";
