/**
 * Inference with a trained network: logits of front-end features in chunks, softmax
 * probabilities, predicted classes, and Fisher ratios of the probed layers' outputs.
 * @internal
 */
import { fisherRatio } from "@scatterkit/classifiers";
import type { LayerFisherRatio } from "./api.js";
import type { Act, Layer } from "./nn/layer.js";
import type { Net } from "./net.js";

/**
 * Logits [n, classes] of front-end features x, layers in inference mode, in chunks of 256
 * images; `probe(index, a)` sees each chunk's front-end output (index -1) and each layer's output.
 */
export function logitsOf(
  layers: readonly Layer[],
  classes: number,
  x: Act,
  probe?: (index: number, a: Act) => void,
): Act {
  const per = x.c * x.h * x.w;
  const out = new Float32Array(x.n * classes);
  const chunk = 256;
  for (let i0 = 0; i0 < x.n; i0 += chunk) {
    const m = Math.min(chunk, x.n - i0);
    let a: Act = { data: x.data.subarray(i0 * per, (i0 + m) * per), n: m, c: x.c, h: x.h, w: x.w };
    probe?.(-1, a);
    layers.forEach((l, li) => {
      a = l.forward(a, false);
      probe?.(li, a);
    });
    out.set(a.data, i0 * classes);
  }
  return { data: out, n: x.n, c: classes, h: 1, w: 1 };
}

/**
 * Softmax of each row of logits [n, k]: p_j = exp(z_j - max z) / sum_i exp(z_i - max z),
 * computed in float64 and stored in a Float64Array when `float64`, else a Float32Array.
 */
export function softmaxRows(logits: Act, k: number, float64: boolean): Float32Array | Float64Array {
  const out = float64 ? new Float64Array(logits.data.length) : new Float32Array(logits.data.length);
  for (let i = 0; i < logits.n; i++) {
    let mx = -Infinity;
    for (let j = 0; j < k; j++) mx = Math.max(mx, logits.data[i * k + j]);
    let s = 0;
    for (let j = 0; j < k; j++) s += Math.exp(logits.data[i * k + j] - mx);
    for (let j = 0; j < k; j++) out[i * k + j] = Math.exp(logits.data[i * k + j] - mx) / s;
  }
  return out;
}

/** Index of the largest logit of each row of logits [n, k] (ties: the lowest index). */
export function argmaxRows(logits: Act, k: number): Int32Array {
  const out = new Int32Array(logits.n);
  for (let i = 0; i < logits.n; i++) {
    let best = 0;
    for (let j = 1; j < k; j++) if (logits.data[i * k + j] > logits.data[i * k + best]) best = j;
    out[i] = best;
  }
  return out;
}

/**
 * Fisher ratio trace(S_B) / trace(S_W) of the outputs of each probe of `net` (front-end
 * features x, labels y), in probe order.
 */
export function layerFisherRatiosOf(net: Net, classes: number, x: Act, y: Int32Array): LayerFisherRatio[] {
  const wanted = new Map<number, string>(net.probes);
  const store = new Map<number, { data: Float32Array; d: number; filled: number }>();
  logitsOf(net.layers, classes, x, (li, a) => {
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
