/**
 * The estimator machinery shared by the three networks: input checks, the cached scattering
 * front-end, minibatch SGD (momentum, weight decay, schedule) with gradients summed over
 * shards in a fixed order, checkpoints and resume, inference, Fisher ratios, model files.
 * @internal
 */
import { fisherRatio } from "@scatterkit/classifiers";
import {
  FormatError,
  NotFittedError,
  ParameterError,
  ShapeError,
  type FloatArray,
  type Tensor,
  checkInteger,
  checkNumber,
} from "@scatterkit/core";
import { Scattering2D } from "@scatterkit/scattering";
import type {
  EpochInfo,
  FitOptions,
  LayerFisherRatio,
  NetworkEstimator,
  NetworkModelFile,
  NetworkModelName,
  StoredArray,
  TrainingOptions,
} from "./api.js";
import {
  readBinaryFile,
  readTextFile,
  restoreArray,
  storeArray,
  writeBinaryFile,
  writeTextFile,
} from "./io.js";
import { projectTightFrame } from "./nn/frame.js";
import { normalizeColumns } from "./nn/istc.js";
import type { Act, DType, Layer, Param } from "./nn/layer.js";
import { softmaxCrossEntropy } from "./nn/layers.js";
import { Random } from "@scatterkit/core";
import { startShardPool } from "./pool.js";
import { type ShardPool, type ShardResult, runShard } from "./shards.js";

/**
 * A transform of every image of a set (copy `v` of the training set): image k mirrored
 * left-right when flip[k] = 1, then translated by (dy[k], dx[k]) pixels with zero fill.
 */
export interface Augmentation {
  flip: Uint8Array;
  dy: Int8Array;
  dx: Int8Array;
  /** Cache key of the transform ("flip" for a plain mirror of every image). */
  key: string;
}

/**
 * Copy `v` (1-based) of a training set of n images: with `augment`, odd copies are mirrored;
 * with `shift` > 0, each image gets a translation drawn uniformly from [-shift, shift]^2 by a
 * generator seeded from (seed, v), so that the copies are the same in every run of a seed.
 */
export function augmentation(n: number, v: number, r: ResolvedTraining): Augmentation {
  const flip = new Uint8Array(n);
  const dy = new Int8Array(n);
  const dx = new Int8Array(n);
  if (r.augment && v % 2 === 1) flip.fill(1);
  if (r.shift > 0) {
    const g = new Random((Math.imul(r.seed, 0x9e3779b1) + v * 0x85ebca6b) >>> 0);
    for (let i = 0; i < n; i++) {
      dy[i] = g.nextInt(2 * r.shift + 1) - r.shift;
      dx[i] = g.nextInt(2 * r.shift + 1) - r.shift;
    }
  }
  const mirrored = r.augment && v % 2 === 1;
  const key =
    r.shift === 0
      ? mirrored
        ? "flip"
        : "orig"
      : `${mirrored ? "flip" : "orig"}-shift${r.shift}-s${r.seed}-c${v}`;
  return { flip, dy, dx, key };
}

/** A model's standard-run training defaults (the rest: SGD momentum 0.9, batch 128, cosine). */
export interface StandardTraining {
  epochs: number;
  learningRate: number;
  augment?: boolean;
  shift?: number;
  copies?: number;
}

/** Resolved training options (every field set). */
export interface ResolvedTraining {
  epochs: number;
  batchSize: number;
  learningRate: number;
  momentum: number;
  weightDecay: number;
  schedule: "cosine" | "step" | "constant";
  seed: number;
  workers: number;
  augment: boolean;
  shift: number;
  copies: number;
  classes: number | undefined;
}

/** The learned part of a network: its layers and where Fisher ratios are measured. */
export interface Net {
  layers: Layer[];
  /** [layer index after which the output is recorded, name] (index -1: the front-end). */
  probes: [number, string][];
}

/** The fixed front-end of a model. */
export interface FrontEndSpec {
  J: number;
  L: number;
  /** Apply log(|S| + 1e-4) (|.|: float32 round-off leaves tiny negative coefficients)? */
  log: boolean;
}

const TRAINING_KEYS = [
  "epochs",
  "batchSize",
  "learningRate",
  "momentum",
  "weightDecay",
  "schedule",
  "seed",
  "workers",
  "augment",
  "shift",
  "copies",
  "classes",
] as const;

/** Checks and fills the common training options. */
export function resolveTraining(
  o: TrainingOptions,
  defaults: StandardTraining,
): ResolvedTraining {
  if (o !== undefined && (typeof o !== "object" || o === null)) {
    throw new ParameterError("options", o, "an object of options");
  }
  const schedule = o.schedule ?? "cosine";
  if (schedule !== "cosine" && schedule !== "step" && schedule !== "constant") {
    throw new ParameterError("schedule", schedule, '"cosine", "step" or "constant"');
  }
  if (o.onEpoch !== undefined && typeof o.onEpoch !== "function") {
    throw new ParameterError("onEpoch", o.onEpoch, "a function");
  }
  if (o.checkpoint !== undefined) {
    const c = o.checkpoint;
    if (typeof c !== "object" || c === null || typeof c.path !== "string" || c.path.length === 0) {
      throw new ParameterError(
        "checkpoint",
        c,
        "an object { path: string, every?: number, resume?: boolean }",
      );
    }
    if (c.every !== undefined) checkInteger("checkpoint.every", c.every, 1);
  }
  if (o.augment !== undefined && typeof o.augment !== "boolean") {
    throw new ParameterError("augment", o.augment, "true or false");
  }
  return {
    epochs: checkInteger("epochs", o.epochs ?? defaults.epochs, 1, 100000),
    batchSize: checkInteger("batchSize", o.batchSize ?? 128, 1, 1 << 20),
    learningRate: checkNumber("learningRate", o.learningRate ?? defaults.learningRate, {
      min: 0,
      minExclusive: true,
    }),
    momentum: checkNumber("momentum", o.momentum ?? 0.9, { min: 0, max: 0.999 }),
    weightDecay: checkNumber("weightDecay", o.weightDecay ?? 5e-4, { min: 0 }),
    schedule,
    seed: checkInteger("seed", o.seed ?? 0, 0, 2 ** 32 - 1),
    workers: checkInteger("workers", o.workers ?? 1, 1, 64),
    augment: o.augment ?? defaults.augment ?? false,
    shift: checkInteger("shift", o.shift ?? defaults.shift ?? 0, 0, 64),
    copies: checkInteger("copies", o.copies ?? defaults.copies ?? 1, 1, 64),
    classes: o.classes === undefined ? undefined : checkInteger("classes", o.classes, 2, 1 << 16),
  };
}

/** Checks images [n, H, W] (float typed array, finite values). */
export function checkImages(
  name: string,
  images: unknown,
  expect?: [number, number],
): { n: number; H: number; W: number; data: FloatArray } {
  const t = images as Tensor;
  if (
    typeof t !== "object" ||
    t === null ||
    !(t.data instanceof Float32Array || t.data instanceof Float64Array)
  ) {
    throw new ParameterError(
      name,
      images,
      "a Tensor { data: Float32Array | Float64Array, shape: [n, H, W] }",
    );
  }
  if (
    !Array.isArray(t.shape) ||
    t.shape.length !== 3 ||
    !t.shape.every((s) => Number.isInteger(s) && s >= 1)
  ) {
    throw new ShapeError(`${name}.shape`, t.shape, "[n, H, W] with positive integers");
  }
  const [n, H, W] = t.shape as number[];
  if (t.data.length !== n * H * W) {
    throw new ShapeError(
      `${name}.data.length`,
      t.data.length,
      `n * H * W = ${n * H * W} for shape [${n}, ${H}, ${W}]`,
    );
  }
  if (expect && (H !== expect[0] || W !== expect[1])) {
    throw new ShapeError(
      `${name}.shape`,
      t.shape,
      `[n, ${expect[0]}, ${expect[1]}] (the image size the model was fitted on)`,
    );
  }
  const d = t.data;
  for (let i = 0; i < d.length; i++) {
    if (!Number.isFinite(d[i])) {
      throw new ParameterError(`${name}.data[${i}]`, d[i], "finite numbers (no NaN or infinity in images)");
    }
  }
  return { n, H, W, data: d };
}

/** Checks labels: n integers in [0, classes). */
export function checkLabels(labels: unknown, n: number, classes?: number): Int32Array {
  const y = labels as ArrayLike<number>;
  if (y === null || typeof y !== "object" || typeof y.length !== "number") {
    throw new ParameterError("labels", labels, "an array of integer class labels");
  }
  if (y.length !== n) throw new ShapeError("labels.length", y.length, `${n} (one label per image)`);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (!Number.isInteger(v) || v < 0 || (classes !== undefined && v >= classes)) {
      throw new ParameterError(
        `labels[${i}]`,
        v,
        classes === undefined ? "an integer >= 0" : `an integer class in [0, ${classes - 1}]`,
      );
    }
    out[i] = v;
  }
  return out;
}

/** Number of minibatches of an epoch. */
function stepsPerEpoch(n: number, batch: number): number {
  return Math.ceil(n / batch);
}

/** Learning rate of global step t (0-based) of T: linear warm-up over `warm` steps, then the schedule. */
export function learningRateAt(r: ResolvedTraining, t: number, T: number, warm: number): number {
  const w = warm > 0 ? Math.min(1, (t + 1) / warm) : 1;
  if (r.schedule === "constant") return r.learningRate * w;
  if (r.schedule === "step") {
    const e = Math.floor((3 * t) / T);
    return r.learningRate * w * 0.1 ** e;
  }
  return r.learningRate * w * 0.5 * (1 + Math.cos((Math.PI * t) / T));
}

/** Base class of the three networks. */
export abstract class NetworkBase implements NetworkEstimator {
  abstract readonly modelName: NetworkModelName;
  history: EpochInfo[] = [];
  /** Worker threads the last `fit` ran shards on (0: every shard on the calling thread). */
  workerThreads = 0;
  protected readonly training: ResolvedTraining;
  protected readonly onEpoch?: (info: EpochInfo) => void;
  protected readonly cacheDir?: string;
  protected readonly checkpoint?: { path: string; every: number; resume: boolean };
  protected net: Net | null = null;
  protected inputShape: [number, number] | null = null;
  protected classes = 0;
  private frontEnds = new Map<string, Scattering2D>();

  constructor(o: TrainingOptions, defaults: StandardTraining) {
    this.training = resolveTraining(o ?? {}, defaults);
    this.onEpoch = o?.onEpoch;
    if (o?.cacheDir !== undefined) {
      if (typeof o.cacheDir !== "string" || o.cacheDir.length === 0) {
        throw new ParameterError("cacheDir", o.cacheDir, "a folder path");
      }
      this.cacheDir = o.cacheDir;
    }
    if (o?.checkpoint) {
      this.checkpoint = {
        path: o.checkpoint.path,
        every: o.checkpoint.every ?? 1,
        resume: o.checkpoint.resume ?? true,
      };
    }
  }

  /** Architecture options (JSON), stored in model files. */
  protected abstract architecture(): Record<string, unknown>;
  /** The fixed front-end. */
  protected abstract frontEndSpec(): FrontEndSpec;
  /** Builds the learned layers for front-end output [c, h, w] (initialised from rng). */
  protected abstract buildNet(
    c: number,
    h: number,
    w: number,
    classes: number,
    dtype: DType,
    rng: Random,
  ): Net;

  /**
   * Builds the layers for front-end output [c, h, w] without training (worker shards).
   * @internal
   */
  buildForShapes(c: number, h: number, w: number, classes: number): Layer[] {
    this.classes = classes;
    this.net = this.buildNet(c, h, w, classes, "float32", new Random(0));
    return this.net.layers;
  }

  /** Every option of the model (architecture and training, without callbacks). */
  get options(): Record<string, unknown> {
    const t: Record<string, unknown> = {};
    for (const k of TRAINING_KEYS) if (this.training[k] !== undefined) t[k] = this.training[k];
    return { ...this.architecture(), ...t };
  }

  /** Number of learned scalars (0 before fit). */
  get parameterCount(): number {
    if (!this.net) return 0;
    let s = 0;
    for (const l of this.net.layers) for (const p of l.params) s += p.value.length;
    return s;
  }

  // ---------------------------------------------------------------- front-end

  private scattering(H: number, W: number): Scattering2D {
    const key = `${H}x${W}`;
    let s = this.frontEnds.get(key);
    if (!s) {
      const f = this.frontEndSpec();
      s = new Scattering2D({ J: f.J, shape: [H, W], L: f.L });
      this.frontEnds.set(key, s);
    }
    return s;
  }

  /**
   * Front-end output [n, c, h, w] (float32) of images [n, H, W], each image first transformed
   * by `aug` when given (see {@link Augmentation}).
   */
  protected async frontEndAsync(images: Tensor, aug: Augmentation | null = null): Promise<Act> {
    if (!this.cacheDir) return this.computeFrontEnd(images, aug);
    const [n, H, W] = images.shape as number[];
    const f = this.frontEndSpec();
    const [, c, h, w] = this.scattering(H, W).outputShapeFor([n, H, W]);
    const tag = aug ? aug.key : "orig";
    const key = `${f.J}-${f.L}-${f.log ? "log" : "plain"}-${tag}-${n}x${H}x${W}-${hashPixels(images.data)}`;
    const path = `${this.cacheDir}/scattering-${key}.f32`;
    const bytes = await readBinaryFile(path);
    if (bytes && bytes.byteLength === n * c * h * w * 4) {
      return { data: new Float32Array(bytes.buffer, bytes.byteOffset, n * c * h * w), n, c, h, w };
    }
    const out = await this.computeFrontEnd(images, aug);
    await writeBinaryFile(path, new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.byteLength));
    return out;
  }

  private async computeFrontEnd(images: Tensor, aug: Augmentation | null): Promise<Act> {
    const [n, H, W] = images.shape as number[];
    const S = this.scattering(H, W);
    const chunk = 2000;
    let out: Float32Array | null = null;
    let dims: number[] = [];
    for (let i0 = 0; i0 < n; i0 += chunk) {
      const m = Math.min(chunk, n - i0);
      const x = new Float32Array(m * H * W);
      for (let i = 0; i < m; i++) {
        const k = i0 + i;
        const flip = aug ? aug.flip[k] === 1 : false;
        const dy = aug ? aug.dy[k] : 0;
        const dx = aug ? aug.dx[k] : 0;
        for (let r = 0; r < H; r++) {
          const rs = r - dy;
          if (rs < 0 || rs >= H) continue;
          for (let c = 0; c < W; c++) {
            let cs = c - dx;
            if (cs < 0 || cs >= W) continue;
            if (flip) cs = W - 1 - cs;
            x[(i * H + r) * W + c] = images.data[(k * H + rs) * W + cs];
          }
        }
      }
      const y = await S.forwardAsync({ data: x, shape: [m, H, W] });
      if (!out) {
        dims = y.shape.slice(1) as number[];
        out = new Float32Array(n * dims[0] * dims[1] * dims[2]);
      }
      out.set(y.data, i0 * dims[0] * dims[1] * dims[2]);
    }
    if (!out) throw new ShapeError("images", images.shape, "at least one image");
    this.postFrontEnd(out);
    return { data: out, n, c: dims[0], h: dims[1], w: dims[2] };
  }

  /** Front-end on the calling thread (inference). */
  protected frontEnd(images: Tensor): Act {
    const [n, H, W] = images.shape as number[];
    const S = this.scattering(H, W);
    const x = images.data instanceof Float32Array ? images.data : Float32Array.from(images.data);
    const y = S.forward({ data: x, shape: [n, H, W] });
    const data = y.data instanceof Float32Array ? y.data : Float32Array.from(y.data);
    this.postFrontEnd(data);
    return { data, n, c: y.shape[1], h: y.shape[2], w: y.shape[3] };
  }

  private postFrontEnd(d: Float32Array): void {
    if (!this.frontEndSpec().log) return;
    for (let i = 0; i < d.length; i++) d[i] = Math.log(Math.abs(d[i]) + 1e-4);
  }

  // ---------------------------------------------------------------- parameters

  /** Every learned array in a fixed order. */
  protected params(): Param[] {
    const out: Param[] = [];
    for (const l of this.requireNet().layers) out.push(...l.params);
    return out;
  }

  protected requireNet(): Net {
    if (!this.net)
      throw new NotFittedError(
        `This ${this.modelName} network is not fitted yet: call fit (or load a model file) first.`,
      );
    return this.net;
  }

  /** Projects constrained parameters back onto their sets. */
  protected applyConstraints(): void {
    for (const p of this.params()) {
      if (p.constraint === "unit-columns") normalizeColumns(p.value, p.shape[0], p.shape[1]);
      else if (p.constraint === "tight-frame") projectTightFrame(p.value, p.shape[0], p.shape[1]);
      else if (p.constraint === "positive") {
        for (let i = 0; i < p.value.length; i++) if (p.value[i] < 0) p.value[i] = 0;
      }
    }
  }

  // ---------------------------------------------------------------- training

  /** Trains the network (see NetworkEstimator.fit). */
  async fit(images: Tensor, labels: ArrayLike<number>, options: FitOptions = {}): Promise<this> {
    const { n, H, W } = checkImages("images", images);
    const y = checkLabels(labels, n, this.training.classes);
    let classes = this.training.classes ?? 0;
    if (classes === 0) for (let i = 0; i < n; i++) classes = Math.max(classes, y[i] + 1);
    if (classes < 2)
      throw new ParameterError("labels", "a single class", "at least two classes (labels 0..k-1, k >= 2)");
    let val: { x: Act; y: Int32Array } | null = null;
    if (options.validation) {
      const v = options.validation;
      const vi = checkImages("validation.images", v?.images, [H, W]);
      const vy = checkLabels(v.labels, vi.n, classes);
      val = { x: await this.frontEndAsync(v.images), y: vy };
    }
    const r = this.training;
    const feats = await this.frontEndAsync(images);
    const variants: Act[] = [feats];
    if (r.augment || r.shift > 0) {
      for (let v = 1; v <= r.copies; v++) {
        variants.push(await this.frontEndAsync(images, augmentation(n, v, r)));
      }
    }
    const rng = new Random(r.seed);
    this.inputShape = [H, W];
    this.classes = classes;
    this.net = this.buildNet(feats.c, feats.h, feats.w, classes, "float32", rng);
    this.applyConstraints();
    const params = this.params();
    const velocity = params.map((p) => new Float32Array(p.value.length));
    this.history = [];
    let startEpoch = 0;
    if (this.checkpoint?.resume) {
      const text = await readTextFile(this.checkpoint.path);
      if (text !== undefined) {
        const file = parseModelFile(text);
        this.checkCompatible(file);
        if (!file.training || file.training.trainSize !== n) {
          throw new FormatError(
            `Checkpoint ${this.checkpoint.path}: written for ${file.training?.trainSize ?? "no"} training images; this fit has ${n}.`,
          );
        }
        this.restoreArrays(file.arrays);
        params.forEach((p, i) => {
          restoreArray(file.training?.arrays[p.name], velocity[i], `velocity ${p.name}`);
        });
        rng.setState(file.training.rngState);
        this.history = file.history.slice();
        startEpoch = file.training.epoch;
      }
    }
    const B = r.batchSize;
    const steps = stepsPerEpoch(n, B);
    const T = steps * r.epochs;
    const warm = r.epochs > 1 ? steps : 0;
    const pool = await this.startPool(feats.c, feats.h, feats.w);
    this.workerThreads = pool ? r.workers - 1 : 0;
    try {
      for (let epoch = startEpoch; epoch < r.epochs; epoch++) {
        const t0 = nowSeconds();
        const perm = rng.permutation(n);
        const choice = new Uint8Array(n);
        if (variants.length > 1)
          for (let i = 0; i < n; i++)
            choice[i] = variants.length - 1 - Math.floor(rng.next() * variants.length);
        let lossSum = 0;
        let correct = 0;
        let lr0 = 0;
        for (let s = 0; s < steps; s++) {
          const idx = perm.subarray(s * B, Math.min(n, (s + 1) * B));
          const lr = learningRateAt(r, epoch * steps + s, T, warm);
          if (s === 0) lr0 = lr;
          const res = await this.step(idx, variants, choice, y, pool);
          lossSum += res.loss;
          correct += res.correct;
          this.sgdUpdate(params, velocity, res.grads, lr);
        }
        const info: EpochInfo = {
          epoch: epoch + 1,
          epochs: r.epochs,
          loss: lossSum / n,
          trainAccuracy: correct / n,
          learningRate: lr0,
          seconds: 0,
          imagesPerSecond: 0,
        };
        const trainSeconds = nowSeconds() - t0;
        if (val) {
          const logits = this.logitsOf(val.x);
          const ce = softmaxCrossEntropy(logits, val.y, 1);
          info.testAccuracy = ce.correct / val.y.length;
          info.testLoss = ce.loss / val.y.length;
        }
        info.seconds = nowSeconds() - t0;
        info.imagesPerSecond = n / trainSeconds;
        this.history.push(info);
        this.onEpoch?.(info);
        if (this.checkpoint && ((epoch + 1) % this.checkpoint.every === 0 || epoch + 1 === r.epochs)) {
          const file = this.toJSON();
          file.training = {
            epoch: epoch + 1,
            trainSize: n,
            rngState: rng.getState(),
            arrays: Object.fromEntries(params.map((p, i) => [p.name, storeArray(velocity[i], p.shape)])),
          };
          await writeTextFile(this.checkpoint.path, JSON.stringify(file));
        }
      }
    } finally {
      await pool?.dispose();
    }
    return this;
  }

  /** Starts the worker shards (Node, built package, workers > 1), or null. */
  protected async startPool(c: number, h: number, w: number): Promise<ShardPool | null> {
    if (this.training.workers <= 1) return null;
    return startShardPool(this.training.workers - 1, {
      model: this.modelName,
      options: this.options,
      c,
      h,
      w,
      classes: this.classes,
    });
  }

  /** One minibatch: gradients summed over shards in order 0..workers-1; running stats folded. */
  private async step(
    idx: Int32Array,
    variants: Act[],
    choice: Uint8Array,
    y: Int32Array,
    pool: ShardPool | null,
  ): Promise<{ loss: number; correct: number; grads: Float32Array }> {
    const net = this.requireNet();
    const feats = variants[0];
    const m = idx.length;
    const per = feats.c * feats.h * feats.w;
    const parts = Math.min(this.training.workers, m);
    const bounds = Array.from({ length: parts + 1 }, (_, i) => Math.round((i * m) / parts));
    const shards: { x: Float32Array; y: Int32Array }[] = [];
    for (let k = 0; k < parts; k++) {
      const a = bounds[k];
      const b = bounds[k + 1];
      const x = new Float32Array((b - a) * per);
      const yy = new Int32Array(b - a);
      for (let i = a; i < b; i++) {
        const j = idx[i];
        const src = variants[choice[j]].data;
        x.set(src.subarray(j * per, (j + 1) * per), (i - a) * per);
        yy[i - a] = y[j];
      }
      shards.push({ x, y: yy });
    }
    const flat = flattenParams(this.params());
    const results: ShardResult[] = new Array(parts);
    const pending: Promise<void>[] = [];
    for (let k = 1; k < parts; k++) {
      if (pool) {
        pending.push(
          pool.run(k - 1, { params: flat, x: shards[k].x, y: shards[k].y, scale: 1 / m }).then((res) => {
            results[k] = res;
          }),
        );
      }
    }
    results[0] = runShard(net.layers, shards[0].x, shards[0].y, feats, 1 / m);
    if (!pool)
      for (let k = 1; k < parts; k++)
        results[k] = runShard(net.layers, shards[k].x, shards[k].y, feats, 1 / m);
    await Promise.all(pending);
    const grads = results[0].grads;
    for (let k = 1; k < parts; k++) {
      const g = results[k].grads;
      for (let i = 0; i < grads.length; i++) grads[i] += g[i];
    }
    // running statistics: mean over shards (in order) of each layer's batch statistics
    net.layers.forEach((layer, li) => {
      const st = results[0].stats[li];
      if (!st || st.length === 0) return;
      const avg = st.map((a) => Float64Array.from(a));
      for (let k = 1; k < parts; k++) {
        results[k].stats[li].forEach((a, j) => {
          for (let i = 0; i < a.length; i++) avg[j][i] += a[i];
        });
      }
      for (const a of avg) for (let i = 0; i < a.length; i++) a[i] /= parts;
      layer.updateRunning(avg, 0.1);
    });
    let loss = 0;
    let correct = 0;
    for (const r of results) {
      loss += r.loss;
      correct += r.correct;
    }
    return { loss, correct, grads };
  }

  /** v = momentum v + g + decay w; w -= lr v; then the constraints. */
  private sgdUpdate(params: Param[], velocity: Float32Array[], grads: Float32Array, lr: number): void {
    const { momentum, weightDecay } = this.training;
    let o = 0;
    params.forEach((p, k) => {
      const v = velocity[k];
      const w = p.value;
      const wd = p.decay ? weightDecay : 0;
      for (let i = 0; i < w.length; i++) {
        const g = grads[o + i] + wd * w[i];
        v[i] = momentum * v[i] + g;
        w[i] -= lr * v[i];
      }
      o += w.length;
    });
    this.applyConstraints();
  }

  // ---------------------------------------------------------------- inference

  /** Logits [n, k] of front-end features, in inference mode, in chunks. */
  protected logitsOf(x: Act, probe?: (index: number, a: Act) => void): Act {
    const net = this.requireNet();
    const per = x.c * x.h * x.w;
    const out = new Float32Array(x.n * this.classes);
    const chunk = 256;
    for (let i0 = 0; i0 < x.n; i0 += chunk) {
      const m = Math.min(chunk, x.n - i0);
      let a: Act = { data: x.data.subarray(i0 * per, (i0 + m) * per), n: m, c: x.c, h: x.h, w: x.w };
      probe?.(-1, a);
      net.layers.forEach((l, li) => {
        a = l.forward(a, false);
        probe?.(li, a);
      });
      out.set(a.data, i0 * this.classes);
    }
    return { data: out, n: x.n, c: this.classes, h: 1, w: 1 };
  }

  private checkedFeatures(images: Tensor): Act {
    this.requireNet();
    checkImages("images", images, this.inputShape ?? undefined);
    return this.frontEnd(images);
  }

  /** Logits [n, k] (before softmax), in the input's float type. */
  decisionFunction(images: Tensor): Tensor {
    const logits = this.logitsOf(this.checkedFeatures(images));
    const data = images.data instanceof Float64Array ? Float64Array.from(logits.data) : logits.data;
    return { data, shape: [logits.n, this.classes] };
  }

  /** Class probabilities [n, k] (softmax of the logits, computed in float64), input's float type. */
  predictProba(images: Tensor): Tensor {
    const logits = this.logitsOf(this.checkedFeatures(images));
    const k = this.classes;
    const out =
      images.data instanceof Float64Array
        ? new Float64Array(logits.data.length)
        : new Float32Array(logits.data.length);
    for (let i = 0; i < logits.n; i++) {
      let mx = -Infinity;
      for (let j = 0; j < k; j++) mx = Math.max(mx, logits.data[i * k + j]);
      let s = 0;
      for (let j = 0; j < k; j++) s += Math.exp(logits.data[i * k + j] - mx);
      for (let j = 0; j < k; j++) out[i * k + j] = Math.exp(logits.data[i * k + j] - mx) / s;
    }
    return { data: out, shape: [logits.n, k] };
  }

  /** Most probable class of each image (ties: the lowest class). */
  predict(images: Tensor): Int32Array {
    const logits = this.logitsOf(this.checkedFeatures(images));
    const k = this.classes;
    const out = new Int32Array(logits.n);
    for (let i = 0; i < logits.n; i++) {
      let best = 0;
      for (let j = 1; j < k; j++) if (logits.data[i * k + j] > logits.data[i * k + best]) best = j;
      out[i] = best;
    }
    return out;
  }

  /** Fisher ratio trace(S_B) / trace(S_W) of the front-end and each probed layer's output. */
  layerFisherRatios(images: Tensor, labels: ArrayLike<number>): LayerFisherRatio[] {
    const x = this.checkedFeatures(images);
    const y = checkLabels(labels, x.n, this.classes);
    const net = this.requireNet();
    const wanted = new Map<number, string>(net.probes);
    const store = new Map<number, { data: Float32Array; d: number; filled: number }>();
    this.logitsOf(x, (li, a) => {
      if (!wanted.has(li)) return;
      const d = a.c * a.h * a.w;
      let s = store.get(li);
      if (!s) {
        s = { data: new Float32Array(x.n * d), d, filled: 0 };
        store.set(li, s);
      }
      s.data.set(a.data.subarray(0, a.n * d), s.filled * d);
      s.filled += a.n;
    });
    return net.probes.map(([li, name]) => {
      const s = store.get(li) as { data: Float32Array; d: number };
      const f = fisherRatio({ data: s.data, shape: [x.n, s.d] }, y);
      return { layer: name, ratio: f.overall, dimension: s.d };
    });
  }

  // ---------------------------------------------------------------- files

  /** The model as a self-describing file (see NetworkModelFile). */
  toJSON(): NetworkModelFile {
    const net = this.requireNet();
    const arrays: Record<string, StoredArray> = {};
    for (const l of net.layers) {
      for (const p of l.params) arrays[p.name] = storeArray(p.value, p.shape);
      for (const b of l.buffers) arrays[b.name] = storeArray(b.value, b.shape);
    }
    return {
      format: "scatterkit-network",
      version: 1,
      model: this.modelName,
      options: this.options,
      inputShape: [...(this.inputShape as [number, number])],
      classes: this.classes,
      arrays,
      history: this.history.map((h) => ({ ...h })),
    };
  }

  /** Rebuilds the layers from a file's header and restores every array. */
  protected loadFile(file: NetworkModelFile): void {
    this.checkCompatible(file);
    const [H, W] = file.inputShape;
    const [, c, h, w] = this.scattering(H, W).outputShapeFor([1, H, W]);
    this.inputShape = [H, W];
    this.classes = file.classes;
    this.net = this.buildNet(c, h, w, file.classes, "float32", new Random(0));
    this.restoreArrays(file.arrays);
    this.history = Array.isArray(file.history) ? file.history.map((e) => ({ ...e })) : [];
  }

  private restoreArrays(arrays: Record<string, StoredArray>): void {
    for (const l of this.requireNet().layers) {
      for (const p of l.params) restoreArray(arrays[p.name], p.value, p.name);
      for (const b of l.buffers) restoreArray(arrays[b.name], b.value, b.name);
    }
  }

  /** FormatError unless the file is a model file of this model with the same options. */
  protected checkCompatible(file: NetworkModelFile): void {
    if (file.model !== this.modelName) {
      throw new FormatError(
        `Model file: holds a ${JSON.stringify(file.model)} network, not a ${JSON.stringify(this.modelName)} one.`,
      );
    }
    const mine = this.architecture();
    for (const [k, v] of Object.entries(mine)) {
      if (JSON.stringify(file.options[k]) !== JSON.stringify(v)) {
        throw new FormatError(
          `Model file: option ${k} is ${JSON.stringify(file.options[k])} in the file but ${JSON.stringify(v)} in this model.`,
        );
      }
    }
  }
}

/** Parses and checks the header of a model file (object or JSON text). */
export function parseModelFile(file: NetworkModelFile | string): NetworkModelFile {
  let f: NetworkModelFile;
  if (typeof file === "string") {
    try {
      f = JSON.parse(file);
    } catch (e) {
      throw new FormatError(`Model file: not JSON (${(e as Error).message}).`);
    }
  } else {
    f = file;
  }
  if (typeof f !== "object" || f === null || f.format !== "scatterkit-network") {
    throw new FormatError('Model file: not a scatterkit network file (format must be "scatterkit-network").');
  }
  if (f.version !== 1)
    throw new FormatError(`Model file: version ${JSON.stringify(f.version)} is not supported (expected 1).`);
  if (
    !Array.isArray(f.inputShape) ||
    f.inputShape.length !== 2 ||
    !Number.isInteger(f.classes) ||
    typeof f.arrays !== "object" ||
    typeof f.options !== "object"
  ) {
    throw new FormatError("Model file: inputShape, classes, options or arrays missing or malformed.");
  }
  return f;
}

/** All parameter values concatenated (float32). */
export function flattenParams(params: Param[]): Float32Array {
  let n = 0;
  for (const p of params) n += p.value.length;
  const out = new Float32Array(n);
  let o = 0;
  for (const p of params) {
    out.set(p.value, o);
    o += p.value.length;
  }
  return out;
}

/** FNV-1a hash (hex) of the float32 values of the pixels. */
function hashPixels(d: FloatArray): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const f = new Float32Array(1);
  const u = new Uint32Array(f.buffer);
  for (let i = 0; i < d.length; i++) {
    f[0] = d[i];
    h1 = Math.imul(h1 ^ u[0], 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ (u[0] + i), 0x5bd1e995) >>> 0;
  }
  return h1.toString(16).padStart(8, "0") + h2.toString(16).padStart(8, "0");
}

function nowSeconds(): number {
  return (typeof performance !== "undefined" ? performance.now() : Date.now()) / 1000;
}

/** Applies the training options that are not architecture to a fresh options object. */
export function trainingOptionsOf(o: Record<string, unknown>): TrainingOptions {
  const t: Record<string, unknown> = {};
  for (const k of TRAINING_KEYS) if (o[k] !== undefined) t[k] = o[k];
  return t as TrainingOptions;
}

export type { FloatArray };
