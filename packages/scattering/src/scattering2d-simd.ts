/**
 * The WebAssembly SIMD kernels of Scattering2D and HarmonicScattering3D now live in
 * ./kernels/ (one concept per file: fold.ts with the fold planning, modulus.ts, cmul.ts,
 * grid3d.ts, module.ts, arena.ts); this module keeps the names the transforms import.
 * @internal
 */
export { KernelArena, simdSettings } from "./kernels/arena";
export { denseFoldRuns, sparseFoldRuns } from "./kernels/fold";
export { scatteringKernels } from "./kernels/module";
