/**
 * One step of minibatch SGD: the minibatch split into shards (run on worker threads or one
 * after the other on the calling thread), gradients summed over the shards in a fixed order,
 * running statistics folded, then the momentum update.
 * @internal
 */
import type { Act, Layer, Param } from "./nn/layer.js";
import { flattenParams, paramsOf } from "./net.js";
import { type ShardPool, type ShardResult, runShard } from "./shards.js";

/** What one minibatch gives: summed loss, number correct, gradients of every parameter (flat). */
export interface StepResult {
  loss: number;
  correct: number;
  grads: Float32Array;
}

/**
 * One minibatch (images `idx`, image j taken from variant choice[j]): split into
 * min(workers, m) shards of consecutive images; shard 0 runs on the calling thread, the others
 * on `pool` (or on the calling thread when null); gradients (scaled by 1 / m) summed over
 * shards in order 0..parts-1; each layer's running statistics updated with the mean over
 * shards (in order) of the shards' batch statistics (momentum 0.1); the loss takes label
 * smoothing `smoothing` (0: none).
 */
export async function minibatchStep(
  layers: Layer[],
  workers: number,
  idx: Int32Array,
  variants: Act[],
  choice: Uint8Array,
  y: Int32Array,
  pool: ShardPool | null,
  smoothing = 0,
): Promise<StepResult> {
  const feats = variants[0];
  const m = idx.length;
  const per = feats.c * feats.h * feats.w;
  const parts = Math.min(workers, m);
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
  const flat = flattenParams(paramsOf(layers));
  const results: ShardResult[] = new Array(parts);
  const pending: Promise<void>[] = [];
  for (let k = 1; k < parts; k++) {
    if (pool) {
      pending.push(
        pool
          .run(k - 1, { params: flat, x: shards[k].x, y: shards[k].y, scale: 1 / m, smoothing })
          .then((res) => {
            results[k] = res;
          }),
      );
    }
  }
  results[0] = runShard(layers, shards[0].x, shards[0].y, feats, 1 / m, smoothing);
  if (!pool)
    for (let k = 1; k < parts; k++)
      results[k] = runShard(layers, shards[k].x, shards[k].y, feats, 1 / m, smoothing);
  await Promise.all(pending);
  const grads = results[0].grads;
  for (let k = 1; k < parts; k++) {
    const g = results[k].grads;
    for (let i = 0; i < grads.length; i++) grads[i] += g[i];
  }
  // running statistics: mean over shards (in order) of each layer's batch statistics
  layers.forEach((layer, li) => {
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

/**
 * SGD with momentum and weight decay, in place: for every parameter (flat gradients `grads` in
 * parameter order) v = momentum v + g + decay w (decay only where `param.decay`);
 * w -= lr scale_k v (scale_k = lrScales[k], 1 when absent).
 */
export function sgdUpdate(
  params: readonly Param[],
  velocity: Float32Array[],
  grads: Float32Array,
  lr: number,
  momentum: number,
  weightDecay: number,
  lrScales?: readonly number[],
): void {
  let o = 0;
  params.forEach((p, k) => {
    const v = velocity[k];
    const w = p.value;
    const wd = p.decay ? weightDecay : 0;
    const step = lrScales ? lr * lrScales[k] : lr;
    for (let i = 0; i < w.length; i++) {
      const g = grads[o + i] + wd * w[i];
      v[i] = momentum * v[i] + g;
      w[i] -= step * v[i];
    }
    o += w.length;
  });
}
