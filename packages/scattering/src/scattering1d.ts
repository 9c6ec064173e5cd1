/**
 * Scattering1D (Kymatio 0.4's 1-D scattering): frontend in `scattering1d/frontend.ts`, path
 * walk in `scattering1d/core.ts`, numerical steps and buffers in `scattering1d/backend.ts`.
 * @module
 */
export {
  Scattering1D,
  type Scattering1DOptions,
  type Scattering1DMeta,
  type ScatteringPath1D,
} from "./scattering1d/frontend";
