import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import * as classifiers from "@scatterkit/classifiers";
import type { Tensor } from "@scatterkit/core";
import type { ClassifierName, DemoOptions } from "./args";
import type { DemoData } from "./data";
import type { FeatureResult } from "./compute.mjs";
import { extractFeatures } from "./features";
import { ProgressBar, type ProgressStream } from "./progress";

/** What `--json` writes (the contract's keys), plus what the report shows. */
export interface DemoResult {
  dataset: string;
  train: number;
  test: number;
  /** Fraction of correct predictions on the test split, in [0, 1]. */
  accuracy: number;
  featureSeconds: number;
  trainSeconds: number;
  classifier: string;
  params: Record<string, unknown>;
}

/** Everything the CLI prints and the HTML report shows. */
export interface DemoRun {
  result: DemoResult;
  /** Row-major [k, k] confusion matrix (row = true class). */
  confusion: Int32Array;
  classNames: string[];
  predictions: Int32Array;
  /** Per-item output shape of the scattering transform (e.g. [81, 7, 7]). */
  featureShape: number[];
  /** Features of the first few test items (for the report's scattering maps). */
  testFeatures: Float32Array;
  timings: { step: string; seconds: number }[];
}

interface Model {
  fit(X: Tensor, y: ArrayLike<number>): unknown;
  /** LogisticRegression only: the same fit with the objective split over worker threads. */
  fitAsync?(X: Tensor, y: ArrayLike<number>, options: { workers?: number }): Promise<unknown>;
  predict(X: Tensor): ArrayLike<number>;
}

type Ctor = new (opts: Record<string, unknown>) => Model;

/**
 * Builds the classifier named on the command line from @scatterkit/classifiers:
 * "logistic" = LogisticRegression({C, maxIter}) (multinomial, L2), "svm" =
 * LinearSVC({C, maxIter}) (one-vs-rest), "affine" = AffineSpaceClassifier({dim}).
 */
export function makeClassifier(name: ClassifierName, o: Pick<DemoOptions, "C" | "maxIter" | "dim">): Model {
  const lib = classifiers as unknown as Record<string, Ctor | undefined>;
  const pick = (cls: string): Ctor => {
    const c = lib[cls];
    if (typeof c !== "function") {
      throw new Error(
        `${cls} is not available in this build of @scatterkit/classifiers (needed by --classifier ${name}).`,
      );
    }
    return c;
  };
  if (name === "logistic") return new (pick("LogisticRegression"))({ C: o.C, maxIter: o.maxIter });
  if (name === "svm") return new (pick("LinearSVC"))({ C: o.C, maxIter: o.maxIter });
  return new (pick("AffineSpaceClassifier"))({ dim: o.dim });
}

/** Cache file name of a run's features: dataset, feature kind, subset and scattering parameters. */
export function cacheName(data: DemoData, o: DemoOptions): string {
  const p = data.params;
  const scat =
    data.job.kind === "2d"
      ? `J${p.J}-L${p.L}`
      : `J${p.J}-Q${p.Q}-T${p.T}${p.Jfr === undefined ? "" : `-jtfs-Jfr${p.Jfr}${p.scattering1D ? "-s1d" : ""}`}`;
  return `${data.dataset}-${o.features}-${o.limit ?? "all"}-${scat}.f32`;
}

/**
 * Feature cache: `<file>` holds the raw float32 features [count, dim] and
 * `<file>.json` {count, dim, shape, seconds} (seconds = the original extraction time).
 */
export function writeFeatureCache(
  file: string,
  f: FeatureResult & { seconds: number; cpuSeconds?: number },
): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, new Uint8Array(f.features.buffer, f.features.byteOffset, f.features.byteLength));
  const count = f.features.length / Math.max(1, f.dim);
  writeFileSync(
    `${file}.json`,
    JSON.stringify({ count, dim: f.dim, shape: f.shape, seconds: f.seconds, cpuSeconds: f.cpuSeconds }),
  );
}

/** Reads a feature cache written by {@link writeFeatureCache}; undefined when absent or for another count. */
export function readFeatureCache(
  file: string,
  count: number,
): (FeatureResult & { seconds: number; cpuSeconds?: number }) | undefined {
  if (!existsSync(file) || !existsSync(`${file}.json`)) return undefined;
  const meta = JSON.parse(readFileSync(`${file}.json`, "utf8"));
  const bytes = readFileSync(file);
  if (meta.count !== count || bytes.byteLength !== count * meta.dim * 4) return undefined;
  const features = new Float32Array(count * meta.dim);
  new Uint8Array(features.buffer).set(bytes);
  return { features, dim: meta.dim, shape: meta.shape, seconds: meta.seconds, cpuSeconds: meta.cpuSeconds };
}

/** Where progress goes and whether bars are drawn. */
export interface PipelineHooks {
  stream?: ProgressStream;
  quiet?: boolean;
}

/**
 * Runs the pipeline: scattering features of train and test items (worker
 * threads) -> StandardScaler fitted on train -> classifier fitted on train ->
 * predictions, accuracy and confusion matrix on test.
 * featureSeconds covers the feature extraction of train and test; trainSeconds
 * the scaler and classifier fit.
 */
export async function runPipeline(
  data: DemoData,
  o: DemoOptions,
  hooks: PipelineHooks = {},
): Promise<DemoRun> {
  const stream = hooks.stream ?? process.stderr;
  const quiet = hooks.quiet ?? o.quiet;
  const timings: { step: string; seconds: number }[] = [];
  const what = data.job.kind === "2d" ? "images" : "recordings";

  const bar = new ProgressBar(`scattering ${what}`, data.job.count, stream, !quiet);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const cacheFile = o.cache ? join(o.cache, cacheName(data, o)) : undefined;
  let feats: (FeatureResult & { seconds: number; cpuSeconds?: number }) | undefined = cacheFile
    ? readFeatureCache(cacheFile, data.job.count)
    : undefined;
  let featureSeconds: number;
  if (feats) {
    featureSeconds = feats.seconds;
    if (!quiet) stream.write(`features read from ${cacheFile} (computed in ${featureSeconds.toFixed(1)}s)\n`);
  } else {
    const f = await extractFeatures(data.job, { workers: o.workers, onProgress: (d) => bar.update(d) });
    bar.finish();
    featureSeconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    // CPU time of the whole process (all worker threads): on a shared machine the
    // wall time depends on the load; CPU seconds / workers is the unloaded estimate.
    feats = { ...f, seconds: featureSeconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
    if (cacheFile) writeFeatureCache(cacheFile, feats);
  }
  timings.push({
    step: `features (${data.job.count} ${what}, ${o.workers} worker${o.workers > 1 ? "s" : ""})`,
    seconds: featureSeconds,
  });

  const { dim } = feats;
  const Xtr: Tensor = { data: feats.features.subarray(0, data.nTrain * dim), shape: [data.nTrain, dim] };
  const Xte: Tensor = { data: feats.features.subarray(data.nTrain * dim), shape: [data.nTest, dim] };

  const t1 = performance.now();
  // process CPU time of scaler + fit (all threads): on a loaded machine the wall time of each
  // step depends on the load, CPU seconds compare with featureCpuSeconds
  const trainCpu0 = process.cpuUsage();
  // the report's first test features, raw, before the scaler standardises the features in place
  const testFeatures = feats.features.slice(data.nTrain * dim, (data.nTrain + Math.min(8, data.nTest)) * dim);
  // in place (copy: false): the raw features are not needed after this point, and a fresh
  // 64 MB output costs more in page faults than the standardisation itself
  const scaler = new classifiers.StandardScaler({ copy: false }).fit(Xtr);
  const Ztr = scaler.transform(Xtr);
  const Zte = scaler.transform(Xte);
  const tScale = (performance.now() - t1) / 1000;
  timings.push({ step: "standard scaler", seconds: tScale });

  const model = makeClassifier(o.classifier, o);
  const ytr = Int32Array.from(data.trainLabels);
  if (!quiet) stream.write(`training ${o.classifier} on ${data.nTrain} x ${dim} features...\n`);
  const t2 = performance.now();
  // With --workers > 1, LogisticRegression.fitAsync evaluates each objective + gradient over
  // the calling thread and workers - 1 worker threads (same L-BFGS, same coefficients as fit);
  // the other classifiers have no threaded fit.
  const fitThreads = o.workers > 1 && typeof model.fitAsync === "function" ? o.workers : 1;
  if (fitThreads > 1) await model.fitAsync!(Ztr, ytr, { workers: fitThreads });
  else model.fit(Ztr, ytr);
  const tFit = (performance.now() - t2) / 1000;
  const trainCpu = process.cpuUsage(trainCpu0);
  timings.push({
    step: `fit ${o.classifier}${fitThreads > 1 ? ` (${fitThreads} threads)` : ""}`,
    seconds: tFit,
  });

  const t3 = performance.now();
  const predictions = Int32Array.from(model.predict(Zte));
  const yte = Int32Array.from(data.testLabels);
  const acc = classifiers.accuracy(yte, predictions);
  const k = data.classNames.length;
  const { matrix } = classifiers.confusionMatrix(yte, predictions, k);
  timings.push({ step: "predict", seconds: (performance.now() - t3) / 1000 });

  const classifierParams: Record<string, unknown> =
    o.classifier === "affine" ? { dim: o.dim } : { C: o.C, maxIter: o.maxIter };
  return {
    result: {
      dataset: data.dataset,
      train: data.nTrain,
      test: data.nTest,
      accuracy: acc,
      featureSeconds,
      trainSeconds: tScale + tFit,
      classifier: o.classifier,
      params: {
        ...data.params,
        features: o.features === "log" ? "log(|Sx| + 1e-6)" : "Sx",
        featureDim: dim,
        scaler: "StandardScaler",
        ...classifierParams,
        workers: o.workers,
        fitThreads,
        ...(o.limit !== undefined ? { limit: o.limit } : {}),
        ...(feats.cpuSeconds !== undefined ? { featureCpuSeconds: Number(feats.cpuSeconds.toFixed(2)) } : {}),
        trainCpuSeconds: Number(((trainCpu.user + trainCpu.system) / 1e6).toFixed(2)),
        ...(cacheFile ? { featureCache: cacheFile } : {}),
      },
    },
    confusion: matrix,
    classNames: data.classNames,
    predictions,
    featureShape: feats.shape,
    testFeatures,
    timings,
  };
}
