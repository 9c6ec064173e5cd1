// A saved network runs in a browser page with the same predictions as in Node.
//
// Node: each model is fitted on a few images of the embedded sample (tiny widths, one epoch)
// and saved with toJSON(); Node's predictProba of the reloaded file is the reference.
// Browser: esbuild bundles @scatterkit/networks AS PUBLISHED (the built package under
// packages/networks/dist, resolved through its package.json exports with the browser
// platform; no aliases, shims or externals), Debian's headless Chromium (driven by
// playwright-core) loads the page from file://, reads the same model file and computes
// predictProba of the same images. Probabilities must agree within 1e-6.
//
// Needs `pnpm build` first (as `pnpm test` does) and /usr/bin/chromium; skipped with the
// reason when Chromium is absent.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Tensor } from "@scatterkit/core";
import { createNetwork, loadNetwork, type NetworkModelName } from "@scatterkit/networks";
import { describe, expect, it } from "vitest";
import { balancedSubset, loadEmbeddedSample } from "../src/sample";

const DEMO = resolve(__dirname, "..");
const NETWORKS_DIST = resolve(DEMO, "..", "..", "packages", "networks", "dist", "index.js");

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

function images(n: number, offset: number): { x: Tensor; y: Int32Array } {
  const s = loadEmbeddedSample();
  const set = balancedSubset(offset === 0 ? s.train : s.test, n / 10);
  const x = Float32Array.from(set.images, (v) => v / 255);
  return { x: { data: x, shape: [set.count, set.rows, set.cols] }, y: Int32Array.from(set.labels) };
}

describe.skipIf(!CHROMIUM)("saved networks in a browser page (Chromium)", () => {
  it("gives the same probabilities as Node for each model (within 1e-6)", async () => {
    expect(
      existsSync(NETWORKS_DIST),
      `${NETWORKS_DIST} is missing: run pnpm build (pnpm test does) before this test`,
    ).toBe(true);
    const train = images(100, 0);
    const test = images(20, 1);
    const cases: { model: string; file: string; node: number[] }[] = [];
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
      const reloaded = loadNetwork(file);
      const p = reloaded.predictProba(test.x);
      // the reloaded file predicts exactly what the fitted model does
      expect(Array.from(p.data)).toEqual(Array.from(net.predictProba(test.x).data));
      cases.push({ model, file, node: Array.from(p.data) });
    }

    const { build } = await import("esbuild");
    const dir = mkdtempSync(join(tmpdir(), "networks-browser-"));
    await build({
      stdin: {
        contents: `import { loadNetwork } from "@scatterkit/networks";
globalThis.predictFromFile = (text, data, shape) =>
  Array.from(loadNetwork(text).predictProba({ data: Float32Array.from(data), shape }).data);
`,
        resolveDir: DEMO,
        loader: "js",
      },
      outfile: join(dir, "app.js"),
      bundle: true,
      format: "iife",
      platform: "browser",
      target: "es2022",
      logLevel: "silent",
    });
    writeFileSync(
      join(dir, "index.html"),
      '<!doctype html><meta charset="utf-8"><script src="app.js"></script>',
    );

    const { chromium } = await import("playwright-core");
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      await page.goto(pathToFileURL(join(dir, "index.html")).href);
      expect(errors).toEqual([]);
      for (const c of cases) {
        const got = await page.evaluate(
          ([text, data, shape]) =>
            (
              globalThis as unknown as { predictFromFile: (t: string, d: number[], s: number[]) => number[] }
            ).predictFromFile(text, data, shape),
          [c.file, Array.from(test.x.data), [...test.x.shape]] as [string, number[], number[]],
        );
        expect(got.length, c.model).toBe(c.node.length);
        let err = 0;
        for (let i = 0; i < got.length; i++) err = Math.max(err, Math.abs(got[i] - c.node[i]));
        expect(err, `${c.model}: max |p_browser - p_node|`).toBeLessThanOrEqual(1e-6);
      }
    } finally {
      await browser.close();
    }
  });
});
