// The main job's network runs (`pnpm demo -- --model NAME ...`): a learned network of
// @scatterkit/networks trained on the images of the demo's data (train split), with the
// test split as the per-epoch validation set, checkpoints, per-epoch progress lines, the
// test accuracy, the confusion matrix, inference speed and the Fisher ratio per layer.
// Loaded by main.ts only when --model is given, so the linear pipeline never depends on it.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { accuracy, confusionMatrix } from "@scatterkit/classifiers";
import type { Tensor } from "@scatterkit/core";
import {
  createNetwork,
  type EpochInfo,
  type LayerFisherRatio,
  type NetworkEstimator,
  type NetworkModelName,
} from "@scatterkit/networks";
import type { DemoOptions, ModelName } from "./args";
import type { DemoData } from "./data";
import type { DemoResult } from "./pipeline";
import { formatSeconds, type ProgressStream } from "./progress";
import { pngDataUri } from "./report";
import type { NetworkReport } from "./report-networks";

/** The JSON of a network run: the contract's keys plus model, nonlinearity and epochs. */
export interface NetworkResult extends DemoResult {
  model: ModelName;
  /** The model's non-linearity (sparse-scattering: "istc" with the sparse code, "none" without). */
  nonlinearity: string;
  /** Epochs of the training run (the model's standard run unless --epochs). */
  epochs: number;
}

/** Everything the CLI prints and the report shows for a network run. */
export interface NetworkRun {
  result: NetworkResult;
  report: NetworkReport;
  predictions: Int32Array;
  timings: { step: string; seconds: number }[];
  /** The fitted model (to save or inspect). */
  network: NetworkEstimator;
}

/** At most this many training images (evenly spread) enter the per-layer Fisher ratios. */
export const FISHER_IMAGES = 5000;

/**
 * Options of the @scatterkit/networks model for the demo's options: the non-linearity
 * (sparse-scattering: `sparseCode: nonlinearity !== "none"`), epochs, seed, workers, the
 * checkpoint and the front-end cache folder (--cache) when given. Everything else keeps the model's standard run (its constructor defaults),
 * except that MNIST trains without mirror images (`augment: false`: a mirrored digit is another
 * symbol), keeping the random translations.
 */
export function networkOptions(o: DemoOptions): Record<string, unknown> {
  const model = o.model!;
  const opts: Record<string, unknown> = { workers: o.workers };
  if (model === "sparse-scattering") opts.sparseCode = o.nonlinearity !== "none";
  else opts.nonlinearity = o.nonlinearity;
  if (o.epochs !== undefined) opts.epochs = o.epochs;
  if (o.dataset === "mnist") opts.augment = false;
  if (o.seed !== undefined) opts.seed = o.seed;
  if (o.checkpoint) opts.checkpoint = { path: resolve(o.checkpoint), every: 1, resume: true };
  if (o.cache) opts.cacheDir = resolve(o.cache);
  return opts;
}

/** Images `[from, to)` of a demo job as a float32 tensor [n, rows, cols] with values pixel / 255. */
export function imageTensor(data: DemoData, from: number, to: number): Tensor {
  if (data.job.kind !== "2d") throw new Error(`--model needs image data; ${data.dataset} holds recordings.`);
  const { images, rows, cols } = data.job;
  const px = rows * cols;
  const out = new Float32Array((to - from) * px);
  for (let i = 0; i < out.length; i++) out[i] = images[from * px + i] / 255;
  return { data: out, shape: [to - from, rows, cols] };
}

/** Evenly spread rows (at most `max`) of an image tensor and their labels. */
function subsetOf(t: Tensor, labels: ArrayLike<number>, max: number): { images: Tensor; labels: Int32Array } {
  const n = t.shape[0];
  if (n <= max) return { images: t, labels: Int32Array.from(labels) };
  const px = t.data.length / n;
  const data = new Float32Array(max * px);
  const y = new Int32Array(max);
  for (let k = 0; k < max; k++) {
    const i = Math.floor((k * n) / max);
    data.set(t.data.subarray(i * px, (i + 1) * px), k * px);
    y[k] = labels[i];
  }
  return { images: { data, shape: [max, ...t.shape.slice(1)] }, labels: y };
}

/**
 * One progress line of an epoch: `epoch 3/12  loss 0.4123  train 88.12%  test 87.90%  lr 0.0500  41.2s  1456 img/s`,
 * then the model's diagnostics (sparse scattering: `lambdaStar 0.0402  activeAtoms 256`).
 */
export function formatEpoch(e: EpochInfo): string {
  const pct = (v: number | undefined) => (v === undefined ? "   -   " : `${(100 * v).toFixed(2)}%`);
  const w = String(e.epochs).length;
  return [
    `epoch ${String(e.epoch).padStart(w)}/${e.epochs}`,
    `loss ${e.loss.toFixed(4)}`,
    `train ${pct(e.trainAccuracy)}`,
    `test ${pct(e.testAccuracy)}`,
    `lr ${e.learningRate.toPrecision(3)}`,
    formatSeconds(e.seconds),
    `${Math.round(e.imagesPerSecond)} img/s`,
    ...Object.entries(e.diagnostics ?? {}).map(
      ([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toPrecision(3)}`,
    ),
  ].join("  ");
}

/** Row-wise argmax of [n, k] probabilities (ties: the lowest class, as predict). */
export function argmaxRows(p: Tensor): Int32Array {
  const [n, k] = p.shape;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (p.data[i * k + c] > p.data[i * k + best]) best = c;
    out[i] = best;
  }
  return out;
}

/** The first `n` test images as PNG data URIs with true and predicted class names and the predicted probability. */
function sampleFigures(
  data: DemoData,
  predictions: Int32Array,
  proba: Tensor,
  n: number,
): NetworkReport["samples"] {
  if (data.job.kind !== "2d") return [];
  const { images, rows, cols } = data.job;
  const px = rows * cols;
  const k = proba.shape[1];
  return Array.from({ length: Math.min(n, data.nTest) }, (_, i) => {
    const off = (data.nTrain + i) * px;
    return {
      image: pngDataUri(images.subarray(off, off + px), cols, rows),
      truth: data.classNames[data.testLabels[i]],
      predicted: data.classNames[predictions[i]],
      probability: proba.data[i * k + predictions[i]],
    };
  });
}

/** Where progress goes and whether it is printed. */
export interface NetworkHooks {
  stream?: ProgressStream;
  quiet?: boolean;
}

/**
 * Trains the network named by `o.model` on the train split of `data` (test split as the
 * per-epoch validation set; checkpoints when `o.checkpoint`), then measures on the test split:
 * accuracy and confusion matrix (from predictProba, timed for the inference images/s) and the
 * Fisher ratio per layer on up to FISHER_IMAGES training images. Writes the model file when `o.save`.
 * trainSeconds is the wall time of `fit` (scattering front-end, epochs and per-epoch validation);
 * featureSeconds is 0: the model computes its scattering inside `fit`.
 */
export async function runNetwork(
  data: DemoData,
  o: DemoOptions,
  hooks: NetworkHooks = {},
): Promise<NetworkRun> {
  const stream = hooks.stream ?? process.stderr;
  const quiet = hooks.quiet ?? o.quiet;
  const model = o.model!;
  const nl = o.nonlinearity!;
  const timings: { step: string; seconds: number }[] = [];
  const Xtr = imageTensor(data, 0, data.nTrain);
  const Xte = imageTensor(data, data.nTrain, data.nTrain + data.nTest);
  const ytr = Int32Array.from(data.trainLabels);
  const yte = Int32Array.from(data.testLabels);
  const opts = networkOptions(o);
  const onEpoch = (e: EpochInfo) => {
    if (!quiet) stream.write(`${formatEpoch(e)}\n`);
  };
  const net = createNetwork(
    model as NetworkModelName,
    {
      ...opts,
      classes: data.classNames.length,
      onEpoch,
    } as never,
  );
  if (!quiet) {
    stream.write(
      `training ${model} (${nl}) on ${data.nTrain} images, validating on ${data.nTest}` +
        `${o.checkpoint ? `; checkpoint ${resolve(o.checkpoint)}` : ""}\n`,
    );
  }
  const t0 = performance.now();
  await net.fit(Xtr, ytr, { validation: { images: Xte, labels: yte } });
  const trainSeconds = (performance.now() - t0) / 1000;
  timings.push({
    step: `fit ${model} (${net.history.length} epoch${net.history.length === 1 ? "" : "s"})`,
    seconds: trainSeconds,
  });

  const t1 = performance.now();
  const proba = net.predictProba(Xte);
  const predictSeconds = (performance.now() - t1) / 1000;
  timings.push({ step: `predictProba (${data.nTest} images)`, seconds: predictSeconds });
  const predictions = argmaxRows(proba);
  const acc = accuracy(yte, predictions);
  const k = data.classNames.length;
  const { matrix } = confusionMatrix(yte, predictions, k);

  const t2 = performance.now();
  const fsub = subsetOf(Xtr, ytr, FISHER_IMAGES);
  const fisher: LayerFisherRatio[] = net.layerFisherRatios(fsub.images, fsub.labels);
  timings.push({
    step: `Fisher ratios (${fsub.labels.length} train images)`,
    seconds: (performance.now() - t2) / 1000,
  });

  const file = net.toJSON();
  if (o.save) {
    const path = resolve(o.save);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, JSON.stringify(file));
  }
  const history = net.history;
  const epochs = history.at(-1)?.epochs ?? o.epochs ?? history.length;
  const imagesPerSecond = predictSeconds > 0 ? data.nTest / predictSeconds : Number.POSITIVE_INFINITY;
  const { onEpoch: _cb, checkpoint: _ck, ...modelOptions } = file.options as Record<string, unknown>;
  const params: Record<string, unknown> = {
    ...modelOptions,
    nonlinearity: nl,
    classes: file.classes,
    inputShape: file.inputShape,
    parameterCount: net.parameterCount,
    imagesPerSecond: Number(imagesPerSecond.toFixed(1)),
    fisherRatios: Object.fromEntries(fisher.map((f) => [f.layer, Number(f.ratio.toPrecision(6))])),
    fisherImages: fsub.labels.length,
    history: history.map((e) => ({
      epoch: e.epoch,
      loss: Number(e.loss.toFixed(5)),
      trainAccuracy: Number(e.trainAccuracy.toFixed(5)),
      testAccuracy: e.testAccuracy === undefined ? null : Number(e.testAccuracy.toFixed(5)),
      learningRate: Number(e.learningRate.toPrecision(4)),
      seconds: Number(e.seconds.toFixed(2)),
      ...(e.diagnostics ? { diagnostics: e.diagnostics } : {}),
    })),
    featureSeconds: "0: the scattering front-end runs inside fit (in trainSeconds) and predictProba",
    ...(o.limit !== undefined ? { limit: o.limit } : {}),
    ...(o.checkpoint ? { checkpoint: resolve(o.checkpoint) } : {}),
    ...(o.save ? { saved: resolve(o.save) } : {}),
  };
  const { history: _h, ...reportParams } = params;
  const result: NetworkResult = {
    dataset: data.dataset,
    train: data.nTrain,
    test: data.nTest,
    accuracy: acc,
    featureSeconds: 0,
    trainSeconds,
    classifier: model,
    params,
    model,
    nonlinearity: nl,
    epochs,
  };
  return {
    result,
    predictions,
    timings,
    network: net,
    report: {
      dataset: data.dataset,
      source: data.source,
      model,
      nonlinearity: nl,
      train: data.nTrain,
      test: data.nTest,
      accuracy: acc,
      trainSeconds,
      imagesPerSecond,
      history: history.map((e) => ({
        epoch: e.epoch,
        loss: e.loss,
        trainAccuracy: e.trainAccuracy,
        testAccuracy: e.testAccuracy,
        seconds: e.seconds,
        learningRate: e.learningRate,
      })),
      confusion: matrix,
      classNames: data.classNames,
      fisher: fisher.map((f) => ({ layer: f.layer, ratio: f.ratio })),
      params: reportParams,
      samples: sampleFigures(data, predictions, proba, 8),
    },
  };
}

/** The --json object of a network run: the contract's keys in order, then model, nonlinearity, epochs. */
export function networkJson(r: NetworkResult): NetworkResult {
  const { dataset, train, test, accuracy, featureSeconds, trainSeconds, classifier, params } = r;
  return {
    dataset,
    train,
    test,
    accuracy,
    featureSeconds,
    trainSeconds,
    classifier,
    params,
    model: r.model,
    nonlinearity: r.nonlinearity,
    epochs: r.epochs,
  };
}
