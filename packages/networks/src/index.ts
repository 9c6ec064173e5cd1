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
