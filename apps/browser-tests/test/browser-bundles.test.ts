// The packed packages, installed in an app outside the workspace, bundled for the browser by
// esbuild and by Vite (no aliases, shims or polyfills), run in Chromium and compute
// Scattering1D / Scattering2D forward and forwardAsync (in module Web Workers) equal to Node.js.
// Issue 10: esbuild --platform=browser failed with `Could not resolve "path"` before.
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as esbuild from "esbuild";
import type { Browser } from "playwright-core";
import { build as viteBuild } from "vite";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launch, serve } from "../src/browser";
import { relErr, writePageSources } from "../src/pages";

type Result = {
  f1: number[];
  a1: number[];
  shape1: number[];
  f2: number[];
  a2: number[];
  shape2: number[];
  names: string[];
  events: { event: string; platform?: string; onWorkers?: number }[];
  datasets: { wav: number[]; sampleRate: number; idx: number[]; idxShape: number[]; loadError: string };
};

const { app } = inject("packed");
const src = join(app, "page");
let node: Result;
let browser: Browser;

beforeAll(async () => {
  writePageSources(src);
  node = JSON.parse(execFileSync(process.execPath, [join(src, "node-check.mjs")], { encoding: "utf8" }));
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function runPage(dir: string): Promise<{ result: Result; errors: string[] }> {
  const server = await serve(dir);
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  try {
    await page.goto(server.url);
    await page.waitForFunction(() => "__result" in window || "__error" in window, null, { timeout: 120_000 });
    const err = await page.evaluate(() => (window as unknown as { __error?: string }).__error);
    if (err) throw new Error(`page failed: ${err}`);
    const result = (await page.evaluate(
      () => (window as unknown as { __result: unknown }).__result,
    )) as Result;
    return { result, errors };
  } finally {
    await page.close();
    await server.close();
  }
}

function checkAgainstNode(r: Result): void {
  expect(r.shape1).toEqual(node.shape1);
  expect(r.shape2).toEqual(node.shape2);
  expect(relErr(r.f1, node.f1)).toBeLessThanOrEqual(1e-12);
  expect(relErr(r.f2, node.f2)).toBeLessThanOrEqual(1e-12);
  // forwardAsync: bit for bit forward's output, computed in module Web Workers
  expect(r.a1).toEqual(r.f1);
  expect(r.a2).toEqual(r.f2);
  expect(r.names).toEqual(["Scattering1D", "Scattering2D"]);
  const starts = r.events.filter((e) => e.event === "start");
  expect(starts.length).toBe(2);
  for (const s of starts) expect(s.platform).toBe("browser");
  const onWorkers = r.events.filter((e) => e.event === "split").map((e) => e.onWorkers);
  expect(onWorkers.every((n) => (n ?? 0) >= 1)).toBe(true);
  expect(r.events.some((e) => e.event === "fallback")).toBe(false);
  // @scatterkit/datasets' browser build: WAV and IDX bytes parsed as in Node.js; reading a
  // folder refused with a named error instead of a Node built-in
  expect(r.datasets.wav).toEqual(node.datasets.wav);
  expect(r.datasets.idx).toEqual([1, 2, 3, 250, 251, 252]);
  expect(r.datasets.idxShape).toEqual([2, 3]);
  expect(r.datasets.loadError).toMatch(/^ScatterkitError: Reading files needs Node\.js/);
}

function totalBytes(dir: string): number {
  let n = 0;
  for (const f of readdirSync(dir, { recursive: true }) as string[]) {
    const s = statSync(join(dir, f));
    if (s.isFile() && f.endsWith(".js")) n += s.size;
  }
  return n;
}

describe("browser bundles of the packed packages, in Chromium", () => {
  it("Node.js itself: forwardAsync uses worker threads and equals forward", () => {
    expect(node.a1).toEqual(node.f1);
    expect(node.a2).toEqual(node.f2);
    expect(node.events.find((e) => e.event === "start")?.platform).toBe("node");
    expect(node.names).toEqual(["Scattering1D", "Scattering2D"]);
    expect(node.datasets.wav.length).toBe(400);
    expect(node.datasets.sampleRate).toBe(8000);
    expect(node.datasets.loadError).toMatch(/FormatError/); // Node.js reads the folder (absent here)
  });

  it("esbuild --platform=browser bundle: equal to Node.js, forwardAsync in Web Workers, no page error", async () => {
    const out = join(app, "out-esbuild");
    const r = await esbuild.build({
      metafile: true,
      entryPoints: [join(src, "main.js")],
      bundle: true,
      platform: "browser",
      format: "esm",
      minify: true,
      outfile: join(out, "main.js"),
      logLevel: "silent",
    });
    execFileSync("cp", [join(src, "index.html"), out]);
    // nothing Node-only reached: every input is a file (no external node: import)
    const imports = Object.values(r.metafile.inputs).flatMap((i) => i.imports.map((x) => x.path));
    expect(imports.filter((p) => /^node:|^(fs|path|url|os|worker_threads)$/.test(p))).toEqual([]);
    expect(readFileSync(join(out, "main.js"), "utf8")).not.toMatch(/\bimport\s*\(?\s*["']node:/);
    const { result, errors } = await runPage(out);
    checkAgainstNode(result);
    expect(errors).toEqual([]);
    console.log(`esbuild bundle: ${totalBytes(out)} bytes`);
  });

  it("Vite production build: equal to Node.js, forwardAsync in Web Workers, no page error", async () => {
    const out = join(app, "out-vite");
    await viteBuild({
      root: src,
      configFile: false,
      logLevel: "silent",
      build: { outDir: out, emptyOutDir: true },
    });
    const { result, errors } = await runPage(out);
    checkAgainstNode(result);
    expect(errors).toEqual([]);
    console.log(`vite bundle: ${totalBytes(out)} bytes`);
  });

  // A bundler or runtime that knows neither `node` nor `browser` takes the `default` condition:
  // it must get the build without Node built-ins (the stop check of 2026-12-01 found the Node
  // builds there), and @scatterkit/cli, which needs Node.js, an entry that says so.
  it("the default export condition (esbuild --platform=neutral): no Node built-in reached; cli says it needs Node.js", async () => {
    const libraries = readdirSync(join(app, "node_modules", "@scatterkit")).filter((d) => d !== "cli");
    expect(libraries).toContain("datasets");
    const out = join(app, "out-neutral");
    const entry = join(app, "neutral-entry.mjs");
    writeFileSync(
      entry,
      `${libraries.map((d, i) => `import * as m${i} from "@scatterkit/${d}";`).join("\n")}\nexport const n = [${libraries.map((_, i) => `Object.keys(m${i}).length`).join(", ")}];\n`,
    );
    const r = await esbuild.build({
      metafile: true,
      entryPoints: [entry],
      bundle: true,
      platform: "neutral",
      mainFields: ["module", "main"], // dependencies without an exports map (fft.js)
      format: "esm",
      outfile: join(out, "libraries.mjs"),
      logLevel: "silent",
    });
    const inputs = Object.keys(r.metafile.inputs);
    const imports = Object.values(r.metafile.inputs).flatMap((i) => i.imports.map((x) => x.path));
    expect(
      imports.filter((p) => /^node:|^(fs|path|url|os|zlib|crypto|module|worker_threads)$/.test(p)),
    ).toEqual([]);
    expect(inputs.filter((p) => /@scatterkit\/datasets\/dist\//.test(p))).toEqual([
      expect.stringMatching(/index\.browser\.js$/),
    ]);
    const loaded = JSON.parse(
      execFileSync(
        process.execPath,
        [
          "--input-type=module",
          "-e",
          `import { n } from ${JSON.stringify(join(out, "libraries.mjs"))}; console.log(JSON.stringify(n));`,
        ],
        {
          encoding: "utf8",
        },
      ),
    ) as number[];
    expect(loaded.length).toBe(libraries.length);
    for (const k of loaded) expect(k).toBeGreaterThan(0);
    const cliEntry = join(app, "neutral-cli.mjs");
    writeFileSync(cliEntry, `import * as cli from "@scatterkit/cli";\nexport default cli;\n`);
    const rc = await esbuild.build({
      metafile: true,
      entryPoints: [cliEntry],
      bundle: true,
      platform: "neutral",
      format: "esm",
      outfile: join(out, "cli.mjs"),
      logLevel: "silent",
    });
    expect(Object.values(rc.metafile.inputs).flatMap((i) => i.imports.map((x) => x.path))).toEqual([
      expect.stringMatching(/@scatterkit\/cli\/dist\/unsupported\.js$/),
    ]);
    expect(() =>
      execFileSync(process.execPath, [join(out, "cli.mjs")], { encoding: "utf8", stdio: "pipe" }),
    ).toThrow(/@scatterkit\/cli needs Node\.js/);
  });
});
