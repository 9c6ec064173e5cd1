/**
 * NetworkBase, the estimator the three networks share: construction from training options,
 * fit (minibatch SGD over the cached front-end features and their augmented copies, with
 * checkpoints and resume), inference, Fisher ratios and model files. The parts live beside it:
 * training-options.ts, inputs.ts, front-end.ts, net.ts, training-step.ts, inference.ts,
 * model-file.ts.
 * @internal
 */
import {
  FormatError,
  NotFittedError,
  ParameterError,
  Random,
  type FloatArray,
  type Tensor,
} from "@scatterkit/core";
import type {
  EpochInfo,
  FitOptions,
  LayerFisherRatio,
  NetworkEstimator,
  NetworkModelFile,
  NetworkModelName,
  TrainingOptions,
} from "./api.js";
import { FrontEnd, type FrontEndSpec, transformImages } from "./front-end.js";
import { argmaxRows, layerFisherRatiosOf, logitsOf, softmaxRows } from "./inference.js";
import { checkImages, checkLabels } from "./inputs.js";
import { readTextFile, restoreArray, storeArray, writeTextFile } from "./io.js";
import { checkCompatible, parseModelFile, restoreLayers, storeLayers } from "./model-file.js";
import { type Net, applyConstraints, paramsOf } from "./net.js";
import type { Act, DType, Layer, Param } from "./nn/layer.js";
import { softmaxCrossEntropy } from "./nn/layers.js";
import { startShardPool } from "./pool.js";
import type { ShardPool } from "./shards.js";
import {
  type Augmentation,
  type ResolvedTraining,
  type StandardTraining,
  TRAINING_KEYS,
  augmentation,
  learningRateAt,
  mirrorAugmentation,
  resolveTraining,
  stepsPerEpoch,
} from "./training-options.js";
import { minibatchStep, sgdUpdate } from "./training-step.js";

// Where these names were defined before the split (models, tests and scripts import them from here).
export type { Augmentation, ResolvedTraining, StandardTraining } from "./training-options.js";
export { augmentation, learningRateAt, resolveTraining, trainingOptionsOf } from "./training-options.js";
export { checkImages, checkLabels } from "./inputs.js";
export type { FrontEndSpec } from "./front-end.js";
export type { Net } from "./net.js";
export { flattenParams } from "./net.js";
export { parseModelFile } from "./model-file.js";
export type { FloatArray };

/** Base class of the three networks. */
export abstract class NetworkBase implements NetworkEstimator {
  abstract readonly modelName: NetworkModelName;
  history: EpochInfo[] = [];
  /**
   * Whether predictions average the logits of each image and its left-right mirror (the
   * `testTimeFlips` option; may be changed at any time).
   */
  testTimeFlips: boolean;
  /** Worker threads the last `fit` ran shards on (0: every shard on the calling thread). */
  workerThreads = 0;
  protected readonly training: ResolvedTraining;
  protected readonly onEpoch?: (info: EpochInfo) => void;
  protected readonly cacheDir?: string;
  protected readonly checkpoint?: { path: string; every: number; resume: boolean };
  /** The fixed scattering front-end (its spec is read from {@link frontEndSpec} when used). */
  protected readonly fixedFrontEnd: FrontEnd;
  protected net: Net | null = null;
  protected inputShape: [number, number] | null = null;
  protected classes = 0;

  constructor(o: TrainingOptions, defaults: StandardTraining) {
    this.training = resolveTraining(o ?? {}, defaults);
    this.onEpoch = o?.onEpoch;
    const tf = o?.testTimeFlips ?? (defaults.testTimeFlips === true && this.training.augment);
    if (typeof tf !== "boolean") throw new ParameterError("testTimeFlips", tf, "true or false");
    this.testTimeFlips = tf;
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
    this.fixedFrontEnd = new FrontEnd(() => this.frontEndSpec(), this.cacheDir);
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
    return { ...this.architecture(), ...t, testTimeFlips: this.testTimeFlips };
  }

  /** Number of learned scalars (0 before fit). */
  get parameterCount(): number {
    if (!this.net) return 0;
    let s = 0;
    for (const l of this.net.layers) for (const p of l.params) s += p.value.length;
    return s;
  }

  // ---------------------------------------------------------------- front-end

  /**
   * Front-end output [n, c, h, w] (float32) of images [n, H, W], each image first transformed
   * by `aug` when given (see {@link Augmentation}); cached in `cacheDir` when set.
   */
  protected frontEndAsync(images: Tensor, aug: Augmentation | null = null): Promise<Act> {
    return this.fixedFrontEnd.computeAsync(images, aug);
  }

  /** Front-end on the calling thread (inference). */
  protected frontEnd(images: Tensor): Act {
    return this.fixedFrontEnd.compute(images);
  }

  // ---------------------------------------------------------------- parameters

  /** Every learned array in a fixed order. */
  protected params(): Param[] {
    return paramsOf(this.requireNet().layers);
  }

  /** The learned layers; NotFittedError before fit (or loading a model file). */
  protected requireNet(): Net {
    if (!this.net)
      throw new NotFittedError(
        `This ${this.modelName} network is not fitted yet: call fit (or load a model file) first.`,
      );
    return this.net;
  }

  /** Model-specific state reported after each epoch (`EpochInfo.diagnostics`); none by default. */
  protected epochDiagnostics(): Record<string, number> | undefined {
    return undefined;
  }

  /** Projects constrained parameters back onto their sets. */
  protected applyConstraints(): void {
    applyConstraints(this.params());
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
    const cl = r.classifierLearningRate;
    const lrScales =
      cl === undefined ? undefined : params.map((p) => (/^classifier[.-]/.test(p.name) ? cl : 1));
    const layers = this.requireNet().layers;
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
        restoreLayers(layers, file.arrays);
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
          const res = await minibatchStep(
            layers,
            r.workers,
            idx,
            variants,
            choice,
            y,
            pool,
            r.labelSmoothing ?? 0,
          );
          lossSum += res.loss;
          correct += res.correct;
          sgdUpdate(params, velocity, res.grads, lr, r.momentum, r.weightDecay, lrScales);
          this.applyConstraints();
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
        const diagnostics = this.epochDiagnostics();
        if (diagnostics) info.diagnostics = diagnostics;
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

  // ---------------------------------------------------------------- inference

  /** Logits [n, k] of front-end features, in inference mode, in chunks. */
  protected logitsOf(x: Act, probe?: (index: number, a: Act) => void): Act {
    return logitsOf(this.requireNet().layers, this.classes, x, probe);
  }

  private checkedFeatures(images: Tensor): Act {
    this.requireNet();
    checkImages("images", images, this.inputShape ?? undefined);
    return this.frontEnd(images);
  }

  /**
   * Logits [n, k] of images in inference mode; with `testTimeFlips`,
   * (z(x) + z(mirror x)) / 2 with mirror x[r, c] = x[r, W - 1 - c].
   */
  private inferenceLogits(images: Tensor): Act {
    const z = this.logitsOf(this.checkedFeatures(images));
    if (!this.testTimeFlips) return z;
    const [n, H, W] = images.shape;
    // the front-end reads float32 pixels: mirroring in float32 gives the same features
    const mirrored = transformImages(images, mirrorAugmentation(n), 0, n);
    const zm = this.logitsOf(this.frontEnd({ data: mirrored, shape: [n, H, W] }));
    for (let i = 0; i < z.data.length; i++) z.data[i] = 0.5 * (z.data[i] + zm.data[i]);
    return z;
  }

  /** Logits [n, k] (before softmax), in the input's float type. */
  decisionFunction(images: Tensor): Tensor {
    const logits = this.inferenceLogits(images);
    const data = images.data instanceof Float64Array ? Float64Array.from(logits.data) : logits.data;
    return { data, shape: [logits.n, this.classes] };
  }

  /** Class probabilities [n, k] (softmax of the logits, computed in float64), input's float type. */
  predictProba(images: Tensor): Tensor {
    const logits = this.inferenceLogits(images);
    const k = this.classes;
    return { data: softmaxRows(logits, k, images.data instanceof Float64Array), shape: [logits.n, k] };
  }

  /** Most probable class of each image (ties: the lowest class). */
  predict(images: Tensor): Int32Array {
    return argmaxRows(this.inferenceLogits(images), this.classes);
  }

  /** Fisher ratio trace(S_B) / trace(S_W) of the front-end and each probed layer's output. */
  layerFisherRatios(images: Tensor, labels: ArrayLike<number>): LayerFisherRatio[] {
    const x = this.checkedFeatures(images);
    const y = checkLabels(labels, x.n, this.classes);
    return layerFisherRatiosOf(this.requireNet(), this.classes, x, y);
  }

  // ---------------------------------------------------------------- files

  /** The model as a self-describing file (see NetworkModelFile). */
  toJSON(): NetworkModelFile {
    const net = this.requireNet();
    return {
      format: "scatterkit-network",
      version: 1,
      model: this.modelName,
      options: this.options,
      inputShape: [...(this.inputShape as [number, number])],
      classes: this.classes,
      arrays: storeLayers(net.layers),
      history: this.history.map((h) => ({ ...h })),
    };
  }

  /** Rebuilds the layers from a file's header and restores every array. */
  protected loadFile(file: NetworkModelFile): void {
    this.checkCompatible(file);
    const [H, W] = file.inputShape;
    const [c, h, w] = this.fixedFrontEnd.outputShape(H, W);
    this.inputShape = [H, W];
    this.classes = file.classes;
    this.net = this.buildNet(c, h, w, file.classes, "float32", new Random(0));
    restoreLayers(this.net.layers, file.arrays);
    this.history = Array.isArray(file.history) ? file.history.map((e) => ({ ...e })) : [];
  }

  /**
   * Architecture options that older model files did not record, with the value they meant
   * (a file without the key is read as having it).
   */
  protected legacyOptions(): Record<string, unknown> {
    return {};
  }

  /** FormatError unless the file is a model file of this model with the same options. */
  protected checkCompatible(file: NetworkModelFile): void {
    const options = { ...this.legacyOptions(), ...file.options };
    checkCompatible({ ...file, options }, this.modelName, this.architecture());
  }
}

function nowSeconds(): number {
  return (typeof performance !== "undefined" ? performance.now() : Date.now()) / 1000;
}
