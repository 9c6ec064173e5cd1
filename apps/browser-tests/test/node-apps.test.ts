// forwardAsync from Node.js as users run it (issue 10):
// - ESM and CommonJS from an install path containing `#` and `%` (workers ran on one thread before);
// - inside an application that is itself bundled by esbuild, ESM and CJS (workers re-ran the whole
//   application before: 150+ threads, or one thread in CJS). The app prints "APP START" once at
//   its top level: a worker that re-ran the app would print it again.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as esbuild from "esbuild";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { writePageSources } from "../src/pages";
import { TRAIN_APP_CJS, TRAIN_APP_MJS, type TrainResult } from "../src/train-app";

type Result = {
  f1: number[];
  a1: number[];
  f2: number[];
  a2: number[];
  names: string[];
  events: { event: string; platform?: string; workers?: number; onWorkers?: number }[];
};

const { app, dir } = inject("packed");
const NODE_APP = `
import { compute } from "./compute.js";
console.log("APP START");
compute().then((r) => console.log("RESULT " + JSON.stringify(r)));
`;
const NODE_APP_CJS = `
const { Scattering1D } = require("@scatterkit/scattering");
console.log("APP START");
const events = [];
globalThis.__scatterkitPoolTrace = (e) => events.push(e);
const S = new Scattering1D({ J: 4, shape: 256, Q: [4, 1] });
const x = { data: Float64Array.from({ length: 6 * 256 }, (_, i) => Math.sin(i * 0.1) + Math.cos(i * 0.013 * i)), shape: [6, 256] };
const f = S.forward(x);
S.forwardAsync(x).then(async (a) => {
  await S.dispose();
  console.log("RESULT " + JSON.stringify({ f1: Array.from(f.data), a1: Array.from(a.data), f2: [], a2: [], names: [S.constructor.name], events }));
});
`;

function runApp<R = Result>(file: string, cwd: string): { result: R; starts: number; ms: number } {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [file], {
    cwd,
    encoding: "utf8",
    timeout: 60_000,
    maxBuffer: 1 << 26,
  });
  const ms = Date.now() - t0;
  if (r.error)
    throw new Error(
      `${file} did not finish in 60 s (${r.error.message}); stdout: ${r.stdout?.slice(0, 500)}`,
    );
  if (r.status !== 0) throw new Error(`${file} exited ${r.status}: ${r.stderr}`);
  const lines = r.stdout.split("\n");
  const res = lines.find((l) => l.startsWith("RESULT "));
  if (!res) throw new Error(`no result from ${file}: ${r.stdout.slice(0, 500)}`);
  return { result: JSON.parse(res.slice(7)), starts: lines.filter((l) => l === "APP START").length, ms };
}

function checkWorkers(r: Result): void {
  expect(r.a1).toEqual(r.f1);
  expect(r.a2).toEqual(r.f2);
  const start = r.events.find((e) => e.event === "start");
  expect(start?.platform).toBe("node");
  expect(start?.workers).toBeGreaterThanOrEqual(1);
  expect(r.events.some((e) => e.event === "fallback")).toBe(false);
  expect(r.events.filter((e) => e.event === "split").every((e) => (e.onWorkers ?? 0) >= 1)).toBe(true);
}

describe("forwardAsync in Node.js applications using the packed packages", () => {
  const src = join(app, "page");
  const weird = join(dir, "odd #1 %20 100% dir", "app");
  beforeAll(() => {
    writePageSources(src);
    writeFileSync(join(src, "node-app.js"), NODE_APP);
    writeFileSync(join(src, "node-app.cjs"), NODE_APP_CJS);
    mkdirSync(join(weird, ".."), { recursive: true });
    cpSync(app, weird, { recursive: true });
  });

  it("ESM and CJS from an install path with '#', '%' and spaces: workers run, output equals forward", () => {
    const esm = runApp(join(weird, "page", "node-app.js"), join(weird, "page"));
    checkWorkers(esm.result);
    expect(esm.starts).toBe(1);
    const cjs = runApp(join(weird, "page", "node-app.cjs"), join(weird, "page"));
    checkWorkers(cjs.result);
    expect(cjs.starts).toBe(1);
  });

  for (const format of ["esm", "cjs"] as const) {
    it(`an app bundled by esbuild for Node.js (${format}): returns, never re-runs the app, uses workers`, async () => {
      const out = join(app, `out-node-${format}`, format === "esm" ? "app.mjs" : "app.cjs");
      await esbuild.build({
        entryPoints: [join(src, format === "esm" ? "node-app.js" : "node-app.cjs")],
        bundle: true,
        platform: "node",
        format,
        outfile: out,
        logLevel: "silent",
      });
      // the bundle runs on its own: move it away from node_modules
      const alone = join(dir, `bundled-${format}`);
      mkdirSync(alone, { recursive: true });
      execFileSync("cp", [out, alone]);
      const r = runApp(join(alone, format === "esm" ? "app.mjs" : "app.cjs"), alone);
      expect(r.starts).toBe(1);
      checkWorkers(r.result);
    });
  }
});

// LogisticRegression.fitAsync and networks' gradient shards run on the same worker pool
// (@scatterkit/core's src/workers/). fitAsync's worker body is text, so it runs threads in
// bundled apps too; networks' shard workers import the package's own build, so inside a
// bundled app (no such build) the shards run on the calling thread: same bits, no re-run.
describe("classifiers fitAsync and networks worker training in Node.js applications", () => {
  const src = join(app, "train");
  const weird = join(dir, "odd #2 %41 50% train", "app");
  const results: Record<string, TrainResult> = {};
  beforeAll(() => {
    mkdirSync(src, { recursive: true });
    writeFileSync(join(src, "train-app.mjs"), TRAIN_APP_MJS);
    writeFileSync(join(src, "train-app.cjs"), TRAIN_APP_CJS);
    mkdirSync(join(weird, ".."), { recursive: true });
    cpSync(app, weird, { recursive: true });
  });

  function checkLogistic(r: TrainResult): void {
    const start = r.events.find((e) => e.event === "start" && e.className === "LogisticRegression.fitAsync");
    expect(start).toMatchObject({ platform: "node", workers: 1 });
    expect(
      r.events.some((e) => e.event === "fallback" && e.className === "LogisticRegression.fitAsync"),
    ).toBe(false);
    expect(r.lrRelDiff).toBeLessThan(1e-7); // fitAsync sums the objective in blocks: same optimum as fit
  }

  for (const format of ["mjs", "cjs"] as const) {
    it(`${format} from an install path with '#', '%' and spaces: fitAsync and shard workers run threads`, () => {
      const r = runApp<TrainResult>(join(weird, "train", `train-app.${format}`), join(weird, "train"));
      expect(r.starts).toBe(1);
      checkLogistic(r.result);
      expect(r.result.nnThreads).toBe(1);
      expect(r.result.events.find((e) => e.className === "sparse-scattering shard")).toMatchObject({
        event: "start",
        workers: 1,
      });
      results[`plain-${format}`] = r.result;
    });

    it(`${format} bundled by esbuild for Node.js: returns, never re-runs the app, same bits`, async () => {
      const out = join(app, `out-train-${format}`, `app.${format}`);
      await esbuild.build({
        entryPoints: [join(src, `train-app.${format}`)],
        bundle: true,
        platform: "node",
        format: format === "mjs" ? "esm" : "cjs",
        outfile: out,
        logLevel: "silent",
      });
      const alone = join(dir, `bundled-train-${format}`);
      mkdirSync(alone, { recursive: true });
      execFileSync("cp", [out, alone]);
      const r = runApp<TrainResult>(join(alone, `app.${format}`), alone);
      expect(r.starts).toBe(1);
      checkLogistic(r.result);
      // no package build beside the bundle: the shards ran on the calling thread
      expect(r.result.nnThreads).toBe(0);
      expect(r.result.events.find((e) => e.className === "sparse-scattering shard")?.event).toBe("fallback");
      results[`bundled-${format}`] = r.result;
    });
  }

  it("every run gives the same bits: fitAsync coefficients and trained network, threads or not", () => {
    const runs = Object.values(results);
    expect(runs.length).toBe(4);
    for (const r of runs) {
      expect(r.lrAsync).toBe(runs[0].lrAsync);
      expect(r.nn).toBe(runs[0].nn);
      expect(r.nnLoss).toEqual(runs[0].nnLoss);
    }
  });
});
