/**
 * `networks` suite (@scatterkit/networks): the three learned networks on scattering,
 * trained on the same Fashion-MNIST subset with the same budget (epochs, seed, workers,
 * batch size: each model's standard-run settings except the number of epochs), then
 * measured on the test subset.
 *
 * Cases (the ablation table of the issue):
 * - phase-collapse with modulus / threshold / relu (same architecture, same budget);
 * - sparse-scattering with and without the sparse code (ISTC);
 * - tight-frame with relu (separation) / soft-threshold (concentration).
 *
 * Columns: accuracy (test subset), trainSeconds (wall time of fit, scattering front-end
 * included), trainImagesPerSecond (median over epochs), inferenceImagesPerSecond
 * (predictProba over the test subset on the calling thread), parameterCount, and
 * fisher: the Fisher ratio trace(S_B)/trace(S_W) per layer on training images.
 * medianSeconds = median wall seconds of one training epoch.
 *
 * Hyper-parameter search, the same for every case: each case trains once per learning rate
 * of BENCH_NETWORKS_LRS (comma-separated; default: the model's standard rate only) and the
 * rate with the best accuracy on a validation set (BENCH_NETWORKS_VAL images of the training
 * split that are not training images) is the case's `selected` row; the ablation notes
 * compare selected rows, whose test accuracy was not used to choose them.
 *
 * Sizes: --quick 1,000 train / 500 test images, 1 epoch (about a minute or two on two
 * cores); full 10,000 train / 10,000 test, 3 epochs: a fixed budget for comparing the
 * cases, shorter than the standard runs. BENCH_NETWORKS_TRAIN, _TEST, _VAL, _EPOCHS override
 * them and BENCH_NETWORKS_CASES (comma-separated case names) picks cases. The standard runs
 * (full training set, each model's documented epochs and augmentation) are in the networks
 * README and come back here as `recorded-*` rows; they take up to 90 minutes each, too long
 * for a bench.
 * Data: $SCATTERKIT_DATA/fashion-mnist or ../shared/datasets/fashion-mnist; without them the
 * demo's embedded sample (3,000 train / 1,000 test images).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import type { Tensor } from "@scatterkit/core";
import { type ImageSet, loadMnistLike } from "@scatterkit/datasets";
import { createNetwork, type EpochInfo, type NetworkModelName, STANDARD_RUNS } from "@scatterkit/networks";
import type { BenchOptions, BenchResult, BenchRow } from "../types";
import { median, now } from "../util";

const here = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(here, "..", "..", "..", "..");

/** One case of the suite: a model, its non-linearity and the ablation it belongs to. */
export interface NetworkCase {
  name: string;
  model: NetworkModelName;
  /** As the demo's --nonlinearity spells it (sparse-scattering: "istc" | "none"). */
  nonlinearity: string;
  /** Which comparison the case belongs to. */
  ablation: "phase collapse non-linearity" | "sparse code" | "tight-frame non-linearity";
}

/** The seven cases, in table order. */
export const CASES: NetworkCase[] = [
  {
    name: "phase-collapse-modulus",
    model: "phase-collapse",
    nonlinearity: "modulus",
    ablation: "phase collapse non-linearity",
  },
  {
    name: "phase-collapse-threshold",
    model: "phase-collapse",
    nonlinearity: "threshold",
    ablation: "phase collapse non-linearity",
  },
  {
    name: "phase-collapse-relu",
    model: "phase-collapse",
    nonlinearity: "relu",
    ablation: "phase collapse non-linearity",
  },
  {
    name: "sparse-scattering-istc",
    model: "sparse-scattering",
    nonlinearity: "istc",
    ablation: "sparse code",
  },
  {
    name: "sparse-scattering-none",
    model: "sparse-scattering",
    nonlinearity: "none",
    ablation: "sparse code",
  },
  {
    name: "tight-frame-relu",
    model: "tight-frame",
    nonlinearity: "relu",
    ablation: "tight-frame non-linearity",
  },
  {
    name: "tight-frame-soft-threshold",
    model: "tight-frame",
    nonlinearity: "soft-threshold",
    ablation: "tight-frame non-linearity",
  },
];

/** Train and test images as float32 tensors [n, 28, 28] (pixel / 255) with labels. */
export interface BenchData {
  train: { images: Tensor; labels: Int32Array };
  test: { images: Tensor; labels: Int32Array };
  /** Images of the training split that are not in `train` (model selection). */
  validation?: { images: Tensor; labels: Int32Array };
  source: string;
}

/** Decodes the demo's embedded sample (gzip of "SKS1", 5 uint32 LE, train pixels+labels, test pixels+labels). */
export function decodeEmbeddedSample(bytes: Uint8Array): { train: ImageSet; test: ImageSet } {
  const raw = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  if (Buffer.from(raw.subarray(0, 4)).toString("ascii") !== "SKS1") throw new Error("not an SKS1 sample");
  const v = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  const [nTrain, nTest, rows, cols] = [0, 1, 2, 3].map((i) => v.getUint32(4 + 4 * i, true));
  const px = rows * cols;
  let o = 24;
  const take = (count: number): ImageSet => {
    const images = raw.slice(o, o + count * px);
    o += count * px;
    const labels = raw.slice(o, o + count);
    o += count;
    return { images, labels, count, rows, cols };
  };
  const train = take(nTrain);
  const test = take(nTest);
  return { train, test };
}

/**
 * `n` evenly spread images of a set (all when n >= count) as a float tensor with labels;
 * `offset` 1 takes each chosen image's successor instead (disjoint from offset 0 when
 * n <= count / 2).
 */
export function spreadTensor(set: ImageSet, n: number, offset = 0): { images: Tensor; labels: Int32Array } {
  const m = Math.min(n, set.count);
  const px = set.rows * set.cols;
  const data = new Float32Array(m * px);
  const labels = new Int32Array(m);
  for (let k = 0; k < m; k++) {
    const i = Math.min(set.count - 1, Math.floor((k * set.count) / m) + offset);
    for (let p = 0; p < px; p++) data[k * px + p] = set.images[i * px + p] / 255;
    labels[k] = set.labels[i];
  }
  return { images: { data, shape: [m, set.rows, set.cols] }, labels };
}

/** Loads `train` / `test` Fashion-MNIST images (evenly spread over each split). */
export function loadBenchData(train: number, test: number, env = process.env, validation = 0): BenchData {
  const candidates = [
    env.SCATTERKIT_DATA ? join(env.SCATTERKIT_DATA, "fashion-mnist") : "",
    env.SCATTERKIT_DATA ?? "",
    join(REPO, "..", "shared", "datasets", "fashion-mnist"),
  ].filter((d) => d && existsSync(join(d, "train-images-idx3-ubyte.gz")));
  if (candidates.length > 0) {
    const dir = candidates[0];
    const trainSet = loadMnistLike(dir, { kind: "train" });
    return {
      train: spreadTensor(trainSet, train),
      test: spreadTensor(loadMnistLike(dir, { kind: "test" }), test),
      ...(validation > 0 && train + validation <= trainSet.count
        ? { validation: spreadTensor(trainSet, validation, 1) }
        : {}),
      source: dir,
    };
  }
  const s = decodeEmbeddedSample(
    readFileSync(join(REPO, "apps", "demo", "data", "fashion-mnist-sample.bin.gz")),
  );
  return {
    train: spreadTensor(s.train, train),
    test: spreadTensor(s.test, test),
    source: "embedded sample (apps/demo/data)",
  };
}

/** Sizes and budget of a run of the suite. */
export interface NetworksSizes {
  train: number;
  test: number;
  epochs: number;
  seed?: number;
  workers?: number;
  /** Case names to run (default: all). */
  cases?: string[];
  /** Learning rates searched for every case (default: the model's standard rate). */
  learningRates?: number[];
  /** Validation images for the search (taken from the training split). */
  validation?: number;
}

/** Trains and measures one case; returns its row. */
export async function benchCase(
  c: NetworkCase,
  data: BenchData,
  s: NetworksSizes,
  learningRate?: number,
): Promise<BenchRow> {
  const epochs: EpochInfo[] = [];
  const options: Record<string, unknown> = {
    epochs: s.epochs,
    seed: s.seed ?? 0,
    workers: s.workers ?? 2,
    classes: 10,
    onEpoch: (e: EpochInfo) => epochs.push(e),
  };
  if (learningRate !== undefined) options.learningRate = learningRate;
  if (c.model === "sparse-scattering") options.sparseCode = c.nonlinearity !== "none";
  else options.nonlinearity = c.nonlinearity;
  const net = createNetwork(c.model, options as never);
  const t0 = now();
  await net.fit(data.train.images, data.train.labels);
  const trainSeconds = now() - t0;
  const t1 = now();
  const proba = net.predictProba(data.test.images);
  const inferSeconds = now() - t1;
  const [n] = proba.shape;
  const correct = countCorrect(proba, data.test.labels);
  const validationAccuracy = data.validation
    ? countCorrect(net.predictProba(data.validation.images), data.validation.labels) /
      data.validation.labels.length
    : undefined;
  const fisherN = Math.min(2000, data.train.labels.length);
  const sub = spreadTensorOf(data.train, fisherN);
  const fisher = net.layerFisherRatios(sub.images, sub.labels);
  const hist = epochs.length > 0 ? epochs : net.history;
  return {
    suite: "networks",
    case: c.name,
    params: {
      model: c.model,
      nonlinearity: c.nonlinearity,
      train: data.train.labels.length,
      test: n,
      epochs: s.epochs,
      seed: s.seed ?? 0,
      workers: s.workers ?? 2,
      learningRate: learningRate ?? (STANDARD_RUNS[c.model] as { learningRate?: number }).learningRate,
      fisherImages: fisherN,
    },
    medianSeconds: median(hist.map((e) => e.seconds)),
    ablation: c.ablation,
    accuracy: correct / n,
    ...(validationAccuracy !== undefined ? { validationAccuracy } : {}),
    trainSeconds,
    trainImagesPerSecond: median(hist.map((e) => e.imagesPerSecond)),
    inferenceImagesPerSecond: n / inferSeconds,
    parameterCount: net.parameterCount,
    finalLoss: hist.at(-1)?.loss,
    fisher: Object.fromEntries(fisher.map((f) => [f.layer, Number(f.ratio.toPrecision(4))])),
  };
}

/** Number of rows of `proba` [n, k] whose largest entry is at the label. */
function countCorrect(proba: Tensor, labels: Int32Array): number {
  const [n, k] = proba.shape;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (proba.data[i * k + j] > proba.data[i * k + best]) best = j;
    if (best === labels[i]) correct++;
  }
  return correct;
}

function spreadTensorOf(set: { images: Tensor; labels: Int32Array }, m: number) {
  const n = set.labels.length;
  if (m >= n) return set;
  const px = set.images.data.length / n;
  const data = new Float32Array(m * px);
  const labels = new Int32Array(m);
  for (let q = 0; q < m; q++) {
    const i = Math.floor((q * n) / m);
    data.set(set.images.data.subarray(i * px, (i + 1) * px), q * px);
    labels[q] = set.labels[i];
  }
  return { images: { data, shape: [m, ...set.images.shape.slice(1)] }, labels };
}

/** Runs the chosen cases on one data set; exported for tests with small sizes. */
export async function experiment(s: NetworksSizes, data?: BenchData): Promise<BenchResult> {
  const d = data ?? loadBenchData(s.train, s.test, process.env, s.validation ?? 0);
  const chosen = s.cases ? CASES.filter((c) => s.cases!.includes(c.name)) : CASES;
  const rates: (number | undefined)[] = s.learningRates?.length ? s.learningRates : [undefined];
  const rows: BenchRow[] = [];
  for (const c of chosen) {
    const mine: BenchRow[] = [];
    for (const lr of rates) {
      mine.push(await benchCase(c, d, s, lr));
      if (process.env.BENCH_NETWORKS_VERBOSE) {
        const r = mine.at(-1)!;
        console.error(
          `${c.name} lr ${(r.params as { learningRate?: number }).learningRate}: test ${(100 * (r.accuracy as number)).toFixed(2)}%` +
            `${r.validationAccuracy !== undefined ? ` validation ${(100 * (r.validationAccuracy as number)).toFixed(2)}%` : ""} in ${(r.trainSeconds as number).toFixed(1)}s`,
        );
      }
    }
    // the search's choice: best validation accuracy (first on ties), else the only row
    let pick = mine[0];
    for (const r of mine)
      if (((r.validationAccuracy as number) ?? 0) > ((pick.validationAccuracy as number) ?? 0)) pick = r;
    for (const r of mine) r.selected = r === pick;
    rows.push(...mine);
  }
  const pct = (name: string) => {
    const r = rows.find((x) => x.case === name && x.selected);
    return r ? `${(100 * (r.accuracy as number)).toFixed(2)}%` : "-";
  };
  const budget = `${d.train.labels.length} train / ${d.test.labels.length} test images, ${s.epochs} epoch${s.epochs === 1 ? "" : "s"}, seed ${s.seed ?? 0}`;
  return {
    suite: "networks",
    rows,
    notes: [
      `data: ${d.source}; ${budget}; each model's standard-run architecture and optimiser, the same budget for every case` +
        (rates.length > 1
          ? `; learning rate searched over ${rates.join(", ")} for every case, chosen on ${d.validation?.labels.length ?? 0} validation images of the training split (selected rows)`
          : ""),
      `ablation, phase collapse (same architecture): modulus ${pct("phase-collapse-modulus")}, threshold ${pct("phase-collapse-threshold")}, relu ${pct("phase-collapse-relu")} (Guth et al. 2022: replacing the modulus by thresholding degrades accuracy considerably)`,
      `ablation, sparse scattering: with the sparse code ${pct("sparse-scattering-istc")}, without ${pct("sparse-scattering-none")} (Zarka et al. 2020: the sparse code adds accuracy)`,
      `tight frame: relu (separation) ${pct("tight-frame-relu")}, soft-threshold (concentration) ${pct("tight-frame-soft-threshold")}`,
      "medianSeconds: one training epoch; inferenceImagesPerSecond: predictProba on the calling thread (scattering front-end included); fisher: trace(S_B)/trace(S_W) per layer on training images",
    ],
  };
}

/**
 * Rows of the runs recorded by the networks package's training script
 * (`packages/networks/results/*.json`: the standard runs on the full datasets and the
 * package's own ablation runs), so that the bench JSON carries every figure. Each row's
 * `recorded` column names its file; nothing is re-run. Files of another shape are ignored.
 */
export function recordedRows(dir = join(REPO, "packages", "networks", "results")): BenchRow[] {
  if (!existsSync(dir)) return [];
  const rows: BenchRow[] = [];
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    let r: Record<string, unknown>;
    try {
      r = JSON.parse(readFileSync(join(dir, name), "utf8"));
    } catch {
      continue;
    }
    if (typeof r.model !== "string" || typeof r.accuracy !== "number") continue;
    const history = Array.isArray(r.history)
      ? (r.history as { seconds?: number; imagesPerSecond?: number }[])
      : [];
    const secs = history.map((e) => e.seconds).filter((x): x is number => typeof x === "number");
    const ips = history.map((e) => e.imagesPerSecond).filter((x): x is number => typeof x === "number");
    const options = (r.options ?? {}) as Record<string, unknown>;
    const fisher = Array.isArray(r.fisher) ? (r.fisher as { layer: string; ratio: number }[]) : [];
    rows.push({
      suite: "networks",
      case: `recorded-${name.replace(/\.json$/, "")}`,
      params: {
        model: r.model,
        nonlinearity:
          options.nonlinearity ??
          (options.sparseCode === false ? "none" : options.sparseCode === true ? "istc" : undefined),
        dataset: r.dataset,
        train: r.train,
        test: r.test,
        epochs: options.epochs ?? history.length,
        workers: options.workers,
      },
      medianSeconds: secs.length ? median(secs) : Number.NaN,
      ablation: "recorded run",
      accuracy: r.accuracy,
      ...(typeof r.flipAccuracy === "number" ? { flipAccuracy: r.flipAccuracy } : {}),
      trainSeconds: typeof r.trainMinutes === "number" ? 60 * r.trainMinutes : undefined,
      trainImagesPerSecond: ips.length ? median(ips) : undefined,
      inferenceImagesPerSecond: r.inferenceImagesPerSecond,
      parameterCount: r.parameters,
      finalLoss: (history.at(-1) as { loss?: number } | undefined)?.loss,
      fisher: Object.fromEntries(fisher.map((f) => [f.layer, Number(f.ratio.toPrecision(4))])),
      recorded: `packages/networks/results/${name}`,
    });
  }
  return rows;
}

function envInt(name: string, fallback: number): number {
  const v = process.env[name];
  const x = v === undefined ? Number.NaN : Number(v);
  return Number.isInteger(x) && x > 0 ? x : fallback;
}

export async function run(opts: BenchOptions): Promise<BenchResult> {
  const sizes: NetworksSizes = {
    train: envInt("BENCH_NETWORKS_TRAIN", opts.quick ? 1000 : 10000),
    test: envInt("BENCH_NETWORKS_TEST", opts.quick ? 500 : 10000),
    epochs: envInt("BENCH_NETWORKS_EPOCHS", opts.quick ? 1 : 3),
    cases: process.env.BENCH_NETWORKS_CASES?.split(",").map((x) => x.trim()),
    learningRates: process.env.BENCH_NETWORKS_LRS?.split(",").map((x) => Number(x.trim())),
    validation: envInt("BENCH_NETWORKS_VAL", opts.quick ? 0 : 2000),
  };
  const result = await experiment(sizes);
  const recorded = recordedRows();
  if (recorded.length > 0) {
    result.rows.push(...recorded);
    result.notes?.push(
      `recorded-* rows: runs of packages/networks/scripts/train.mjs read from packages/networks/results (${recorded.length} files; not re-run here; their Fisher ratios are on test images)`,
    );
  }
  return result;
}
