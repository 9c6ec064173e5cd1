/**
 * The layer abstraction of the training machinery: activations are [n, c, h, w] row-major
 * typed arrays; every layer's `forward` caches what its `backward` needs; `backward` adds the
 * gradient of each parameter into `param.grad` and returns the gradient of its input.
 * @internal
 */
import type { FloatArray } from "@scatterkit/core";

/** A batch of activations [n, c, h, w] (row-major). */
export interface Act {
  data: FloatArray;
  n: number;
  c: number;
  h: number;
  w: number;
}

/** Projection applied to a parameter after each optimiser step. */
export type Constraint = "unit-columns" | "tight-frame" | "positive";

/** A learned array with its gradient accumulator. */
export interface Param {
  name: string;
  value: FloatArray;
  grad: FloatArray;
  shape: number[];
  /** Weight decay applies (weights, not biases / thresholds / dictionaries). */
  decay: boolean;
  constraint?: Constraint;
}

/** Element type of a layer's arrays. */
export type DType = "float32" | "float64";

/** A new zero array of the given type. */
export function zeros(dtype: DType, length: number): FloatArray {
  return dtype === "float64" ? new Float64Array(length) : new Float32Array(length);
}

/** A new zero array of the same type as `like`. */
export function zerosLike(like: FloatArray, length = like.length): FloatArray {
  return like instanceof Float64Array ? new Float64Array(length) : new Float32Array(length);
}

/** An activation of the given shape filled with zeros, of the type of `like`. */
export function newAct(like: FloatArray, n: number, c: number, h: number, w: number): Act {
  return { data: zerosLike(like, n * c * h * w), n, c, h, w };
}

/** A named running statistic (not learned; saved with the model). */
export interface Buffer {
  name: string;
  value: FloatArray;
  shape: number[];
}

/** A differentiable layer. */
export abstract class Layer {
  /** Display / storage name (unique inside a model). */
  readonly name: string;
  readonly params: Param[] = [];
  readonly buffers: Buffer[] = [];
  protected readonly dtype: DType;

  constructor(name: string, dtype: DType) {
    this.name = name;
    this.dtype = dtype;
  }

  /** Output [c, h, w] for an input [c, h, w]. */
  abstract outShape(c: number, h: number, w: number): [number, number, number];
  /** y = f(x); in training mode caches what `backward` needs. */
  abstract forward(x: Act, training: boolean): Act;
  /** Given dL/dy, adds dL/dparams into the params' grad and returns dL/dx. */
  abstract backward(dy: Act): Act;

  protected param(name: string, shape: number[], decay: boolean, constraint?: Constraint): Param {
    let len = 1;
    for (const s of shape) len *= s;
    const p: Param = {
      name: `${this.name}.${name}`,
      value: zeros(this.dtype, len),
      grad: zeros(this.dtype, len),
      shape,
      decay,
      constraint,
    };
    this.params.push(p);
    return p;
  }

  protected buffer(name: string, shape: number[]): Buffer {
    let len = 1;
    for (const s of shape) len *= s;
    const b: Buffer = { name: `${this.name}.${name}`, value: zeros(this.dtype, len), shape };
    this.buffers.push(b);
    return b;
  }

  /** Batch statistics of the last training forward, to be folded into running buffers. */
  batchStats(): FloatArray[] {
    return [];
  }
  /** Folds (shard-averaged) batch statistics into running buffers. */
  updateRunning(_stats: FloatArray[], _momentum: number): void {}
}
