/**
 * `browser` suite: scatterkit in a web page.
 *
 * Cases:
 * - bundle-scattering1d: a page that imports only Scattering1D from @scatterkit/scattering (its
 *   browser build), bundled and minified by esbuild for the browser. Columns: bytes, gzipBytes
 *   (the embedded worker script of forwardAsync included). medianSeconds = esbuild time.
 * - live-page: the demo's live page (apps/demo/src/web/live.ts, built by `pnpm --filter
 *   @scatterkit/demo run web`) in Debian Chromium with a fake microphone playing a chirp: frames of
 *   8192 samples (J=8, Q=8) computed by Scattering1D.forwardAsync in a Web Worker. Columns:
 *   framesPerSecond (frames shown per second), realTimeFactor (mean compute time per frame over
 *   the frame's duration; the first frame, which starts the worker, left out), frames.
 *   medianSeconds = median compute time of one frame.
 *
 * --quick: 6 frames instead of 40. Needs the packages built (pnpm build) and chromium on PATH.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { loadEsbuild } from "../../../../tooling/build/worker-bundle.mjs";
import { launch, serve } from "../../../browser-tests/src/browser";
import { chirpWav } from "../../../browser-tests/src/wav";
import type { BenchOptions, BenchResult, BenchRow } from "../types";

const here = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(here, "..", "..", "..", "..");

async function bundleCase(): Promise<BenchRow> {
  const dir = mkdtempSync(join(here, "..", "..", ".bundle-"));
  try {
    const entry = join(dir, "page.js");
    writeFileSync(
      entry,
      `import { Scattering1D } from "@scatterkit/scattering";\nconst S = new Scattering1D({ J: 6, shape: 1024 });\nS.forwardAsync({ data: new Float64Array(2048), shape: [2, 1024] }).then((y) => console.log(y.shape));\n`,
    );
    const t0 = performance.now();
    const r = await loadEsbuild().build({
      entryPoints: [entry],
      bundle: true,
      platform: "browser",
      format: "esm",
      minify: true,
      write: false,
      logLevel: "silent",
    });
    const seconds = (performance.now() - t0) / 1000;
    const bytes = r.outputFiles[0].contents;
    return {
      suite: "browser",
      case: "bundle-scattering1d",
      params: { imports: "Scattering1D", bundler: "esbuild --platform=browser --minify" },
      medianSeconds: seconds,
      bytes: bytes.length,
      gzipBytes: gzipSync(bytes).length,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function liveCase(frames: number): Promise<BenchRow> {
  const out = mkdtempSync(join(tmpdir(), "scatterkit-bench-live-"));
  try {
    execFileSync("pnpm", ["--filter", "@scatterkit/demo", "run", "web", out], {
      cwd: REPO,
      env: { ...process.env, WEB_TRAIN_PER_CLASS: "10" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const wav = join(out, "chirp.wav");
    writeFileSync(wav, chirpWav(48000, 6));
    const server = await serve(out);
    const browser = await launch([
      "--use-fake-device-for-media-stream",
      "--use-fake-ui-for-media-stream",
      `--use-file-for-fake-audio-capture=${wav}`,
      "--autoplay-policy=no-user-gesture-required",
    ]);
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}live.html?autostart`);
      await page.waitForFunction(
        (n) => (window as unknown as { __live: { frames: number } }).__live.frames >= n,
        frames,
        {
          timeout: 300_000,
        },
      );
      const live = await page.evaluate(
        () =>
          (
            window as unknown as {
              __live: {
                fps: number;
                realTimeFactor: number;
                computeMs: number[];
                frames: number;
                params: object;
              };
            }
          ).__live,
      );
      const ms = live.computeMs.slice(1).sort((a, b) => a - b);
      return {
        suite: "browser",
        case: "live-page",
        params: live.params as Record<string, unknown>,
        medianSeconds: ms[Math.floor(ms.length / 2)] / 1000,
        framesPerSecond: Number(live.fps.toFixed(2)),
        realTimeFactor: Number(live.realTimeFactor.toFixed(4)),
        frames: live.frames,
      };
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

export async function run(opts: BenchOptions): Promise<BenchResult> {
  const rows = [await bundleCase(), await liveCase(opts.quick ? 6 : 40)];
  return {
    suite: "browser",
    rows,
    notes: [
      "realTimeFactor < 1: the page keeps up with the microphone (compute time per frame / frame duration)",
      "the bundle includes the embedded worker script that forwardAsync starts (module Web Worker)",
    ],
  };
}
