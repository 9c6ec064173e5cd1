/**
 * Model registry: construction by demo name, loading by a file's `model` field, standard runs.
 */
import { FormatError, ParameterError } from "@scatterkit/core";
import type {
  NetworkEstimator,
  NetworkModelFile,
  NetworkModelName,
  PhaseCollapseNetworkOptions,
  SparseScatteringNetworkOptions,
  TightFrameNetworkOptions,
} from "../api.js";
import { parseModelFile } from "../model-file.js";
import { PHASE_COLLAPSE_STANDARD, PhaseCollapseNetwork } from "./phase-collapse.js";
import { SPARSE_SCATTERING_STANDARD, SparseScatteringNetwork } from "./sparse-scattering.js";
import { TIGHT_FRAME_STANDARD, TightFrameNetwork } from "./tight-frame.js";

/** The documented standard run of each model (its constructor defaults). */
export const STANDARD_RUNS = {
  "sparse-scattering": SPARSE_SCATTERING_STANDARD,
  "tight-frame": TIGHT_FRAME_STANDARD,
  "phase-collapse": PHASE_COLLAPSE_STANDARD,
} as const;

/** Names accepted by {@link createNetwork}. */
export const MODEL_NAMES: readonly NetworkModelName[] = [
  "sparse-scattering",
  "tight-frame",
  "phase-collapse",
];

/** Constructs a model by its demo name ("sparse-scattering", "tight-frame", "phase-collapse"). */
export function createNetwork(
  name: NetworkModelName,
  options: SparseScatteringNetworkOptions | TightFrameNetworkOptions | PhaseCollapseNetworkOptions = {},
): NetworkEstimator {
  switch (name) {
    case "sparse-scattering":
      return new SparseScatteringNetwork(options as SparseScatteringNetworkOptions);
    case "tight-frame":
      return new TightFrameNetwork(options as TightFrameNetworkOptions);
    case "phase-collapse":
      return new PhaseCollapseNetwork(options as PhaseCollapseNetworkOptions);
    default:
      throw new ParameterError("model", name, '"sparse-scattering", "tight-frame" or "phase-collapse"');
  }
}

/** A fitted model from a model file (object or JSON text), of the class its `model` names. */
export function loadNetwork(file: NetworkModelFile | string): NetworkEstimator {
  const f = parseModelFile(file);
  switch (f.model) {
    case "sparse-scattering":
      return SparseScatteringNetwork.fromJSON(f);
    case "tight-frame":
      return TightFrameNetwork.fromJSON(f);
    case "phase-collapse":
      return PhaseCollapseNetwork.fromJSON(f);
    default:
      throw new FormatError(`Model file: unknown model ${JSON.stringify(f.model)}.`);
  }
}
