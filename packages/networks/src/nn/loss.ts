/**
 * The training loss: softmax cross-entropy with its gradient.
 * @internal
 */
import { type Act, newAct } from "./layer.js";

/**
 * Softmax cross-entropy of logits [n, k] against labels: returns the summed loss, the number
 * of correct argmax predictions and dL/dlogits scaled by `scale` (e.g. 1 / batch size).
 */
export function softmaxCrossEntropy(
  logits: Act,
  labels: ArrayLike<number>,
  scale: number,
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
    loss += lse - logits.data[o + y];
    if (arg === y) correct++;
    for (let j = 0; j < k; j++) {
      const p = Math.exp(logits.data[o + j] - lse);
      grad.data[o + j] = scale * (p - (j === y ? 1 : 0));
    }
  }
  return { loss, correct, grad };
}
