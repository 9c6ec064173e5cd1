/**
 * Which part of the ordered inputs a process handles: `--shard I/N`, or the environment of a
 * Kubernetes Indexed Job (`JOB_COMPLETION_INDEX`, with `--shards N`) or of a Slurm job array
 * (`SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN` of `SLURM_ARRAY_TASK_COUNT`).
 * @module
 */
import { ParameterError } from "@scatterkit/core";

/** The I-th of N parts; `source` says where I and N came from. */
export interface Shard {
  index: number;
  count: number;
  source: "--shard" | "JOB_COMPLETION_INDEX" | "SLURM_ARRAY_TASK_ID";
}

function int(name: string, text: string | undefined, min: number): number {
  if (text === undefined || !/^\s*-?\d+\s*$/.test(text))
    throw new ParameterError(name, text, `an integer >= ${min}`);
  const v = Number(text);
  if (v < min) throw new ParameterError(name, text, `an integer >= ${min}`);
  return v;
}

/**
 * The shard of this process, or null for the whole input list. `--shard I/N` wins; without it,
 * `JOB_COMPLETION_INDEX` (needs `--shards N`) or the Slurm array variables are used when set.
 * @throws ParameterError for a malformed or out-of-range value (I must satisfy 0 <= I < N)
 */
export function resolveShard(
  shard: string | undefined,
  shards: number | undefined,
  env: Record<string, string | undefined> = process.env,
): Shard | null {
  let s: Shard | null = null;
  if (shard !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(shard.trim());
    if (!m) throw new ParameterError("--shard", shard, "I/N with integers 0 <= I < N");
    s = { index: Number(m[1]), count: Number(m[2]), source: "--shard" };
    if (shards !== undefined && shards !== s.count)
      throw new ParameterError("--shards", shards, `${s.count} (the N of --shard ${shard}) or nothing`);
  } else if (env.JOB_COMPLETION_INDEX !== undefined && env.JOB_COMPLETION_INDEX !== "") {
    if (shards === undefined) {
      throw new ParameterError(
        "--shards",
        undefined,
        "the number of shards N (JOB_COMPLETION_INDEX is set: a Kubernetes Indexed Job with completions N)",
      );
    }
    s = {
      index: int("JOB_COMPLETION_INDEX", env.JOB_COMPLETION_INDEX, 0),
      count: shards,
      source: "JOB_COMPLETION_INDEX",
    };
  } else if (env.SLURM_ARRAY_TASK_ID !== undefined && env.SLURM_ARRAY_TASK_ID !== "") {
    const id = int("SLURM_ARRAY_TASK_ID", env.SLURM_ARRAY_TASK_ID, 0);
    const min = int("SLURM_ARRAY_TASK_MIN", env.SLURM_ARRAY_TASK_MIN, 0);
    const count = int("SLURM_ARRAY_TASK_COUNT", env.SLURM_ARRAY_TASK_COUNT, 1);
    if (shards !== undefined && shards !== count)
      throw new ParameterError("--shards", shards, `${count} (SLURM_ARRAY_TASK_COUNT) or nothing`);
    s = { index: id - min, count, source: "SLURM_ARRAY_TASK_ID" };
  } else if (shards !== undefined) {
    throw new ParameterError(
      "--shards",
      shards,
      "to come with JOB_COMPLETION_INDEX set (else use --shard I/N)",
    );
  }
  if (s) {
    if (s.count < 1) throw new ParameterError("shard count N", s.count, "an integer >= 1");
    if (s.index < 0 || s.index >= s.count) {
      const hint =
        s.source === "SLURM_ARRAY_TASK_ID"
          ? " (the array must be contiguous, e.g. --array=0-N-1 or 1-N, without a step)"
          : "";
      throw new ParameterError(
        `shard index (from ${s.source})`,
        s.index,
        `an integer with 0 <= I < ${s.count}${hint}`,
      );
    }
  }
  return s;
}

/**
 * Inputs [start, end) of part `index` of `count` contiguous parts of `total` ordered inputs. The
 * parts are split between pairs of inputs (2m, 2m+1), so every part but the last starts and ends
 * at an even index (the transforms compute such pairs together; see features.ts): with
 * P = ceil(total / 2) pairs, part I holds pairs floor(I P / N) .. floor((I+1) P / N) - 1.
 */
export function shardRange(total: number, index: number, count: number): { start: number; end: number } {
  const pairs = Math.ceil(total / 2);
  return {
    start: Math.min(total, 2 * Math.floor((index * pairs) / count)),
    end: Math.min(total, 2 * Math.floor(((index + 1) * pairs) / count)),
  };
}
