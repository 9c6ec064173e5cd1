import * as scattering from "@scatterkit/scattering";
import { type FeatureResult, scatter1d, scatter1dAsync, scatter2d, scatter2dAsync } from "./compute.mjs";

/** A feature-extraction job: Scattering2D on uint8 images or Scattering1D on fixed-length signals. */
export type FeatureJob =
  | {
      kind: "2d";
      images: Uint8Array;
      count: number;
      rows: number;
      cols: number;
      J: number;
      L: number;
      features: "plain" | "log";
    }
  | {
      kind: "1d";
      signals: Float64Array;
      count: number;
      T: number;
      J: number;
      Q: number;
      features: "plain" | "log";
      /** "jtfs": TimeFrequencyScattering({ J, Jfr, Q, shape: T }) instead of Scattering1D. */
      transform?: "jtfs";
      Jfr?: number;
      /** With transform "jtfs": Scattering1D({ J, Q }) features first, then the JTFS ones. */
      withScattering1D?: { J: number; Q: number };
    };

/** Options of {@link extractFeatures}. */
export interface ExtractOptions {
  /** 1 computes on the calling thread; more (default 2) uses the library's worker pool (forwardAsync: one thread per core). */
  workers?: number;
  /** Called with the number of items done so far. */
  onProgress?: (done: number) => void;
}

function runLocal(job: FeatureJob, out?: Float32Array, onProgress?: (done: number) => void): FeatureResult {
  return job.kind === "2d"
    ? scatter2d(scattering, { ...job, out, onProgress })
    : scatter1d(scattering, { ...job, out, onProgress });
}

/**
 * Computes scattering features of a batch. With `workers` > 1 the batches go through the
 * transform's forwardAsync: @scatterkit/scattering's worker pool (the library's own worker
 * script; one thread per available core, the calling thread included) splits each batch, with
 * exactly forward's values; `workers: 1` computes on the calling thread.
 * @returns features [count, dim] (row-major), dim and the per-item output shape
 */
export async function extractFeatures(job: FeatureJob, opts: ExtractOptions = {}): Promise<FeatureResult> {
  const workers = Math.max(1, Math.min(opts.workers ?? 2, Math.floor(job.count / 8) || 1));
  if (workers === 1) return runLocal(job, undefined, opts.onProgress);
  return job.kind === "2d"
    ? scatter2dAsync(scattering, { ...job, onProgress: opts.onProgress })
    : scatter1dAsync(scattering, { ...job, onProgress: opts.onProgress });
}
