#!/usr/bin/env node
// Collects results/*.json (written by scripts/train.mjs) into results/summary.json and prints
// a Markdown table for the README (not shipped).
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = join(import.meta.dirname, "..", "results");
const runs = readdirSync(dir)
  .filter((f) => f.endsWith(".json") && f !== "summary.json")
  .sort()
  .map((f) => ({ file: f, ...JSON.parse(readFileSync(join(dir, f), "utf8")) }));
const rows = runs.map((r) => ({
  file: r.file,
  model: r.model,
  nonlinearity:
    r.options.nonlinearity ??
    (r.model === "sparse-scattering" ? (r.options.sparseCode ? "sparse code" : "no sparse code") : ""),
  dataset: r.dataset,
  train: r.train,
  test: r.test,
  epochs: r.history.length,
  plannedEpochs: r.options.epochs,
  accuracy: r.accuracy,
  flipAccuracy: r.flipAccuracy ?? null,
  options: r.options,
  bestEpochAccuracy: Math.max(...r.history.map((h) => h.testAccuracy ?? 0)),
  trainMinutes: r.trainMinutes,
  trainImagesPerSecond: r.history.reduce((s, h) => s + h.imagesPerSecond, 0) / r.history.length,
  inferenceImagesPerSecond: r.inferenceImagesPerSecond,
  parameters: r.parameters,
  fisher: r.fisher,
  partial: r.partial ?? false,
}));
writeFileSync(
  join(dir, "summary.json"),
  `${JSON.stringify({ measuredOn: "shared 2-core machine, load 10-20", runs: rows }, null, 2)}\n`,
);
console.log(
  "| run | data (train/test) | epochs | test accuracy | training min | train img/s | inference img/s | params | Fisher ratio per layer |",
);
console.log("|---|---|---|---|---|---|---|---|---|");
for (const r of rows) {
  const f = r.fisher.map((x) => `${x.layer} ${x.ratio.toFixed(2)}`).join(", ");
  console.log(
    `| ${r.model} ${r.nonlinearity} | ${r.dataset} ${r.train}/${r.test} | ${r.epochs}/${r.plannedEpochs} | ${(100 * r.accuracy).toFixed(2)}% | ${r.trainMinutes.toFixed(1)} | ${r.trainImagesPerSecond.toFixed(0)} | ${r.inferenceImagesPerSecond.toFixed(0)} | ${r.parameters} | ${f} |`,
  );
}
