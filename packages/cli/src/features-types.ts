/**
 * The types of `scatterkit features`: its options, the JSON written beside its `.npy`
 * (`FILE.npy.json`, also what merge writes), and what {@link runFeatures} returns.
 * @module
 */
import type { InputRecord } from "./json-file";
import type { TransformName, TransformParams } from "./transform";

/** Options of {@link runFeatures} (the command line's, parsed). */
export interface FeaturesOptions {
  transform: TransformName;
  /** Transform options by command-line name (J, Q, L, T, ...); defaults filled in. */
  params?: TransformParams;
  /** Output `.npy` path; `{shard}` is replaced by the shard index. */
  out: string;
  /** Files and folders. */
  inputs: string[];
  /** Audio: pad or trim to this many samples. */
  length?: number;
  /** Images: colour to grey. */
  gray?: boolean;
  /** "plain" (default): the coefficients; "log": log(|Sx| + 1e-6). */
  features?: "plain" | "log";
  /** `I/N`. */
  shard?: string;
  /** N for `JOB_COMPLETION_INDEX`. */
  shards?: number;
  /** Continue the run recorded in `out` and `out.json`. */
  resume?: boolean;
  /** Rows per batch (default: about 1 MB of input and output, at least 4 per core, at most 256). */
  batch?: number;
  /** Limits on files (see ReadOptions / ImageLimits). */
  maxBytes?: number;
  maxPixels?: number;
  /** Progress display (default: "bar" on a TTY, else "lines"). */
  progress?: "bar" | "lines" | "none";
  /** Where messages go (default process.stderr). */
  stream?: NodeJS.WritableStream;
  /** Environment for the shard variables (default process.env). */
  env?: Record<string, string | undefined>;
  /** Stops the run at the next batch boundary (Ctrl-C), leaving a valid partial output. */
  signal?: AbortSignal;
  /** Seconds between checkpoints (default 1). */
  checkpointSeconds?: number;
  /** The command line, recorded in the JSON. */
  argv?: string[];
}

/** One entry of the JSON's `skipped`. */
export interface SkipRecord {
  file: string;
  /** Index of the file in the whole ordered input list. */
  index: number;
  reason: string;
}

/** The JSON written beside a features `.npy` (`FILE.npy.json`). */
export interface FeaturesJson {
  format: "scatterkit-features/1";
  complete: boolean;
  transform: TransformName;
  parameters: Record<string, number | string | boolean | null>;
  dtype: "float32";
  /** Shape of one transform input (a row's signal or image). */
  inputShape: number[];
  /** Shape of one output row. */
  rowShape: number[];
  /** Rows in the .npy. */
  rows: number;
  /** sha256 of the whole ordered input list (all shards), so merge and resume can check it. */
  inputList: { count: number; sha256: string };
  /** This file's part of the list: inputs [start, end). */
  shard: { index: number; count: number; source: string; start: number; end: number } | null;
  inputs: InputRecord[];
  skipped: SkipRecord[];
  /** Where the run continues: next input (whole-list index) and its next row. */
  position: { input: number; row: number };
  versions: Record<string, string>;
  /**
   * Wall seconds (all sessions of a resumed run), seconds reading + decoding, in the transform
   * (worker pool), writing rows; files per second of this session; peak resident memory of the
   * process (worker threads included) in MiB.
   */
  timings: {
    seconds: number;
    readSeconds: number;
    transformSeconds: number;
    writeSeconds: number;
    filesPerSecond: number;
    peakRssMiB?: number;
  };
  command: string[];
}

/** What {@link runFeatures} returns. */
export interface FeaturesSummary {
  /** The JSON written beside the .npy, without `inputs` (read them from `jsonPath`). */
  json: Omit<FeaturesJson, "inputs">;
  /** Path of the JSON file. */
  jsonPath: string;
  /** True when stopped by the signal before the end. */
  interrupted: boolean;
}
