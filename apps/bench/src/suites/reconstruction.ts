/**
 * `reconstruction` suite: signals and images recovered from their scattering coefficients by
 * `reconstruct` of @scatterkit/scattering (gradients by the transforms' exact `vjp`), from noise.
 *
 * Cases (one row each; a unit of work is the whole reconstruction):
 * - `kymatio-example-gd` / `kymatio-example-lbfgs`: Kymatio's own example
 *   (examples/1d/reconstruct_torch.py): its harmonic signal (num_intervals 4, gamma 0.9,
 *   random_state 42, regenerated bit for bit with numpy's MT19937), Scattering1D(J=6, Q=16,
 *   shape=8192), 200 iterations from standard normal noise; 'gd' is the example's own bold-driver
 *   gradient descent (learning rate 100), 'lbfgs' scatterkit's L-BFGS. Compared with Kymatio's
 *   torch run (apps/bench/data or ../shared/reference/timings/kymatio-reconstruction.json: 0.0931
 *   after 200 iterations in 35.3 s): `reachSeconds` is when the relative error first reaches 0.0931.
 * - `fsdd-scattering1d` / `fsdd-jtfs`: an FSDD recording (fitted to 8192 / 4096 samples,
 *   normalised) through Scattering1D(J=8, Q=12) and TimeFrequencyScattering(J=6, Jfr=2, Q=8).
 * - `fashion-mnist-scattering2d`: the first Fashion-MNIST test image (28 x 28, pixels / 255)
 *   through Scattering2D(J=2, L=8).
 *
 * Columns: relative error ‖S(x) − S(x0)‖ / ‖S(x0)‖ at the start and at the end, iterations,
 * forward and vjp calls, seconds. The relative error and elapsed seconds per iteration go to
 * `<results>/reconstruction/<case>-errors.json`, the signals to WAV files and the image to a PNG
 * file there (original and reconstruction side by side). Data:
 * $SCATTERKIT_DATA or ../shared/datasets (cases whose data is missing are skipped).
 * `--quick` runs short signals and few iterations.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";
import type { Tensor } from "@scatterkit/core";
import { fitLength, loadFsdd, loadMnistLike, writeWav } from "@scatterkit/datasets";
import {
  type DifferentiableTransform,
  type ReconstructResult,
  Scattering1D,
  Scattering2D,
  TimeFrequencyScattering,
  reconstruct,
} from "@scatterkit/scattering";
import type { BenchOptions, BenchResult, BenchRow } from "../types";
import { defaultResultsDir } from "../util";

const here = dirname(fileURLToPath(import.meta.url));

function dataDir(): string {
  if (process.env.SCATTERKIT_DATA) return process.env.SCATTERKIT_DATA;
  return join(here, "..", "..", "..", "..", "..", "shared", "datasets");
}

/** Kymatio's figures for its reconstruction example (torch, 2 CPU threads). */
export function loadKymatioReconstruction(): { relativeScatteringErrorAfter200: number; seconds: number } {
  const candidates = [
    join(here, "..", "..", "data", "kymatio-reconstruction.json"),
    join(here, "..", "..", "..", "..", "..", "shared", "reference", "timings", "kymatio-reconstruction.json"),
  ];
  for (const p of candidates) {
    if (existsSync(p)) return JSON.parse(readFileSync(p, "utf8"));
  }
  return { relativeScatteringErrorAfter200: 0.0931, seconds: 35.3 };
}

/** numpy's legacy MT19937 (RandomState(seed) with an integer seed) and its `rand()`. */
export class MersenneTwister {
  private readonly mt = new Uint32Array(624);
  private i = 624;
  constructor(seed: number) {
    this.mt[0] = seed >>> 0;
    for (let i = 1; i < 624; i++) {
      const p = this.mt[i - 1] ^ (this.mt[i - 1] >>> 30);
      this.mt[i] = (Math.imul(1812433253, p) + i) >>> 0;
    }
  }
  /** Next 32-bit output (genrand_int32). */
  uint32(): number {
    if (this.i >= 624) {
      for (let k = 0; k < 624; k++) {
        const y = (this.mt[k] & 0x80000000) | (this.mt[(k + 1) % 624] & 0x7fffffff);
        this.mt[k] = this.mt[(k + 397) % 624] ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      this.i = 0;
    }
    let y = this.mt[this.i++];
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }
  /** Uniform double in [0, 1) with 53 random bits (numpy's random_sample). */
  rand(): number {
    const a = this.uint32() >>> 5;
    const b = this.uint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }
}

/**
 * Kymatio's `generate_harmonic_signal(T, num_intervals, gamma, random_state)`: 2 (n - 1) + 1
 * Hann-windowed notes of random base frequency in [0.05, 0.15) and random phase, half
 * overlapping, accumulated in float32 (as the example does).
 */
export function harmonicSignal(T: number, numIntervals = 4, seed = 42): Float32Array {
  const rng = new MersenneTwister(seed);
  const numNotes = 2 * (numIntervals - 1) + 1;
  const support = Math.floor(T / numIntervals);
  const half = Math.floor(support / 2);
  const base = Array.from({ length: numNotes }, () => 0.1 * rng.rand() + 0.05);
  const phase = Array.from({ length: numNotes }, () => 2 * Math.PI * rng.rand());
  const x = new Float32Array(T);
  for (let i = 0; i < numNotes; i++) {
    const s0 = i * half;
    for (let t = 0; t < support; t++) {
      const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * t) / (support - 1));
      x[s0 + t] = Math.fround(x[s0 + t] + Math.cos(2 * Math.PI * t * base[i] + phase[i]) * w);
    }
  }
  return x;
}

/** CRC-32 (PNG chunks). */
function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (let i = 0; i < bytes.length; i++) {
    c ^= bytes[i];
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

/** 8-bit grayscale PNG of values in [0, 1] (clamped), rows × cols row-major. */
export function grayPng(values: ArrayLike<number>, rows: number, cols: number): Uint8Array {
  const raw = new Uint8Array(rows * (cols + 1));
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      raw[r * (cols + 1) + 1 + c] = Math.round(255 * Math.min(1, Math.max(0, values[r * cols + c])));
    }
  }
  const chunk = (type: string, data: Uint8Array) => {
    const out = new Uint8Array(12 + data.length);
    const dv = new DataView(out.buffer);
    dv.setUint32(0, data.length);
    for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
    out.set(data, 8);
    dv.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
    return out;
  };
  const ihdr = new Uint8Array(13);
  const dv = new DataView(ihdr.buffer);
  dv.setUint32(0, cols);
  dv.setUint32(4, rows);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  const parts = [
    Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk("IHDR", ihdr),
    chunk("IDAT", new Uint8Array(deflateSync(raw))),
    chunk("IEND", new Uint8Array(0)),
  ];
  const total = parts.reduce((a, p) => a + p.length, 0);
  const png = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    png.set(p, o);
    o += p.length;
  }
  return png;
}

/** Scales a signal to peak 0.9 for a WAV file. */
function peakNormalised(x: ArrayLike<number>): Float64Array {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]));
  return Float64Array.from(x, (v) => (m > 0 ? (0.9 * v) / m : 0));
}

interface Job {
  name: string;
  S: DifferentiableTransform;
  x0: Float64Array;
  shape: number[];
  method: "lbfgs" | "gd";
  iterations: number;
  params: Record<string, unknown>;
  /** Writes the original and the reconstruction. */
  save: (x: Float64Array, dir: string) => string[];
}

/** The full error curves of the last run, by case (the rows keep only their ends). */
export const curves = new Map<string, ReconstructResult>();

function runJob(job: Job, outDir: string, log: (s: string) => void): BenchRow {
  const target = job.S.forward({ data: job.x0, shape: job.shape } as Tensor);
  const cpu0 = process.cpuUsage();
  const res: ReconstructResult = reconstruct(job.S, target, {
    shape: job.shape,
    method: job.method,
    maxIterations: job.iterations,
    onIteration: (k, e, s) => {
      if (k % 25 === 0)
        log(`  ${job.name}: iteration ${k}, relative error ${e.toFixed(4)}, ${s.toFixed(1)} s`);
    },
  });
  const files = job.save(res.x.data, outDir);
  const curve = join(outDir, `${job.name}-errors.json`);
  writeFileSync(
    curve,
    JSON.stringify({ case: job.name, params: job.params, errors: res.errors, seconds: res.seconds }),
  );
  files.push(curve);
  const last = res.errors.length - 1;
  curves.set(job.name, res);
  return {
    suite: "reconstruction",
    case: job.name,
    params: { ...job.params, method: job.method, iterations: job.iterations },
    medianSeconds: res.seconds[last],
    // CPU seconds of this process (all threads): the wall time above includes waiting on a busy machine
    cpuSeconds: (() => {
      const c = process.cpuUsage(cpu0);
      return (c.user + c.system) / 1e6;
    })(),
    initialError: res.errors[0],
    finalError: res.errors[last],
    forwardCalls: res.forwardCalls,
    vjpCalls: res.vjpCalls,
    files: files.length,
  };
}

export async function run(opts: BenchOptions): Promise<BenchResult> {
  const quick = opts.quick;
  const outDir = join(process.env.SCATTERKIT_BENCH_OUT ?? defaultResultsDir, "reconstruction");
  mkdirSync(outDir, { recursive: true });
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const notes: string[] = [];
  const rows: BenchRow[] = [];
  const only = process.env.SCATTERKIT_RECONSTRUCTION_CASES?.split(",").map((s) => s.trim());
  const want = (name: string) => !only || only.includes(name);
  const wav = (name: string, x: ArrayLike<number>, rate: number, dir: string) => {
    const p = join(dir, name);
    writeFileSync(p, writeWav([peakNormalised(x)], { sampleRate: rate }));
    return p;
  };

  // Kymatio's example
  const kym = loadKymatioReconstruction();
  const Nk = quick ? 1024 : 8192;
  const harmonic = harmonicSignal(Nk);
  const S1 = new Scattering1D({ J: 6, shape: Nk, Q: 16 });
  for (const method of ["gd", "lbfgs"] as const) {
    const name = `kymatio-example-${method}`;
    if (!want(name)) continue;
    const row = runJob(
      {
        name,
        S: S1,
        x0: Float64Array.from(harmonic),
        shape: [Nk],
        method,
        iterations: quick ? 10 : 200,
        params: { transform: "Scattering1D", J: 6, Q: 16, shape: Nk },
        save: (x, dir) => [
          wav("kymatio-example-original.wav", harmonic, 8192, dir),
          wav(`kymatio-example-${method}.wav`, x, 8192, dir),
        ],
      },
      outDir,
      log,
    );
    const res = curves.get(name) as ReconstructResult;
    const errs = res.errors;
    const secs = res.seconds;
    const k = errs.findIndex((e) => e <= kym.relativeScatteringErrorAfter200);
    row.reachIteration = k >= 0 ? k : null;
    row.reachSeconds = k >= 0 ? Number(secs[k].toFixed(2)) : null;
    // CPU seconds up to that iteration, pro rata of the run's CPU time per wall second
    row.reachCpuSeconds =
      k >= 0
        ? Number(((secs[k] / (row.medianSeconds as number)) * (row.cpuSeconds as number)).toFixed(2))
        : null;
    row.kymatioError = kym.relativeScatteringErrorAfter200;
    row.kymatioSeconds = kym.seconds;
    rows.push(row);
  }

  // FSDD recording
  const fsddDir = join(dataDir(), "fsdd");
  if (existsSync(join(fsddDir, "recordings"))) {
    const fsdd = loadFsdd(fsddDir, { maxIndex: 1 });
    const raw = fsdd.test.signals[0];
    const rate = fsdd.sampleRate;
    const cases = [
      {
        name: "fsdd-scattering1d",
        N: quick ? 1024 : 8192,
        make: (N: number) => new Scattering1D({ J: quick ? 6 : 8, shape: N, Q: 12 }),
        params: { transform: "Scattering1D", J: quick ? 6 : 8, Q: 12 },
        iterations: quick ? 5 : 200,
      },
      {
        name: "fsdd-jtfs",
        N: quick ? 512 : 4096,
        make: (N: number) => new TimeFrequencyScattering({ J: quick ? 5 : 6, Jfr: 2, Q: 8, shape: N }),
        params: { transform: "TimeFrequencyScattering", J: quick ? 5 : 6, Jfr: 2, Q: 8 },
        iterations: quick ? 3 : 40,
      },
    ];
    for (const c of cases) {
      if (!want(c.name)) continue;
      const x0 = fitLength(raw, c.N, { normalize: true });
      rows.push(
        runJob(
          {
            name: c.name,
            S: c.make(c.N),
            x0,
            shape: [c.N],
            method: "lbfgs",
            iterations: c.iterations,
            params: { ...c.params, shape: c.N, recording: fsdd.test.files[0] },
            save: (x, dir) => [
              wav(`${c.name}-original.wav`, x0, rate, dir),
              wav(`${c.name}.wav`, x, rate, dir),
            ],
          },
          outDir,
          log,
        ),
      );
    }
  } else notes.push(`FSDD not found in ${fsddDir}: fsdd cases skipped`);

  // Fashion-MNIST image
  const fmDir = join(dataDir(), "fashion-mnist");
  if (want("fashion-mnist-scattering2d") && existsSync(fmDir)) {
    const test = loadMnistLike(fmDir, { kind: "test", limit: 1 });
    const img = Float64Array.from(test.images.subarray(0, 28 * 28), (v) => v / 255);
    rows.push(
      runJob(
        {
          name: "fashion-mnist-scattering2d",
          S: new Scattering2D({ J: 2, shape: [28, 28], L: 8 }),
          x0: img,
          shape: [28, 28],
          method: "lbfgs",
          iterations: quick ? 5 : 200,
          params: { transform: "Scattering2D", J: 2, L: 8, shape: [28, 28], image: "first test image" },
          save: (x, dir) => {
            const both = new Float64Array(28 * 57).fill(1);
            for (let r = 0; r < 28; r++) {
              for (let c = 0; c < 28; c++) {
                both[r * 57 + c] = img[r * 28 + c];
                both[r * 57 + 29 + c] = x[r * 28 + c];
              }
            }
            const p = join(dir, "fashion-mnist-scattering2d.png");
            writeFileSync(p, grayPng(both, 28, 57));
            return [p];
          },
        },
        outDir,
        log,
      ),
    );
  } else if (want("fashion-mnist-scattering2d")) notes.push(`Fashion-MNIST not found in ${fmDir}: skipped`);

  notes.push(
    `Kymatio's example (torch, 2 threads): relative error ${kym.relativeScatteringErrorAfter200} after 200 iterations in ${kym.seconds} s; reachSeconds = seconds until scatterkit first reaches that error`,
    `WAV and PNG files in ${outDir}`,
  );
  return { suite: "reconstruction", rows, notes };
}
