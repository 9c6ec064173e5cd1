/**
 * Scattering2D (Kymatio 0.4's 2-D scattering): frontend in `scattering2d/frontend.ts`, path
 * walk in `scattering2d/core.ts`, numerical steps, plans and buffers in `scattering2d/backend.ts`.
 * @module
 */
export {
  Scattering2D,
  type Scattering2DOptions,
  type Scattering2DMeta,
  kymatioPadded2d,
} from "./scattering2d/frontend";
