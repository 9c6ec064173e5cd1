/**
 * The `scatterkit` command line: argument parsing, the two commands (`features`, `merge`),
 * messages and exit codes (0 done, 1 failed, 2 usage error, 130 interrupted).
 * @module
 */
import { ParameterError, ScatterkitError } from "@scatterkit/core";
import { type FeaturesOptions, runFeatures } from "./features";
import { runMerge } from "./merge";
import {
  TRANSFORMS,
  TRANSFORM_OPTIONS,
  type TransformName,
  type TransformParams,
  parseTransformValue,
} from "./transform";

/** The usage text printed by `--help`. */
export const USAGE = `scatterkit: scattering features of WAV, PNG, JPEG and NPY files into a float32 .npy

Usage:
  scatterkit features --transform scattering1d|scattering2d|jtfs [--J N] [--Q N] [--L N] [...]
                      [--shard I/N] --out FILE.npy INPUT...
  scatterkit merge --out FILE.npy SHARD.npy...

INPUT: files or folders (read recursively; ordered by the code-point order of their paths
relative to the folder given). WAV gives one row ([channels, N]); PNG/JPEG one row ([H, W] grey,
[3, H, W] colour, values in [0, 1]); NPY [n, ...sample] gives n rows. FILE.npy.json lists the
inputs in row order, the parameters, versions, timings and every skipped file with its reason.

Transform options (defaults):
  scattering1d  --J 6 --Q 8 [--T N|global] [--stride N] [--max-order 1|2]
  scattering2d  --J 2 --L 8 [--max-order 1|2]
  jtfs          --J 6 --Q 8 --Jfr 2 [--Qfr N] [--T N|global] [--F N|global] [--stride N]
                [--stride-fr N] [--format time|joint]
Other options:
  --length N        audio: pad (centred zeros) or trim (first N samples) every signal to N
  --gray            images: colour to one grey channel (0.299 R + 0.587 G + 0.114 B)
  --features K      plain (default) | log: log(|Sx| + 1e-6)
  --resume          continue the run recorded in FILE.npy(.json), skipping rows already written
  --shard I/N       the I-th of N contiguous parts of the inputs (0 <= I < N); without it,
                    JOB_COMPLETION_INDEX (Kubernetes Indexed Job, with --shards N) or
                    SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN of SLURM_ARRAY_TASK_COUNT
  --shards N        number of shards for JOB_COMPLETION_INDEX
                    ("{shard}" in --out is replaced by the shard index)
  --batch N         rows per transform batch (default: about 1 MB, >= 4 per core, <= 256)
  --max-bytes N     skip WAV/PNG/JPEG files larger than N bytes (default 1 GiB)
  --max-pixels N    skip images declaring more than N pixels (default 67108864)
  --progress MODE   bar (default on a terminal) | lines (default otherwise) | none
  --quiet           same as --progress none
  --checkpoint S    seconds between checkpoints (header + JSON rewritten; default 1)
`;

const FLAGS_WITH_VALUE = new Set([
  "transform",
  "out",
  "length",
  "features",
  "shard",
  "shards",
  "batch",
  "max-bytes",
  "max-pixels",
  "progress",
  "checkpoint",
]);
const BOOLEAN_FLAGS = new Set(["gray", "resume", "quiet", "help", "log"]);
const ALL_TRANSFORM_FLAGS = new Set(Object.values(TRANSFORM_OPTIONS).flatMap((t) => Object.keys(t.options)));

/** Parsed command line. */
export interface ParsedArgs {
  command: string;
  flags: Record<string, string | true>;
  positional: string[];
}

/**
 * Splits `argv` (without node and the script) into the command, `--flag value` /
 * `--flag=value` / boolean flags, and positional arguments (`--` ends the flags).
 * @throws ParameterError for an unknown flag or a missing value
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const [command = "", ...rest] = argv;
  const flags: Record<string, string | true> = {};
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === "--") {
      positional.push(...rest.slice(i + 1));
      break;
    }
    if (!a.startsWith("--") || a === "-") {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = a.slice(2, eq < 0 ? undefined : eq);
    if (BOOLEAN_FLAGS.has(name)) {
      if (eq >= 0) throw new ParameterError(`--${name}`, a.slice(eq + 1), "no value (a switch)");
      flags[name] = true;
    } else if (FLAGS_WITH_VALUE.has(name) || ALL_TRANSFORM_FLAGS.has(name)) {
      const v = eq >= 0 ? a.slice(eq + 1) : rest[++i];
      if (v === undefined) throw new ParameterError(`--${name}`, undefined, "a value");
      flags[name] = v;
    } else {
      throw new ParameterError("option", a, "one of the options listed by scatterkit --help");
    }
  }
  return { command, flags, positional };
}

function intFlag(flags: ParsedArgs["flags"], name: string, min: number): number | undefined {
  const v = flags[name];
  if (v === undefined) return undefined;
  const n = Number(v);
  if (typeof v !== "string" || !/^\s*\d+\s*$/.test(v) || n < min || !Number.isSafeInteger(n)) {
    throw new ParameterError(`--${name}`, v, `an integer >= ${min}`);
  }
  return n;
}

/** The options of `features` from a parsed command line. */
export function featuresOptions(p: ParsedArgs): FeaturesOptions {
  const f = p.flags;
  const transform = f.transform as string | undefined;
  if (transform === undefined || !(TRANSFORMS as readonly string[]).includes(transform)) {
    throw new ParameterError("--transform", transform, TRANSFORMS.join(", "));
  }
  const allowed = TRANSFORM_OPTIONS[transform as TransformName].options;
  const params: TransformParams = {};
  for (const flag of ALL_TRANSFORM_FLAGS) {
    if (f[flag] === undefined) continue;
    if (!(flag in allowed)) {
      throw new ParameterError(
        `--${flag}`,
        f[flag],
        `an option of another transform; ${transform} takes ${Object.keys(allowed)
          .map((k) => `--${k}`)
          .join(", ")}`,
      );
    }
    params[flag] = parseTransformValue(flag, f[flag] as string);
  }
  if (typeof f.out !== "string" || f.out === "")
    throw new ParameterError("--out", f.out, "the output FILE.npy");
  if (p.positional.length === 0) throw new ParameterError("INPUT", "nothing", "at least one file or folder");
  let features = (f.features as "plain" | "log" | undefined) ?? (f.log ? "log" : "plain");
  if (f.log && features !== "log") throw new ParameterError("--log", true, "not with --features plain");
  if (features !== "plain" && features !== "log")
    throw new ParameterError("--features", features, '"plain" or "log"');
  features = features as "plain" | "log";
  const progress = f.quiet ? "none" : (f.progress as FeaturesOptions["progress"]);
  if (progress !== undefined && !["bar", "lines", "none"].includes(progress))
    throw new ParameterError("--progress", progress, '"bar", "lines" or "none"');
  return {
    transform: transform as TransformName,
    params,
    out: f.out,
    inputs: p.positional,
    length: intFlag(f, "length", 1),
    gray: f.gray === true,
    features,
    shard: f.shard as string | undefined,
    shards: intFlag(f, "shards", 1),
    resume: f.resume === true,
    batch: intFlag(f, "batch", 1),
    maxBytes: intFlag(f, "max-bytes", 1),
    maxPixels: intFlag(f, "max-pixels", 1),
    progress,
    checkpointSeconds: f.checkpoint === undefined ? undefined : checkpointFlag(f.checkpoint),
  };
}

function checkpointFlag(v: string | true): number {
  const n = Number(v);
  if (typeof v !== "string" || v.trim() === "" || !(n >= 0) || !Number.isFinite(n))
    throw new ParameterError("--checkpoint", v, "a number of seconds >= 0");
  return n;
}

/**
 * Runs the command line `argv` (without node and the script); returns the exit code: 0 done
 * (skipped files are named but do not fail a run), 1 failed, 2 usage error, 130 interrupted
 * (SIGINT / SIGTERM: the output is a valid partial run; `--resume` continues it).
 */
export async function main(
  argv: readonly string[],
  stream: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs(argv);
    if (
      parsed.flags.help ||
      parsed.command === "" ||
      parsed.command === "help" ||
      parsed.command === "--help"
    ) {
      process.stdout.write(USAGE);
      return parsed.command === "" && !parsed.flags.help ? 2 : 0;
    }
    if (parsed.command !== "features" && parsed.command !== "merge") {
      throw new ParameterError("command", parsed.command, '"features" or "merge"');
    }
  } catch (e) {
    stream.write(`scatterkit: ${(e as Error).message}\n(scatterkit --help lists the options)\n`);
    return 2;
  }
  try {
    if (parsed.command === "merge") {
      const out = parsed.flags.out;
      if (typeof out !== "string" || out === "")
        throw new ParameterError("--out", out, "the output FILE.npy");
      const extra = Object.keys(parsed.flags).filter((k) => k !== "out");
      if (extra.length > 0) throw new ParameterError("option", `--${extra[0]}`, "only --out with merge");
      const r = runMerge(out, parsed.positional, ["scatterkit", ...argv]);
      stream.write(
        `scatterkit: merged ${r.order.length} shards into ${out}: ${r.json.rows} rows of shape [${r.json.rowShape.join(", ")}], ${r.json.skipped.length} skipped\n`,
      );
      return 0;
    }
    const options = featuresOptions(parsed);
    const controller = new AbortController();
    let stops = 0;
    const onSignal = (sig: NodeJS.Signals) => {
      stops++;
      if (stops > 1) process.exit(130); // second Ctrl-C: the last checkpoint stands
      stream.write(
        `\nscatterkit: ${sig}: finishing the current batch (press Ctrl-C again to stop at once)\n`,
      );
      controller.abort();
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
    try {
      const r = await runFeatures({
        ...options,
        signal: controller.signal,
        stream,
        argv: ["scatterkit", ...argv],
      });
      const j = r.json;
      const where = j.shard
        ? ` (shard ${j.shard.index}/${j.shard.count}: inputs ${j.shard.start}..${j.shard.end - 1})`
        : "";
      if (r.interrupted) {
        stream.write(
          `scatterkit: stopped after ${j.rows} rows${where}; the output is valid; run the same command with --resume to continue\n`,
        );
        return 130;
      }
      stream.write(
        `scatterkit: wrote ${j.rows} rows of shape [${j.rowShape.join(", ")}] to ${options.out.replaceAll("{shard}", String(j.shard?.index ?? 0))}${where}, ${j.skipped.length} skipped, ${j.timings.seconds.toFixed(1)} s\n`,
      );
      return 0;
    } finally {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    }
  } catch (e) {
    const usage = e instanceof ParameterError;
    stream.write(`scatterkit: ${(e as Error).message}\n`);
    if (!(e instanceof ScatterkitError)) stream.write(`${(e as Error).stack ?? ""}\n`);
    return usage ? 2 : 1;
  }
}
