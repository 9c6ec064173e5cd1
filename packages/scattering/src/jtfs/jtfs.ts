/**
 * TimeFrequencyScattering (joint time-frequency scattering, Kymatio 0.4's), re-exported from its
 * frontend (`frontend.ts`); tests and other modules import this path.
 * @module
 */
export {
  TimeFrequencyScattering,
  type TimeFrequencyScatteringOptions,
  type TimeFrequencyScatteringMeta,
} from "./frontend";
