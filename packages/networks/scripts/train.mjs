#!/usr/bin/env node
// Runner for the networks' training runs (not shipped). Uses the BUILT package (run `pnpm build`
// in packages/networks first) so that worker threads can load it.
//
//   node scripts/train.mjs --model sparse-scattering|tight-frame|phase-collapse
//        [--dataset fashion-mnist|mnist] [--data-dir DIR] [--train N] [--test N]
//        [--epochs N] [--nonlinearity NAME] [--workers N] [--set key=JSON ...]
//        [--holdout N] [--checkpoint FILE] [--cache DIR] [--json FILE] [--model-out FILE] [--fisher N]
//
// Prints one progress line per epoch; --json writes accuracy, minutes, images/s, Fisher ratios
// per layer and the learning curve. A run with --checkpoint resumes where it stopped.
import { writeFileSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { loadMnistLike } from "@scatterkit/datasets";
import { createNetwork, saveNetwork } from "@scatterkit/networks";

const args = process.argv.slice(2);
const opt = { dataset: "fashion-mnist", set: [] };
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (!a.startsWith("--")) throw new Error(`unexpected argument ${a}`);
  const key = a.slice(2);
  const val = args[++i];
  if (key === "set") opt.set.push(val);
  else opt[key] = val;
}
if (!opt.model) throw new Error("--model is required");
const dataDir = opt["data-dir"] ?? `/work/shared/datasets/${opt.dataset}`;

function load(kind, limit) {
  const s = loadMnistLike(dataDir, { kind, ...(limit ? { limit } : {}) });
  const data = new Float32Array(s.images.length);
  for (let i = 0; i < data.length; i++) data[i] = s.images[i] / 255;
  return { images: { data, shape: [s.count, s.rows, s.cols] }, labels: Int32Array.from(s.labels) };
}

// --holdout N: validate on the last N training images (design choices), train on the first
// --train of the rest; otherwise on the test set (first --test images).
function slice(set, from, to) {
  const px = set.images.shape[1] * set.images.shape[2];
  return {
    images: {
      data: set.images.data.slice(from * px, to * px),
      shape: [to - from, ...set.images.shape.slice(1)],
    },
    labels: set.labels.slice(from, to),
  };
}
let train;
let test;
if (opt.holdout) {
  const all = load("train");
  const n = all.labels.length;
  const h = Number(opt.holdout);
  train = slice(all, 0, Math.min(n - h, opt.train ? Number(opt.train) : n - h));
  test = slice(all, n - h, n);
} else {
  train = load("train", opt.train ? Number(opt.train) : undefined);
  test = load("test", opt.test ? Number(opt.test) : undefined);
}
const options = {};
if (opt.epochs) options.epochs = Number(opt.epochs);
if (opt.nonlinearity) options.nonlinearity = opt.nonlinearity;
if (opt.workers) options.workers = Number(opt.workers);
for (const kv of opt.set) {
  const j = kv.indexOf("=");
  options[kv.slice(0, j)] = JSON.parse(kv.slice(j + 1));
}
if (opt.cache) options.cacheDir = resolve(opt.cache);
if (opt.checkpoint) options.checkpoint = { path: resolve(opt.checkpoint), every: 1, resume: true };
const t0 = performance.now();
options.onEpoch = (e) => {
  console.log(
    `epoch ${e.epoch}/${e.epochs} loss ${e.loss.toFixed(4)} train ${(100 * e.trainAccuracy).toFixed(2)}%` +
      ` test ${e.testAccuracy === undefined ? "-" : (100 * e.testAccuracy).toFixed(2)}% lr ${e.learningRate.toFixed(4)}` +
      ` ${e.seconds.toFixed(1)} s ${e.imagesPerSecond.toFixed(0)} img/s (elapsed ${((performance.now() - t0) / 60000).toFixed(1)} min)` +
      Object.entries(e.diagnostics ?? {})
        .map(([k, v]) => ` ${k} ${Number.isInteger(v) ? v : v.toPrecision(3)}`)
        .join(""),
  );
};
const net = createNetwork(opt.model, options);
console.log(
  `${opt.model} ${JSON.stringify(net.options)} on ${opt.dataset} ${train.labels.length}/${test.labels.length}`,
);
await net.fit(train.images, train.labels, { validation: test });
const trainMinutes = (performance.now() - t0) / 60000;
// plain accuracy and speed without test-time flips; the model's own setting is restored before saving
const modelFlips = net.testTimeFlips;
net.testTimeFlips = false;
const t1 = performance.now();
const pred = net.predict(test.images);
const inferSeconds = (performance.now() - t1) / 1000;
let correct = 0;
for (let i = 0; i < pred.length; i++) if (pred[i] === test.labels[i]) correct++;
const accuracy = correct / pred.length;
// with flips in training: also the accuracy of test-time flips (logits of image and mirror averaged)
let flipAccuracy;
let flipInferenceImagesPerSecond;
if (net.options.augment) {
  net.testTimeFlips = true;
  const t2 = performance.now();
  const pf = net.predict(test.images);
  flipInferenceImagesPerSecond = pf.length / ((performance.now() - t2) / 1000);
  let ok = 0;
  for (let i = 0; i < pf.length; i++) if (pf[i] === test.labels[i]) ok++;
  flipAccuracy = ok / pf.length;
}
net.testTimeFlips = modelFlips;
const nf = Math.min(Number(opt.fisher ?? 2000), test.labels.length);
const fisher = net.layerFisherRatios(
  { data: test.images.data.subarray(0, nf * 28 * 28), shape: [nf, ...test.images.shape.slice(1)] },
  test.labels.subarray(0, nf),
);
const result = {
  model: opt.model,
  dataset: opt.dataset,
  train: train.labels.length,
  test: test.labels.length,
  options: net.options,
  parameters: net.parameterCount,
  accuracy,
  ...(flipAccuracy === undefined ? {} : { flipAccuracy, flipInferenceImagesPerSecond }),
  trainMinutes,
  inferenceImagesPerSecond: pred.length / inferSeconds,
  fisher,
  history: net.history,
};
console.log(
  `accuracy ${(100 * accuracy).toFixed(2)}%${flipAccuracy === undefined ? "" : ` (test-time flips ${(100 * flipAccuracy).toFixed(2)}%)`} in ${trainMinutes.toFixed(1)} min; inference ${result.inferenceImagesPerSecond.toFixed(0)} img/s`,
);
console.log(`fisher ${fisher.map((f) => `${f.layer}: ${f.ratio.toFixed(3)}`).join(", ")}`);
if (opt.json) {
  mkdirSync(dirname(resolve(opt.json)), { recursive: true });
  writeFileSync(resolve(opt.json), `${JSON.stringify(result, null, 2)}\n`);
}
if (opt["model-out"]) await saveNetwork(net, resolve(opt["model-out"]));
process.exit(0);
