/**
 * HarmonicScattering3D (Kymatio 0.4's 3-D solid harmonic scattering): frontend in
 * `harmonic3d/frontend.ts`, path walk in `harmonic3d/core.ts`, numerical steps, filters and
 * buffers in `harmonic3d/backend.ts`, its 3-D FFT in `harmonic3d/fft3.ts`.
 * @module
 */
export {
  HarmonicScattering3D,
  type HarmonicScattering3DOptions,
  type HarmonicScattering3DMeta,
} from "./harmonic3d/frontend";
export { FFT3 } from "./harmonic3d/fft3";
