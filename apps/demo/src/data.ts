import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { FormatError } from "@scatterkit/core";
import { type ImageSet, fitLength, loadFsdd, loadMnistLike } from "@scatterkit/datasets";
import type { DatasetName, DemoOptions } from "./args";
import type { FeatureJob } from "./features";
import { loadEmbeddedSample } from "./sample";

/** Fashion-MNIST class names, by label. */
export const FASHION_CLASSES = [
  "T-shirt/top",
  "Trouser",
  "Pullover",
  "Dress",
  "Coat",
  "Sandal",
  "Shirt",
  "Sneaker",
  "Bag",
  "Ankle boot",
];
const DIGITS = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

/** Scattering parameters of each kind of data (Kymatio's examples). */
export const SCATTERING_2D = { J: 2, L: 8 } as const;
export const SCATTERING_1D = { J: 8, Q: 12, T: 2 ** 13 } as const;
/**
 * TimeFrequencyScattering parameters of `--dataset fsdd --transform jtfs` (T: signal length); its
 * features are the SCATTERING_1D features followed by these JTFS ones (measured on a 600/100
 * subset: 90% with Scattering1D alone, 83% with JTFS alone, 96% with both).
 */
export const JTFS_1D = { J: 6, Jfr: 2, Q: 8, T: 2 ** 13 } as const;

/** A dataset ready for the pipeline: one feature job over train then test items. */
export interface DemoData {
  dataset: DatasetName;
  /** Folder the files were read from ("(embedded)" for the sample). */
  source: string;
  classNames: string[];
  nTrain: number;
  nTest: number;
  trainLabels: Uint8Array;
  testLabels: Uint8Array;
  /** Train items first, then test items. */
  job: FeatureJob;
  /** Parameters reported in the JSON. */
  params: Record<string, unknown>;
  /** For the report: the test images (2-D data only). */
  testImages?: ImageSet;
}

/** Evenly spaced indices 0, step, 2 step, ... (n of them) out of `total` (all when n >= total). */
export function spread(total: number, n: number | undefined): number[] {
  if (n === undefined || n >= total) return Array.from({ length: total }, (_, i) => i);
  return Array.from({ length: n }, (_, i) => Math.floor((i * total) / n));
}

function pickImages(set: ImageSet, idx: number[]): ImageSet {
  const px = set.rows * set.cols;
  if (idx.length === set.count) return set;
  const images = new Uint8Array(idx.length * px);
  const labels = new Uint8Array(idx.length);
  idx.forEach((i, k) => {
    images.set(set.images.subarray(i * px, (i + 1) * px), k * px);
    labels[k] = set.labels[i];
  });
  return { images, labels, count: idx.length, rows: set.rows, cols: set.cols };
}

/**
 * Resolves the folder of a dataset: `dir` itself when it holds the files, else
 * `dir/<dataset>` (so SCATTERKIT_DATA may point at a folder of datasets).
 */
export function resolveDataDir(dir: string, dataset: DatasetName): string {
  const holds = (d: string) =>
    existsSync(d) &&
    (dataset === "fsdd"
      ? existsSync(join(d, "recordings")) || readdirSync(d).some((f) => /^\d_.+_\d+\.wav$/.test(f))
      : readdirSync(d).some((f) => f.startsWith("train-images")));
  if (holds(dir)) return dir;
  const sub = join(dir, dataset);
  if (holds(sub)) return sub;
  throw new FormatError(
    dataset === "fsdd"
      ? `No FSDD recordings in ${JSON.stringify(dir)} (expected a recordings/ folder of {digit}_{speaker}_{index}.wav files).`
      : `No ${dataset} IDX files in ${JSON.stringify(dir)} (expected train-images-idx3-ubyte.gz and the three other files).`,
  );
}

/** Loads the dataset named by the options and builds its feature job. */
export function loadDemoData(o: DemoOptions): DemoData {
  const testLimit = o.limit === undefined ? undefined : Math.max(10, Math.ceil(o.limit / 6));
  if (o.dataset === "fsdd") {
    const dir = resolveDataDir(o.dataDir!, "fsdd");
    const data = loadFsdd(dir);
    const tr = spread(data.train.signals.length, o.limit);
    const te = spread(data.test.signals.length, testLimit);
    const jtfs = o.transform === "jtfs";
    const { T, J, Q } = jtfs ? JTFS_1D : SCATTERING_1D;
    const all = [...tr.map((i) => data.train.signals[i]), ...te.map((i) => data.test.signals[i])];
    const signals = new Float64Array(all.length * T);
    all.forEach((s, k) => {
      signals.set(fitLength(s, T, { normalize: true }), k * T);
    });
    return {
      dataset: "fsdd",
      source: dir,
      classNames: DIGITS,
      nTrain: tr.length,
      nTest: te.length,
      trainLabels: Uint8Array.from(tr, (i) => data.train.labels[i]),
      testLabels: Uint8Array.from(te, (i) => data.test.labels[i]),
      job: jtfs
        ? {
            kind: "1d",
            signals,
            count: all.length,
            T,
            J,
            Q,
            features: o.features,
            transform: "jtfs",
            Jfr: JTFS_1D.Jfr,
            withScattering1D: { J: SCATTERING_1D.J, Q: SCATTERING_1D.Q },
          }
        : { kind: "1d", signals, count: all.length, T, J, Q, features: o.features },
      params: jtfs
        ? {
            scattering: "Scattering1D + TimeFrequencyScattering",
            J,
            Jfr: JTFS_1D.Jfr,
            Q,
            T,
            scattering1D: { J: SCATTERING_1D.J, Q: SCATTERING_1D.Q },
            sampleRate: data.sampleRate,
          }
        : { scattering: "Scattering1D", J, Q, T, sampleRate: data.sampleRate },
    };
  }
  let train: ImageSet;
  let test: ImageSet;
  let source: string;
  if (o.dataset === "sample") {
    const s = loadEmbeddedSample();
    train = s.train;
    test = s.test;
    source = "(embedded sample)";
  } else {
    source = resolveDataDir(o.dataDir!, o.dataset);
    train = loadMnistLike(source, { kind: "train" });
    test = loadMnistLike(source, { kind: "test" });
  }
  train = pickImages(train, spread(train.count, o.limit));
  test = pickImages(test, spread(test.count, testLimit));
  const px = train.rows * train.cols;
  const images = new Uint8Array((train.count + test.count) * px);
  images.set(train.images.subarray(0, train.count * px));
  images.set(test.images.subarray(0, test.count * px), train.count * px);
  const { J, L } = SCATTERING_2D;
  return {
    dataset: o.dataset,
    source,
    classNames: o.dataset === "mnist" ? DIGITS : FASHION_CLASSES,
    nTrain: train.count,
    nTest: test.count,
    trainLabels: train.labels,
    testLabels: test.labels,
    job: {
      kind: "2d",
      images,
      count: train.count + test.count,
      rows: train.rows,
      cols: train.cols,
      J,
      L,
      features: o.features,
    },
    params: { scattering: "Scattering2D", J, L, shape: [train.rows, train.cols] },
    testImages: test,
  };
}
