// Builds the interactive page into apps/demo/out/web (pnpm --filter @scatterkit/demo run web):
// trains the page's model on the embedded sample, writes data.js (model + sample
// images), bundles app.ts for the browser with tsup (esbuild) and writes index.html.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "tsup";
import { FASHION_CLASSES } from "../data";
import { balancedSubset, loadEmbeddedSample } from "../sample";
import { LIVE_HTML } from "./live.html";
import { trainWebModel } from "./model";

const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(process.argv[2] ?? join(here, "..", "..", "out", "web"));
mkdirSync(outDir, { recursive: true });

const perClass = Number(process.env.WEB_TRAIN_PER_CLASS ?? 100);
const sample = loadEmbeddedSample();
const train = balancedSubset(sample.train, perClass);
const test = balancedSubset(sample.test, 20);
const t0 = performance.now();
const model = trainWebModel(train, test, FASHION_CLASSES);
console.log(
  `trained on ${train.count} images in ${((performance.now() - t0) / 1000).toFixed(1)}s; held-out accuracy ${(100 * model.testAccuracy).toFixed(1)}% on ${test.count}`,
);
const gallery = balancedSubset(sample.test, 4);
const px = gallery.rows * gallery.cols;
const samples = {
  labels: Array.from(gallery.labels),
  images: Array.from({ length: gallery.count }, (_, i) =>
    Buffer.from(gallery.images.subarray(i * px, (i + 1) * px)).toString("base64"),
  ),
};
writeFileSync(join(outDir, "data.js"), `window.SCATTERKIT_DEMO = ${JSON.stringify({ model, samples })};\n`);

await build({
  entry: { app: join(here, "app.ts"), live: join(here, "live.ts") },
  outDir,
  format: ["iife"],
  platform: "browser",
  target: "es2020",
  minify: true,
  bundle: true,
  noExternal: [/.*/],
  dts: false,
  clean: false,
  silent: true,
  config: false,
  outExtension: () => ({ js: ".js" }),
});

writeFileSync(
  join(outDir, "index.html"),
  `<!doctype html>
<html lang="en"><head><meta charset="utf-8"/><title>scatterkit: scattering in your browser</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1000px;padding:0 1rem;color:#111}
canvas{image-rendering:pixelated}#input{width:280px;height:280px;border:1px solid #999;touch-action:none;cursor:crosshair;background:#000}
#gallery canvas{width:42px;height:42px;margin:2px;cursor:pointer;border:1px solid #ccc}
#maps canvas{width:56px;height:56px;margin:2px;border:1px solid #ddd}
.cols{display:flex;gap:2rem;flex-wrap:wrap}.row{display:flex;align-items:center;gap:.5rem;font-size:.9rem}
.row span:first-child{width:7rem}.bar{height:12px;background:#2463eb}#prediction{font-size:1.6rem;font-weight:700}
</style></head><body>
<h1>Wavelet scattering in your browser</h1>
<p id="about"></p>
<p><a href="live.html">Live: the scattering of your microphone</a></p>
<p>Pick a test image or draw on the black square (then release), and see its scattering maps and the predicted class.</p>
<div id="gallery"></div>
<div class="cols">
<div><canvas id="input" width="28" height="28"></canvas><br/><button id="clear">clear</button></div>
<div><div id="prediction"></div><div id="timing"></div><div id="probs"></div></div>
</div>
<h2>Scattering maps</h2>
<p>Order 0 (top), then order 1: one row per scale j, one column per orientation &theta;; each map scaled to its own range.</p>
<div id="maps"></div>
<script src="data.js"></script>
<script src="app.js"></script>
</body></html>
`,
);
writeFileSync(join(outDir, "live.html"), LIVE_HTML);
console.log(`wrote ${join(outDir, "index.html")} and ${join(outDir, "live.html")}`);
