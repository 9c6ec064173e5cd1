/**
 * One shard of a minibatch: forward in training mode, softmax cross-entropy, backward.
 * The same function runs on the calling thread and in worker threads, so the result of a
 * shard does not depend on where it ran.
 * @internal
 */
import type { Act, Layer } from "./nn/layer.js";
import { softmaxCrossEntropy } from "./nn/layers.js";

/** What a shard returns. */
export interface ShardResult {
  /** Gradient of sum(loss) * scale over the shard, all parameters concatenated. */
  grads: Float32Array;
  /** Per layer, its batch statistics (empty for layers without). */
  stats: Float64Array[][];
  /** Summed cross-entropy of the shard. */
  loss: number;
  /** Correct argmax predictions of the shard (training mode). */
  correct: number;
}

/** Work sent to a worker shard. */
export interface ShardTask {
  params: Float32Array;
  x: Float32Array;
  y: Int32Array;
  scale: number;
  /** Label smoothing of the loss (0: none). */
  smoothing: number;
}

/** A pool of worker shards (Node worker threads). */
export interface ShardPool {
  /** Runs a task on worker `k` (which must first set its parameters to `task.params`). */
  run(k: number, task: ShardTask): Promise<ShardResult>;
  dispose(): Promise<void>;
}

/**
 * Forward + backward of one shard x [m, c, h, w] with labels y; gradients scaled by `scale`;
 * cross-entropy with label smoothing `smoothing` (see softmaxCrossEntropy).
 */
export function runShard(
  layers: Layer[],
  x: Float32Array,
  y: Int32Array,
  shape: { c: number; h: number; w: number },
  scale: number,
  smoothing = 0,
): ShardResult {
  for (const l of layers) for (const p of l.params) p.grad.fill(0);
  let a: Act = { data: x, n: y.length, c: shape.c, h: shape.h, w: shape.w };
  for (const l of layers) a = l.forward(a, true);
  const ce = softmaxCrossEntropy(a, y, scale, smoothing);
  let g: Act = ce.grad;
  for (let i = layers.length - 1; i >= 0; i--) g = layers[i].backward(g);
  let n = 0;
  for (const l of layers) for (const p of l.params) n += p.grad.length;
  const grads = new Float32Array(n);
  let o = 0;
  for (const l of layers) {
    for (const p of l.params) {
      grads.set(p.grad, o);
      o += p.grad.length;
    }
  }
  const stats = layers.map((l) => l.batchStats().map((s) => Float64Array.from(s)));
  return { grads, stats, loss: ce.loss, correct: ce.correct };
}

/** Sets every parameter from a flat array (the order of `runShard`'s gradients). */
export function setParams(layers: Layer[], flat: Float32Array): void {
  let o = 0;
  for (const l of layers) {
    for (const p of l.params) {
      p.value.set(flat.subarray(o, o + p.value.length));
      o += p.value.length;
    }
  }
}
