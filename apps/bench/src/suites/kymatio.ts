/**
 * `kymatio` suite: scatterkit's Scattering1D / Scattering2D / HarmonicScattering3D on
 * Kymatio's own asv benchmark configurations, against Kymatio 0.4's NumPy frontend
 * measured on the same machine kind (apps/bench/data/kymatio-timings.json, a copy of
 * ../shared/reference/timings/kymatio.json).
 *
 * A unit of work is one `forward` call on the whole batch (float32 standard normal
 * input, as Kymatio's figures); construction (filters, plans) is not timed. Columns:
 * median seconds, Kymatio NumPy seconds, ratio (ours / Kymatio; < 1 is faster), and
 * memory after the runs (resident set and array buffers, MiB; `process.memoryUsage`).
 * When the transform offers `forwardAsync` (worker threads), it is timed too.
 * `--quick` runs the small configurations on batch 2 only. The environment variable
 * `SCATTERKIT_KYMATIO_CASES` (comma-separated case names, e.g. `2d-mnist,3d-small`) restricts
 * the run to those configurations. Progress goes to stderr.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Tensor } from "@scatterkit/core";
import type { BenchOptions, BenchResult, BenchRow } from "../types";
import { median, now } from "../util";
import { loadJtfsTimings } from "./kymatio-jtfs";

interface KymatioRow {
  case: string;
  transform: string;
  params: Record<string, unknown>;
  inputShape: number[];
  outputShape: number[];
  numpySeconds: number;
}

interface Transform {
  forward(x: Tensor): Tensor;
  forwardAsync?: (x: Tensor) => Promise<Tensor>;
  dispose?: () => void | Promise<void>;
}

/** Kymatio's configurations (its asv suite) with their NumPy timings. */
export function loadKymatioTimings(): KymatioRow[] {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [
    join(here, "..", "..", "data", "kymatio-timings.json"),
    join(here, "..", "..", "..", "..", "..", "shared", "reference", "timings", "kymatio.json"),
  ];
  for (const p of candidates) {
    try {
      return (JSON.parse(readFileSync(p, "utf8")) as { results: KymatioRow[] }).results;
    } catch {
      // next
    }
  }
  throw new Error("kymatio timings not found (apps/bench/data/kymatio-timings.json)");
}

/** Seeded standard normal float32 values (xorshift + Box-Muller). */
export function randn32(length: number, seed = 7): Float32Array {
  const a = new Float32Array(length);
  let s = seed >>> 0 || 1;
  const u = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) + 0.5) / 2 ** 32;
  };
  for (let i = 0; i < length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(u()));
    const t = 2 * Math.PI * u();
    a[i] = r * Math.cos(t);
    if (i + 1 < length) a[i + 1] = r * Math.sin(t);
  }
  return a;
}

async function build(row: KymatioRow): Promise<Transform | null> {
  const mod = (await import("@scatterkit/scattering")) as Record<string, unknown>;
  const p = row.params as Record<string, number & number[]>;
  type Ctor = new (o: Record<string, unknown>) => Transform;
  const ctor = mod[row.transform] as Ctor | undefined;
  if (typeof ctor !== "function") return null;
  if (row.transform === "Scattering1D") return new ctor({ J: p.J, shape: p.shape, Q: p.Q });
  if (row.transform === "Scattering2D") return new ctor({ J: p.J, shape: p.shape, L: p.L });
  if (row.transform === "TimeFrequencyScattering") {
    return new ctor({ J: p.J, Jfr: p.Jfr, Q: p.Q, shape: p.shape, format: row.params.format });
  }
  return new ctor({ J: p.J, shape: p.shape, L: p.L, sigma0: p.sigma0 ?? 1, maxOrder: 2 });
}

/** Runs the suite; `quick` keeps to the small configurations with batch 2. */
export async function run(opts: BenchOptions): Promise<BenchResult> {
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  const quickCases = new Set(["1d-eeg", "2d-mnist", "2d-many-scales", "3d-small"]);
  const only = (process.env.SCATTERKIT_KYMATIO_CASES ?? "")
    .split(",")
    .map((c) => c.trim())
    .filter(Boolean);
  for (const ref of [...loadKymatioTimings(), ...loadJtfsTimings()]) {
    if (opts.quick && !quickCases.has(ref.case)) continue;
    if (only.length > 0 && !only.includes(ref.case)) continue;
    process.stderr.write(`kymatio: ${ref.case} ...\n`);
    const inputShape = opts.quick ? [2, ...ref.inputShape.slice(1)] : ref.inputShape;
    let tr: Transform | null = null;
    try {
      tr = await build(ref);
    } catch (e) {
      notes.push(`${ref.case}: construction failed: ${(e as Error).message}`);
    }
    if (!tr) {
      rows.push({
        suite: "kymatio",
        case: ref.case,
        params: ref.params,
        medianSeconds: Number.NaN,
        status: "not available",
        kymatioSeconds: ref.numpySeconds,
        ratio: null,
      });
      continue;
    }
    const size = inputShape.reduce((a, b) => a * b, 1);
    const x: Tensor = { data: randn32(size), shape: inputShape };
    const big = size >= 2 ** 21;
    const repeats = opts.quick ? 3 : big ? 3 : 7;
    const samples: number[] = [];
    let rss = 0;
    let outShape: readonly number[] = [];
    const y0 = tr.forward(x); // warm-up
    outShape = y0.shape;
    for (let r = 0; r < repeats; r++) {
      const t0 = now();
      tr.forward(x);
      samples.push(now() - t0);
      rss = Math.max(rss, process.memoryUsage().rss);
    }
    let asyncSeconds: number | null = null;
    if (typeof tr.forwardAsync === "function") {
      await tr.forwardAsync(x);
      const as: number[] = [];
      for (let r = 0; r < repeats; r++) {
        const t0 = now();
        await tr.forwardAsync(x);
        as.push(now() - t0);
        rss = Math.max(rss, process.memoryUsage().rss);
      }
      asyncSeconds = median(as);
    }
    if (typeof tr.dispose === "function") await tr.dispose();
    const med = median(samples);
    const scale = opts.quick ? inputShape[0] / ref.inputShape[0] : 1;
    const kym = ref.numpySeconds * scale;
    const best = asyncSeconds !== null ? Math.min(med, asyncSeconds) : med;
    const mem = process.memoryUsage();
    rows.push({
      suite: "kymatio",
      case: ref.case,
      params: ref.params,
      inputShape,
      outputShape: outShape,
      medianSeconds: med,
      asyncSeconds,
      kymatioSeconds: kym,
      ratio: med / kym,
      bestRatio: best / kym,
      rssMiB: rss / 2 ** 20,
      arrayBuffersMiB: mem.arrayBuffers / 2 ** 20,
      status: "ok",
    });
    tr = null;
    if (typeof globalThis.gc === "function") globalThis.gc();
  }
  notes.push(
    "ratio = our median seconds per forward / Kymatio NumPy seconds (best of 3, same machine kind); < 1 is faster.",
    "bestRatio uses forwardAsync (worker threads) when available. In --quick mode Kymatio's time is scaled to batch 2.",
    "rssMiB is the largest resident set seen after a forward call in this configuration (process-wide, so it includes earlier configurations' retained memory).",
  );
  return { suite: "kymatio", rows, notes };
}
