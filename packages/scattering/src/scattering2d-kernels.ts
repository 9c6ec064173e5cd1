/**
 * The plain-loop helpers of Scattering2D now live in ./kernels/ (one concept per file:
 * reflect.ts, fft2.ts, cropped-idft.ts, lowpass.ts, fold.ts for the fold planning); the
 * reference loops used only by tests are in test/reference-kernels.ts. This module keeps the
 * names the transforms import.
 * @internal
 */
export { reflectIndex } from "./kernels/reflect";
export { FFT2 } from "./kernels/fft2";
export { CroppedInverseDFT } from "./kernels/cropped-idft";
export { SeparableLowpass } from "./kernels/lowpass";
export { activeRuns } from "./kernels/fold";
