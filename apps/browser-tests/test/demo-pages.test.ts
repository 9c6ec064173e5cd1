// The interactive pages as CI serves them: `pnpm --filter @scatterkit/demo run web` builds them
// (issue 10: it failed with `Could not resolve "path"`), they are served over http and used in
// Chromium with no page error. The live page gets Chromium's fake microphone playing a chirp WAV:
// frames arrive, and each frame equals Scattering1D.forward of the samples the page received.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { workspaceRoot } from "../src/root";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launch, serve } from "../src/browser";
import { relErr } from "../src/pages";
import { chirpWav } from "../src/wav";

type Live = {
  params: { transform: string; J: number; Q: number; Jfr?: number; frame: number; sampleRate: number };
  source: string;
  frames: number;
  recent: { index: number; samples: number[]; output: number[]; ms: number }[];
  computeMs: number[];
  fps: number;
  realTimeFactor: number;
  errors: string[];
};

const out = mkdtempSync(join(tmpdir(), "scatterkit-web-"));
const wav = join(out, "chirp.wav");
let server: Awaited<ReturnType<typeof serve>>;
let browser: Browser;
type Transform = new (o: object) => { forward(x: object): { data: Float32Array | Float64Array } };
let Scattering1D: Transform;
let TimeFrequencyScattering: Transform;

beforeAll(async () => {
  execFileSync("pnpm", ["--filter", "@scatterkit/demo", "run", "web", out], {
    cwd: workspaceRoot,
    env: { ...process.env, WEB_TRAIN_PER_CLASS: "10" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  writeFileSync(wav, chirpWav());
  server = await serve(out);
  browser = await launch([
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
    `--use-file-for-fake-audio-capture=${wav}`,
    "--autoplay-policy=no-user-gesture-required",
  ]);
  // the page bundles the workspace's packages: compare with their Node.js build
  ({ Scattering1D, TimeFrequencyScattering } = await import(
    pathToFileURL(join(workspaceRoot, "packages/scattering/dist/index.js")).href
  ));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(out, { recursive: true, force: true });
});

async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto(server.url + path);
  return { page, errors };
}

function checkFrames(live: Live, minFrames = 3): void {
  expect(live.errors).toEqual([]);
  expect(live.recent.length).toBeGreaterThanOrEqual(minFrames);
  const { J, Q, Jfr, frame } = live.params;
  const S =
    live.params.transform === "jtfs"
      ? new TimeFrequencyScattering({ J, Q, Jfr, shape: frame })
      : new Scattering1D({ J, Q, shape: frame });
  for (const f of live.recent) {
    const x = Float64Array.from(f.samples); // the received float32 samples, computed in float64 by the page
    expect(x.length).toBe(live.params.frame);
    expect(Math.max(...x.map(Math.abs))).toBeGreaterThan(0.05); // real audio came through
    const y = S.forward({ data: x, shape: [1, x.length] }).data;
    expect(f.output.length).toBe(y.length);
    expect(relErr(f.output, Array.from(y))).toBeLessThanOrEqual(1e-12);
  }
}

describe("the demo's pages in Chromium", () => {
  it("index.html: the image demo predicts, draws its maps and reacts to a click, with no page error", async () => {
    const { page, errors } = await open("index.html");
    await page.waitForFunction(() => (document.getElementById("prediction")?.textContent ?? "") !== "");
    const first = await page.textContent("#timing");
    expect(await page.locator("#maps canvas").count()).toBeGreaterThan(8);
    await page.locator("#gallery canvas").nth(5).click();
    await page.waitForFunction((t) => document.getElementById("timing")?.textContent !== t, first);
    expect(await page.textContent("#prediction")).toMatch(/\(\d+\.\d%\)/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("live.html with a fake microphone: frames arrive, each equal to Scattering1D.forward of the received samples", async () => {
    const { page, errors } = await open("live.html?autostart");
    await page.waitForFunction(() => (window as unknown as { __live: Live }).__live.frames >= 8, null, {
      timeout: 120_000,
    });
    const live = await page.evaluate(() => (window as unknown as { __live: Live }).__live);
    expect(live.source).toBe("microphone");
    checkFrames(live);
    expect(errors).toEqual([]);
    console.log(
      `live page: ${live.frames} frames of ${live.params.frame} samples at ${live.params.sampleRate} Hz, ` +
        `${live.fps.toFixed(2)} frames/s, real-time factor ${live.realTimeFactor.toFixed(4)}, ` +
        `compute ms ${live.computeMs.map((m) => m.toFixed(1)).join(" ")}`,
    );
    await page.close();
  });

  it("live.html?transform=jtfs: time-frequency scattering frames equal TimeFrequencyScattering.forward", async () => {
    const { page, errors } = await open("live.html?transform=jtfs&autostart");
    await page.waitForFunction(() => (window as unknown as { __live: Live }).__live.frames >= 2, null, {
      timeout: 240_000,
    });
    const live = await page.evaluate(() => (window as unknown as { __live: Live }).__live);
    expect(live.params.transform).toBe("jtfs");
    checkFrames(live, 2);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("live.html file input fallback: the frames of a WAV file, equal to Scattering1D.forward", async () => {
    const { page, errors } = await open("live.html");
    await page.setInputFiles("#file", wav);
    await page.waitForFunction(() => (window as unknown as { __live: Live }).__live.frames >= 10, null, {
      timeout: 120_000,
    });
    const live = await page.evaluate(() => (window as unknown as { __live: Live }).__live);
    expect(live.source).toBe("file");
    checkFrames(live);
    expect(errors).toEqual([]);
    await page.close();
  });
});
