/**
 * Time-frequency scattering (JTFS), vector-Jacobian products of the scattering transforms and
 * reconstruction from scattering coefficients.
 * @module
 */
export {
  TimeFrequencyScattering,
  type TimeFrequencyScatteringOptions,
  type TimeFrequencyScatteringMeta,
} from "./jtfs";
export {
  type FrequencyFilter,
  type FrequencyFilterBank,
  frequencyFilterBank,
  paddedFrequencyLength,
} from "./filters";
export { scattering1dVjp, type Scattering1DLike } from "../vjp/scattering1d-vjp";
export { scattering2dVjp, type Scattering2DLike } from "../vjp/scattering2d-vjp";
export {
  reconstruct,
  gaussianNoise,
  type DifferentiableTransform,
  type ReconstructOptions,
  type ReconstructResult,
} from "../reconstruct/reconstruct";
