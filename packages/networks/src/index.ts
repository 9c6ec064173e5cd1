/**
 * @scatterkit/networks: learned layers on wavelet scattering — the sparse scattering network
 * (homotopy ISTC), tight-frame separation/concentration, and the phase collapse network.
 * @packageDocumentation
 */
export type {
  CheckpointOptions,
  EpochInfo,
  FitOptions,
  LayerFisherRatio,
  LearningRateSchedule,
  NetworkEstimator,
  NetworkModelFile,
  NetworkModelName,
  PhaseCollapseNetworkOptions,
  PhaseCollapseNonlinearity,
  SparseScatteringNetworkOptions,
  StoredArray,
  TightFrameNetworkOptions,
  TightFrameNonlinearity,
  TrainingOptions,
} from "./api.js";
export { SparseScatteringNetwork, SPARSE_SCATTERING_STANDARD } from "./models/sparse-scattering.js";
export { TightFrameNetwork, TIGHT_FRAME_STANDARD } from "./models/tight-frame.js";
export { PhaseCollapseNetwork, PHASE_COLLAPSE_STANDARD } from "./models/phase-collapse.js";
export { createNetwork, loadNetwork, MODEL_NAMES, STANDARD_RUNS } from "./models/index.js";
export { saveNetwork, readNetworkFile } from "./files.js";
export { __networkShardWorker } from "./worker-entry.js";
