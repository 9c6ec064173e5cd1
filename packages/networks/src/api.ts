/**
 * The estimator interface shared by the three learned networks of this package
 * (SparseScatteringNetwork, TightFrameNetwork, PhaseCollapseNetwork).
 *
 * Conventions (the same for every model):
 * - Input: images as a Tensor `[n, H, W]` (Float32Array or Float64Array, row-major), labels
 *   `0..k-1` as any `ArrayLike<number>` of integers. `k` is fixed by `fit` (max label + 1,
 *   or the `classes` option).
 * - Each model owns its fixed scattering front-end (Scattering2D of @scatterkit/scattering);
 *   `fit` computes the front-end once for the training set (and the validation set) and
 *   caches it for the duration of the call.
 * - Compute is float32; the constructor's defaults are the model's *standard run* (the
 *   one documented in the README, what `pnpm demo -- --model X` trains without `--epochs`).
 * - `fit` is asynchronous (worker threads, checkpoint files); `predict`, `predictProba`,
 *   `layerFisherRatios`, `toJSON` are synchronous and run on the calling thread, in Node
 *   and in browsers alike.
 * - Reproducibility: the same options (in particular `seed` and `workers`) and the same data
 *   give bit-identical weights, history losses and predictions. `workers` is the number of
 *   shards each minibatch is split into (gradients summed in shard order 0..workers-1, batch
 *   statistics per shard); whether the shards run on worker threads (Node, built package)
 *   or one after the other on the calling thread does not change a bit.
 * - Errors: `ShapeError` (wrong input shape), `ParameterError` (labels out of range, NaN or
 *   infinite input, bad options), `NotFittedError` (predict before fit), `FormatError`
 *   (a model file that is not one, or not of this model / version), all from @scatterkit/core.
 *
 * Classes and functions (in src/models/*, src/io.ts):
 * - `new SparseScatteringNetwork(options?)`, `new TightFrameNetwork(options?)`,
 *   `new PhaseCollapseNetwork(options?)`: each implements `NetworkEstimator`; each has
 *   `static fromJSON(file: NetworkModelFile | string)` (exact weights; `FormatError` when the
 *   file is not one of this model).
 * - `loadNetwork(file: NetworkModelFile | string): NetworkEstimator` picks the class from `file.model`.
 * - `createNetwork(name: NetworkModelName, options)`: constructs a model by its demo name.
 * - Node only (async; browsers get `FormatError`): `saveNetwork(model, path)`,
 *   `readNetworkFile(path): Promise<NetworkEstimator>`.
 * - `STANDARD_RUNS[name]`: the documented standard run of each model (the constructor defaults).
 * @packageDocumentation
 */
import type { FloatArray, RandomState, Tensor } from "@scatterkit/core";

/** Names of the three models, as the demo's `--model` spells them. */
export type NetworkModelName = "sparse-scattering" | "tight-frame" | "phase-collapse";

/** Non-linearities of the phase collapse network. */
export type PhaseCollapseNonlinearity = "modulus" | "threshold" | "relu";

/** Non-linearities of the tight-frame network. */
export type TightFrameNonlinearity = "relu" | "soft-threshold";

/** Learning-rate schedule over the epochs. */
export type LearningRateSchedule = "cosine" | "step" | "constant";

/** Progress of one epoch, given to `onEpoch` and kept in `history`. */
export interface EpochInfo {
  /** 1-based epoch number. */
  epoch: number;
  /** Total number of epochs of the run. */
  epochs: number;
  /** Mean training cross-entropy of the epoch (over its minibatches, in training mode). */
  loss: number;
  /** Training accuracy of the epoch (fraction, measured on the minibatches in training mode). */
  trainAccuracy: number;
  /** Accuracy on `fit`'s `validation` set after the epoch (inference mode), when given. */
  testAccuracy?: number;
  /** Mean cross-entropy on the validation set, when given. */
  testLoss?: number;
  /** Learning rate used in this epoch (first step). */
  learningRate: number;
  /** Wall-clock seconds of the epoch (training plus validation). */
  seconds: number;
  /** Training images per second in this epoch. */
  imagesPerSecond: number;
  /**
   * Model-specific state after the epoch. SparseScatteringNetwork (with its code):
   * `lambdaStar`, the learned final threshold lambda*, and `activeAtoms`, the number of atoms
   * whose running variance after the code is above 1e-12 (0: the sparse code has died, every
   * code is zero and the classifier learns nothing from it).
   */
  diagnostics?: Record<string, number>;
}

/** Where and how often `fit` writes checkpoints (Node only). */
export interface CheckpointOptions {
  /** File path of the checkpoint (a model file with the training state, JSON). */
  path: string;
  /** Write after every `every` epochs (default 1) and at the end. */
  every?: number;
  /**
   * When true (default), `fit` first reads `path` if it exists and continues from there: the
   * resumed run ends bit-identical to an uninterrupted one. The file must have been written by
   * a model with the same options and data size, else `FormatError`.
   */
  resume?: boolean;
}

/** Options of the training loop, common to every model. */
export interface TrainingOptions {
  /**
   * Inference: `predict`, `predictProba` and `decisionFunction` average the logits of each image
   * and of its left-right mirror (test-time flips, for models trained with `augment`; the
   * front-end runs twice). Stored in model files when true; also settable after `fit` through
   * the `testTimeFlips` property. Training and per-epoch validation do not use it (default: on
   * for a standard run that sets it — the phase collapse network — when `augment` is on; else off).
   */
  testTimeFlips?: boolean;
  /** Number of passes over the training set (default: the model's standard run). */
  epochs?: number;
  /** Minibatch size (default 128). */
  batchSize?: number;
  /** Peak learning rate of SGD (default: per model). */
  learningRate?: number;
  /**
   * Multiplier of the learning rate for the final linear classifier (default 1). Its step on
   * the logits grows with its number of inputs (channels x positions): a classifier on a 4 x 4
   * or 7 x 7 grid of wide blocks makes the loss jump at rates the blocks need; a multiplier
   * below 1 (e.g. 0.25) steadies it.
   */
  classifierLearningRate?: number;
  /**
   * Label smoothing e in [0, 0.99] of the training loss: each image's target is
   * (1 - e) onehot(label) + e / classes instead of onehot(label) (Szegedy et al. 2016); it keeps
   * the logits from growing without bound. Default: the model's standard run (0 when unset).
   * The reported training loss is the smoothed one; validation loss is plain cross-entropy.
   */
  labelSmoothing?: number;
  /** SGD momentum (default 0.9). */
  momentum?: number;
  /** L2 weight decay added to the gradient of weights (not of biases or norms) (default 5e-4). */
  weightDecay?: number;
  /** Learning-rate schedule (default "cosine", with a linear warm-up over the first epoch). */
  schedule?: LearningRateSchedule;
  /** Seed of initialisation, shuffling and augmentation (default 0). */
  seed?: number;
  /** Number of gradient shards per minibatch (worker threads in Node when > 1) (default 1). */
  workers?: number;
  /** Random horizontal flips of training images (their scattering is computed and cached too) (default false). */
  augment?: boolean;
  /**
   * Random translations of training images by up to `shift` pixels along each axis (zero
   * fill), as in the papers' random crops (default 0: none). The front-end cannot be
   * recomputed at every step, so `copies` augmented copies of the training set are made once
   * (each image with its own seeded random shift; with `augment`, odd copies are also mirrored)
   * and every epoch each image is drawn from the original or one of the copies, uniformly.
   */
  shift?: number;
  /**
   * Number of augmented copies of the training set (default 1; each costs one front-end pass and
   * the memory of one set of features). Used when `augment` is true or `shift` > 0.
   */
  copies?: number;
  /**
   * Node only: a folder where the front-end's output for the training and validation images is
   * cached (one file per image set, flip and front-end, named by a hash of the pixels), so that
   * a resumed or repeated run skips the scattering (default: no cache).
   */
  cacheDir?: string;
  /** Number of classes (default: max training label + 1). */
  classes?: number;
  /** Called after each epoch. */
  onEpoch?: (info: EpochInfo) => void;
  /** Periodic checkpoints to a file, and resume (Node only). */
  checkpoint?: CheckpointOptions;
}

/** Options of `fit` itself. */
export interface FitOptions {
  /** A held-out set evaluated after every epoch (accuracy in `history`). */
  validation?: { images: Tensor; labels: ArrayLike<number> };
}

/** Fisher ratio of one layer's output (see `NetworkEstimator.layerFisherRatios`). */
export interface LayerFisherRatio {
  /** Layer name, e.g. "scattering", "projection", "sparse code", "block 2". */
  layer: string;
  /** trace(between-class covariance) / trace(within-class covariance) of the layer's output. */
  ratio: number;
  /** Dimension of the layer's output per image (channels x positions). */
  dimension: number;
}

/** One stored array of a model file: little-endian float32 bytes in base64 (exact round trip). */
export interface StoredArray {
  shape: number[];
  dtype: "float32" | "float64";
  base64: string;
}

/**
 * A self-describing model file (plain JSON; `JSON.stringify` of it is the file). `format`
 * and `version` identify the layout; `model` and `options` rebuild the architecture;
 * `arrays` hold weights and running statistics by name; `training` (checkpoints only)
 * holds what resuming needs (epoch, momentum buffers, seed state).
 */
export interface NetworkModelFile {
  format: "scatterkit-network";
  version: 1;
  model: NetworkModelName;
  /** The model's options (architecture and training, without callbacks). */
  options: Record<string, unknown>;
  /** Image height and width the model was fitted on. */
  inputShape: [number, number];
  /** Number of classes. */
  classes: number;
  /** Weights and running statistics. */
  arrays: Record<string, StoredArray>;
  /** Per-epoch records of the fit. */
  history: EpochInfo[];
  /** Present in checkpoints written during `fit`. */
  training?: {
    epoch: number;
    trainSize: number;
    arrays: Record<string, StoredArray>;
    rngState: RandomState;
  };
}

/** What every model of this package implements. */
export interface NetworkEstimator {
  /** The model's name ("sparse-scattering", "tight-frame" or "phase-collapse"). */
  readonly modelName: NetworkModelName;
  /** Per-epoch records of the last `fit` (learning curves). */
  readonly history: EpochInfo[];
  /** Number of learned scalars. */
  readonly parameterCount: number;
  /** Whether predictions average the logits of each image and its left-right mirror. */
  testTimeFlips: boolean;
  /**
   * Trains on images [n, H, W] and labels 0..k-1 by minibatch SGD (momentum, weight decay,
   * schedule), calling `onEpoch` after each epoch; resolves to the model itself.
   */
  fit(images: Tensor, labels: ArrayLike<number>, options?: FitOptions): Promise<this>;
  /** Most probable class of each image [n, H, W] (ties: the lowest class). */
  predict(images: Tensor): Int32Array;
  /** Class probabilities (softmax of the logits) [n, k], in the input's float type. */
  predictProba(images: Tensor): Tensor;
  /** Logits (before softmax) [n, k], in the input's float type. */
  decisionFunction(images: Tensor): Tensor;
  /**
   * Fisher ratio trace(S_B) / trace(S_W) of each layer's output on labelled images, from the
   * scattering front-end to the logits (inference mode).
   */
  layerFisherRatios(images: Tensor, labels: ArrayLike<number>): LayerFisherRatio[];
  /** The model as a self-describing file (weights exact). Throws NotFittedError before fit. */
  toJSON(): NetworkModelFile;
}

/** Re-export for convenience. */
export type { FloatArray, Tensor };

/** Options of SparseScatteringNetwork (Zarka, Thiry, Angles, Mallat 2020). */
export interface SparseScatteringNetworkOptions extends TrainingOptions {
  /** Scattering scale J of the front-end (default 2). */
  J?: number;
  /** Scattering orientations L (default 8). */
  L?: number;
  /** Channels of the learned 1x1 projection of the standardised scattering (default: standard run). */
  projection?: number;
  /** Dictionary atoms (default: standard run). */
  atoms?: number;
  /** Unrolled homotopy ISTC iterations (default: standard run). */
  iterations?: number;
  /** false: projection + classifier only (the ablation) (default true). */
  sparseCode?: boolean;
  /**
   * The linear classifier also sees the scattering coefficients (flattened, standardised with
   * the code): a skip connection around the learned layers (default: standard run, true).
   */
  skip?: boolean;
  /**
   * Units of a hidden layer in the classifier (the paper's MLP classifier): the flattened
   * code goes through a linear layer to `hidden` units, standardisation and a ReLU before the
   * linear classifier; 0 keeps the linear classifier (default: standard run). The hidden layer
   * is part of the classifier for `classifierLearningRate`.
   */
  hidden?: number;
}

/** Options of TightFrameNetwork (Zarka, Guth, Mallat 2021). */
export interface TightFrameNetworkOptions extends TrainingOptions {
  /** Scattering scale J of the front-end (default 2). */
  J?: number;
  /** Scattering orientations L (default 8). */
  L?: number;
  /** Channels of the projection before the frame (default: standard run). */
  projection?: number;
  /** Frame size (number of frame vectors, >= projection) (default: standard run). */
  frame?: number;
  /** "relu" (separation) or "soft-threshold" (concentration) (default "relu"). */
  nonlinearity?: TightFrameNonlinearity;
}

/** Options of PhaseCollapseNetwork (Guth, Zarka, Mallat 2022). */
export interface PhaseCollapseNetworkOptions extends TrainingOptions {
  /** Channels of each block's learned 1x1 projection (default: standard run). */
  widths?: number[];
  /**
   * Subsampling of each block's wavelet filtering, 1 or 2 per block. Default: the standard
   * run's [1, 2] when `widths` is not given; with other widths (or `null`), 2 while the input
   * is larger than 2x2, else 1.
   */
  strides?: number[] | null;
  /** Wavelet orientations per block (default: standard run). */
  L?: number;
  /** "modulus" (phase collapse), "threshold" (real-part soft threshold) or "relu" (default "modulus"). */
  nonlinearity?: PhaseCollapseNonlinearity;
  /**
   * The linear classifier also sees the scattering coefficients (flattened, standardised with
   * the blocks' output): a skip connection around the blocks, so that the network starts from
   * the linear classifier on scattering and the blocks add to it (default true: the standard run).
   */
  skip?: boolean;
}
