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

function runApp(file: string, cwd: string): { result: Result; starts: number; ms: number } {
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
