/**
 * @scatterkit/linalg: dense linear algebra kernels on typed arrays (row-major, explicit
 * offsets and leading dimensions): GEMM, GEMV, SYRK / Gram matrices and row-wise reductions,
 * float32 and float64, blocked for cache, WebAssembly SIMD with a TypeScript fallback.
 * @packageDocumentation
 */
export { gemm } from "./gemm.js";
export { gemv } from "./gemv.js";
export { gram, syrk } from "./syrk.js";
export { rowLogSumExp, rowMax, rowSums } from "./reduce.js";
export { matmul } from "./matmul.js";
export { PackedRows, type RowBlockFn, type RowProducts } from "./rows.js";
export { compiledKernels, getEngineName, setEngine } from "./engine.js";
export { compiledKernelsShared } from "./shared-module.js";
export { VectorBank } from "./vectors.js";
