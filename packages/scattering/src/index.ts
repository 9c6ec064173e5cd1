/**
 * @scatterkit/scattering: Scattering1D, Scattering2D and HarmonicScattering3D equal
 * to Kymatio 0.4's NumPy frontend, and deep scattering networks of any depth with
 * their energy propagation (DeepScattering1D / DeepScattering2D).
 * @packageDocumentation
 */
export * from "./deep/index";
export {
  Scattering2D,
  type Scattering2DOptions,
  type Scattering2DMeta,
  kymatioPadded2d,
} from "./scattering2d";
export {
  Scattering1D,
  type Scattering1DOptions,
  type Scattering1DMeta,
  type ScatteringPath1D,
} from "./scattering1d";
export { scatteringPadding1D, reflectPad, type Padding1D } from "./padding1d";
export {
  HarmonicScattering3D,
  type HarmonicScattering3DOptions,
  type HarmonicScattering3DMeta,
} from "./harmonic3d";
export type { ScatteringTransform, TransformMeta } from "./transform";
export { MemoryLimitError, type SizeOptions } from "./sizes";
// time-frequency scattering, vjp and reconstruction (src/jtfs, src/vjp, src/reconstruct)
export * from "./jtfs/index";
