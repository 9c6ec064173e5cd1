// A saved network runs in a browser page with the same predictions as in Node.
//
// Node: each model is fitted on 100 images of the embedded sample (tiny widths, one epoch)
// and saved with toJSON(); Node's predictProba of the reloaded file is the reference.
// Browser: esbuild bundles a page script that calls loadNetwork(file).predictProba(images);
// Debian's headless Chromium (driven by playwright-core) loads the page from file:// and
// computes the probabilities of the same 20 test images. They must agree within 1e-6.
//
// Two bundles:
// 1. "as published": @scatterkit/networks and its dependencies resolved through their
//    package.json exports with the browser platform (the built dist/; no aliases, shims or
//    externals). Needs `pnpm build` first (as `pnpm test` does).
// 2. "networks from source": @scatterkit/networks from packages/networks/src (the code under
//    test, like the vitest aliases), its dependencies as published (their browser builds).
// Skipped, with the reason, when Chromium is absent.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Tensor } from "@scatterkit/core";
import { createNetwork, loadNetwork, type NetworkModelName } from "@scatterkit/networks";
import { beforeAll, describe, expect, it } from "vitest";
import { balancedSubset, loadEmbeddedSample } from "../src/sample";

const DEMO = resolve(__dirname, "..");
const NETWORKS = resolve(DEMO, "..", "..", "packages", "networks");

function chromiumPath(): string | undefined {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  try {
    const p = execFileSync("sh", ["-c", "command -v chromium || command -v chromium-browser"], {
      encoding: "utf8",
    }).trim();
    return p || undefined;
  } catch {
    return undefined;
  }
}
const CHROMIUM = chromiumPath();

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Tiny architectures (the browser check is about equality, not accuracy). */
const TINY: Record<NetworkModelName, Record<string, unknown>> = {
  "phase-collapse": { widths: [8, 12], L: 4 },
  "sparse-scattering": { projection: 16, atoms: 32, iterations: 4 },
  "tight-frame": { projection: 16, frame: 32, nonlinearity: "soft-threshold" },
};

const PAGE_SCRIPT = `import { loadNetwork } from "@scatterkit/networks";
globalThis.predictFromFile = (text, data, shape) =>
  Array.from(loadNetwork(text).predictProba({ data: Float32Array.from(data), shape }).data);
`;

function images(perClass: number, split: "train" | "test"): { x: Tensor; y: Int32Array } {
  const s = loadEmbeddedSample();
  const set = balancedSubset(s[split], perClass);
  const x = Float32Array.from(set.images, (v) => v / 255);
  return { x: { data: x, shape: [set.count, set.rows, set.cols] }, y: Int32Array.from(set.labels) };
}

/** Bundles the page script (esbuild, browser platform) and writes index.html + app.js; returns the folder. */
async function bundlePage(alias: Record<string, string>): Promise<string> {
  const { build } = await import("esbuild");
  const dir = mkdtempSync(join(tmpdir(), "networks-browser-"));
  await build({
    stdin: { contents: PAGE_SCRIPT, resolveDir: DEMO, loader: "js" },
    outfile: join(dir, "app.js"),
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2022",
    logLevel: "silent",
    alias,
  });
  writeFileSync(
    join(dir, "index.html"),
    '<!doctype html><meta charset="utf-8"><script src="app.js"></script>',
  );
  return dir;
}

/** Loads the page in headless Chromium and returns predictFromFile(file, images) for each file. */
async function probabilitiesInBrowser(dir: string, files: string[], x: Tensor): Promise<number[][]> {
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(pathToFileURL(join(dir, "index.html")).href);
    expect(errors).toEqual([]);
    const out: number[][] = [];
    for (const file of files) {
      out.push(
        await page.evaluate(
          ([text, data, shape]) =>
            (
              globalThis as unknown as { predictFromFile: (t: string, d: number[], s: number[]) => number[] }
            ).predictFromFile(text, data, shape),
          [file, Array.from(x.data), [...x.shape]] as [string, number[], number[]],
        ),
      );
    }
    return out;
  } finally {
    await browser.close();
  }
}

describe.skipIf(!CHROMIUM)("saved networks in a browser page (Chromium)", () => {
  const test = images(2, "test");
  const cases: { model: string; file: string; node: number[] }[] = [];

  beforeAll(async () => {
    const train = images(10, "train");
    for (const model of Object.keys(TINY) as NetworkModelName[]) {
      const net = createNetwork(model, {
        ...TINY[model],
        epochs: 1,
        batchSize: 25,
        seed: 1,
        workers: 1,
      } as never);
      await net.fit(train.x, train.y);
      const file = JSON.stringify(net.toJSON());
      const p = loadNetwork(file).predictProba(test.x);
      // the reloaded file predicts exactly what the fitted model does
      expect(Array.from(p.data)).toEqual(Array.from(net.predictProba(test.x).data));
      cases.push({ model, file, node: Array.from(p.data) });
    }
  });

  function compare(got: number[][]) {
    expect(got.length).toBe(cases.length);
    cases.forEach((c, m) => {
      expect(got[m].length, c.model).toBe(c.node.length);
      let err = 0;
      for (let i = 0; i < c.node.length; i++) err = Math.max(err, Math.abs(got[m][i] - c.node[i]));
      expect(err, `${c.model}: max |p_browser - p_node|`).toBeLessThanOrEqual(1e-6);
    });
  }

  it("networks from source (dependencies as published): same probabilities as Node within 1e-6", async () => {
    const dir = await bundlePage({ "@scatterkit/networks": join(NETWORKS, "src", "index.ts") });
    compare(
      await probabilitiesInBrowser(
        dir,
        cases.map((c) => c.file),
        test.x,
      ),
    );
  });

  it("as published (built packages, browser exports): same probabilities as Node within 1e-6", async () => {
    expect(
      existsSync(join(NETWORKS, "dist")),
      "packages/networks/dist is missing: run pnpm build (pnpm test does) before this test",
    ).toBe(true);
    const dir = await bundlePage({});
    compare(
      await probabilitiesInBrowser(
        dir,
        cases.map((c) => c.file),
        test.x,
      ),
    );
  });
});
