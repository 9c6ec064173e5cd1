import { Worker } from "node:worker_threads";
import * as scattering from "@scatterkit/scattering";
import { type FeatureResult, scatter1d, scatter2d } from "./compute.mjs";

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
    };

/** Options of {@link extractFeatures}. */
export interface ExtractOptions {
  /** Worker threads (default 2); 1 computes on the calling thread. */
  workers?: number;
  /** Called with the number of items done so far. */
  onProgress?: (done: number) => void;
}

function sliceJob(job: FeatureJob, from: number, to: number): FeatureJob {
  if (job.kind === "2d") {
    const px = job.rows * job.cols;
    return { ...job, images: job.images.subarray(from * px, to * px), count: to - from };
  }
  return { ...job, signals: job.signals.subarray(from * job.T, to * job.T), count: to - from };
}

function runLocal(job: FeatureJob, out?: Float32Array, onProgress?: (done: number) => void): FeatureResult {
  return job.kind === "2d"
    ? scatter2d(scattering, { ...job, out, onProgress })
    : scatter1d(scattering, { ...job, out, onProgress });
}

/** Copies a typed array into a SharedArrayBuffer (workers then read it without another copy). */
function shareInput(job: FeatureJob): FeatureJob {
  if (job.kind === "2d") {
    const s = new Uint8Array(new SharedArrayBuffer(job.images.byteLength));
    s.set(job.images);
    return { ...job, images: s };
  }
  const s = new Float64Array(new SharedArrayBuffer(job.signals.byteLength));
  s.set(job.signals);
  return { ...job, signals: s };
}

/**
 * Computes scattering features of a batch, split over `workers` worker threads.
 * Input and output live in SharedArrayBuffers: each worker reads its slice of
 * the input and writes its rows of the [count, dim] Float32Array output in place,
 * so nothing is copied back. Each worker runs `feature-worker.mjs`, which imports
 * the built @scatterkit/scattering (run `pnpm build` first); `workers: 1` runs on
 * the calling thread with whatever @scatterkit/scattering resolves to.
 * @returns features [count, dim] (row-major), dim and the per-item output shape
 */
export async function extractFeatures(job: FeatureJob, opts: ExtractOptions = {}): Promise<FeatureResult> {
  const workers = Math.max(1, Math.min(opts.workers ?? 2, Math.floor(job.count / 8) || 1));
  if (workers === 1) return runLocal(job, undefined, opts.onProgress);
  // Probe one item on this thread to learn the output size.
  const probe = runLocal(sliceJob(job, 0, 1));
  const { dim, shape } = probe;
  const out = new Float32Array(new SharedArrayBuffer(job.count * dim * 4));
  const shared = shareInput(job);
  const done = new Array(workers).fill(0);
  const bounds = Array.from({ length: workers + 1 }, (_, w) => Math.round((w * job.count) / workers));
  await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const from = bounds[w];
      const to = bounds[w + 1];
      const part = sliceJob(shared, from, to);
      const workerData = { ...part, out: out.subarray(from * dim, to * dim) };
      return new Promise<void>((resolve, reject) => {
        const worker = new Worker(new URL("./feature-worker.mjs", import.meta.url), { workerData });
        worker.on("message", (m: { type: string; done?: number; message?: string }) => {
          if (m.type === "progress") {
            done[w] = m.done ?? 0;
            opts.onProgress?.(done.reduce((a, b) => a + b, 0));
          } else if (m.type === "error") {
            reject(new Error(`feature worker ${w}: ${m.message}`));
          } else if (m.type === "done") {
            resolve();
          }
        });
        worker.on("error", reject);
        worker.on("exit", (code) => {
          if (code !== 0) reject(new Error(`feature worker ${w} exited with code ${code}`));
        });
      });
    }),
  );
  return { features: out, dim, shape };
}
