/**
 * The training loss: softmax cross-entropy with its gradient.
 * @internal
 */
import { type Act, newAct } from "./layer.js";

/**
 * Softmax cross-entropy of logits [n, k] against labels: returns the summed loss, the number
 * of correct argmax predictions and dL/dlogits scaled by `scale` (e.g. 1 / batch size).
 * With label smoothing e > 0 the target of image i is q = (1 - e) onehot(y_i) + e / k, the
 * loss sum_j q_j (logsumexp(z) - z_j) and its gradient softmax(z) - q (e = 0: plain
 * cross-entropy, the same bits as before the option).
 */
export function softmaxCrossEntropy(
  logits: Act,
  labels: ArrayLike<number>,
  scale: number,
  smoothing = 0,
): { loss: number; correct: number; grad: Act } {
  const n = logits.n;
  const k = logits.c;
  const grad = newAct(logits.data, n, k, 1, 1);
  let loss = 0;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const o = i * k;
    let mx = -Infinity;
    let arg = 0;
    for (let j = 0; j < k; j++) {
      if (logits.data[o + j] > mx) {
        mx = logits.data[o + j];
        arg = j;
      }
    }
    let se = 0;
    for (let j = 0; j < k; j++) se += Math.exp(logits.data[o + j] - mx);
    const lse = mx + Math.log(se);
    const y = labels[i];
    if (smoothing === 0) {
      loss += lse - logits.data[o + y];
      for (let j = 0; j < k; j++) {
        const p = Math.exp(logits.data[o + j] - lse);
        grad.data[o + j] = scale * (p - (j === y ? 1 : 0));
      }
    } else {
      const off = smoothing / k;
      const on = 1 - smoothing + off;
      for (let j = 0; j < k; j++) {
        const q = j === y ? on : off;
        loss += q * (lse - logits.data[o + j]);
        const p = Math.exp(logits.data[o + j] - lse);
        grad.data[o + j] = scale * (p - q);
      }
    }
    if (arg === y) correct++;
  }
  return { loss, correct, grad };
}
