/**
 * @scatterkit/fft: any-size FFT plans on typed arrays.
 *
 * Complex data is interleaved (re, im) everywhere; offsets and strides count
 * complex elements. numpy's conventions: forward unnormalised with
 * e^{-2 pi i k n / N}, inverse scaled by 1/N.
 * @packageDocumentation
 */
export {
  type Complex,
  type ComplexPlan,
  type RealPlan,
  complexPlan,
  clearPlanCache,
  isPowerOfTwo,
  nextPowerOfTwo,
  setPowerOfTwoEngine,
  useSimd,
  initSimd,
} from "./plan";
export { realPlan } from "./real-plan";
export { fft, ifft, rfft, irfft, fftAxis, fftn, ifftn, fft2, ifft2, realToComplex } from "./nd";
/** @internal */
export { fftnInPlace } from "./inplace";
/** @internal The fft's WebAssembly kernels (for the kernel tests). */
export { fftKernels } from "./wasm";
