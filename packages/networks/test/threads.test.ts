// Gradient shards on worker threads give the same bits as shards on the calling thread.
// Worker threads load the BUILT package (dist/), so this test runs against dist and is
// skipped when dist/index.js is absent (run `pnpm build` first; `pnpm test` builds).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { expect, it } from "vitest";
import { SparseScatteringNetwork as FromSource } from "../src/index.js";
import { Random } from "@scatterkit/core";

const dist = join(__dirname, "..", "dist", "index.js");

it.skipIf(!existsSync(dist))(
  "workers: 2 on threads equals workers: 2 on the calling thread, bit for bit (with label smoothing)",
  async () => {
    const built = (await import(pathToFileURL(dist).href)) as { SparseScatteringNetwork: typeof FromSource };
    const rng = new Random(5);
    const n = 48;
    const data = new Float32Array(n * 16 * 16);
    for (let i = 0; i < data.length; i++) data[i] = rng.next();
    const labels = Int32Array.from({ length: n }, (_, i) => i % 3);
    for (let i = 0; i < n; i++) for (let q = 0; q < 16; q++) data[i * 256 + labels[i] * 5 * 16 + q] += 1;
    // label smoothing on: the worker shards must take it from the task as the calling thread does
    const opts = {
      epochs: 2,
      batchSize: 16,
      projection: 6,
      atoms: 12,
      iterations: 3,
      workers: 2,
      seed: 9,
      labelSmoothing: 0.1,
    };
    const threaded = await new built.SparseScatteringNetwork(opts).fit({ data, shape: [n, 16, 16] }, labels);
    const local = await new FromSource(opts).fit({ data, shape: [n, 16, 16] }, labels);
    expect(threaded.workerThreads).toBe(1);
    expect(local.workerThreads).toBe(0);
    expect(JSON.stringify(threaded.toJSON().arrays) === JSON.stringify(local.toJSON().arrays)).toBe(true);
    expect(threaded.history.map((h) => h.loss)).toEqual(local.history.map((h) => h.loss));
  },
);
