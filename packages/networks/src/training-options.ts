/**
 * The common training options of the three networks: checking and filling them, the
 * learning-rate schedule, and the augmented copies of a training set.
 * @internal
 */
import { ParameterError, Random, checkInteger, checkNumber } from "@scatterkit/core";
import type { TrainingOptions } from "./api.js";

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

/** Every one of n images mirrored left-right, none translated (test-time flips). */
export function mirrorAugmentation(n: number): Augmentation {
  return { flip: new Uint8Array(n).fill(1), dy: new Int8Array(n), dx: new Int8Array(n), key: "flip" };
}

/** A model's standard-run training defaults (the rest: SGD momentum 0.9, batch 128, cosine). */
export interface StandardTraining {
  epochs: number;
  learningRate: number;
  augment?: boolean;
  shift?: number;
  copies?: number;
  classifierLearningRate?: number;
  labelSmoothing?: number;
  /** Test-time flips by default (only when the run trains with flips). */
  testTimeFlips?: boolean;
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
  classifierLearningRate: number | undefined;
  labelSmoothing: number | undefined;
}

/** Names of the training options (the options that are not architecture), in file order. */
export const TRAINING_KEYS = [
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
  "classifierLearningRate",
  "labelSmoothing",
] as const;

/** Checks and fills the common training options. */
export function resolveTraining(o: TrainingOptions, defaults: StandardTraining): ResolvedTraining {
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
    classifierLearningRate:
      (o.classifierLearningRate ?? defaults.classifierLearningRate) === undefined
        ? undefined
        : checkNumber("classifierLearningRate", o.classifierLearningRate ?? defaults.classifierLearningRate, {
            min: 0,
            minExclusive: true,
          }),
    labelSmoothing:
      (o.labelSmoothing ?? defaults.labelSmoothing) === undefined
        ? undefined
        : checkNumber("labelSmoothing", o.labelSmoothing ?? defaults.labelSmoothing, {
            min: 0,
            max: 0.99,
          }),
  };
}

/** The training options among a model file's options, as a fresh options object. */
export function trainingOptionsOf(o: Record<string, unknown>): TrainingOptions {
  const t: Record<string, unknown> = {};
  for (const k of TRAINING_KEYS) if (o[k] !== undefined) t[k] = o[k];
  return t as TrainingOptions;
}

/** Number of minibatches of an epoch of n images in batches of `batch`: ceil(n / batch). */
export function stepsPerEpoch(n: number, batch: number): number {
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
