/**
 * The layers of the three networks, each with its reverse-mode gradient: 1x1 convolution
 * (channel mixing / linear layer), standardisation, ReLU, soft-threshold, flatten.
 * Wavelet filtering, the complex non-linearities, ISTC and tight frames are in their own files.
 * @internal
 */
import { gemm } from "../backend/gemm.js";
import { type Act, type DType, Layer, type Param, newAct, zerosLike } from "./layer.js";
import type { Random } from "@scatterkit/core";

/**
 * 1x1 convolution: y[b, o, s] = sum_i W[o, i] x[b, i, s] + bias[o] (W: [cout, cin]).
 * On [n, d, 1, 1] activations it is the linear layer y = W x + bias.
 */
export class Conv1x1 extends Layer {
  readonly cin: number;
  readonly cout: number;
  readonly weight: Param;
  readonly bias: Param | null;
  private x: Act | null = null;

  constructor(name: string, dtype: DType, cin: number, cout: number, bias: boolean) {
    super(name, dtype);
    this.cin = cin;
    this.cout = cout;
    this.weight = this.param("weight", [cout, cin], true);
    this.bias = bias ? this.param("bias", [cout], false) : null;
  }

  /** W ~ N(0, gain^2 / cin), bias 0. */
  init(rng: Random, gain = 1): void {
    const s = gain / Math.sqrt(this.cin);
    const w = this.weight.value;
    for (let i = 0; i < w.length; i++) w[i] = s * rng.normal();
    this.bias?.value.fill(0);
  }

  outShape(_c: number, h: number, w: number): [number, number, number] {
    return [this.cout, h, w];
  }

  forward(x: Act, training: boolean): Act {
    const { n, h, w } = x;
    const S = h * w;
    const y = newAct(x.data, n, this.cout, h, w);
    const W = this.weight.value;
    if (S === 1) {
      gemm(false, true, n, this.cout, this.cin, 1, x.data, this.cin, W, this.cin, 0, y.data, this.cout);
    } else {
      for (let b = 0; b < n; b++) {
        const xb = x.data.subarray(b * this.cin * S, (b + 1) * this.cin * S);
        const yb = y.data.subarray(b * this.cout * S, (b + 1) * this.cout * S);
        gemm(false, false, this.cout, S, this.cin, 1, W, this.cin, xb, S, 0, yb, S);
      }
    }
    if (this.bias) {
      const bv = this.bias.value;
      for (let b = 0; b < n; b++) {
        for (let o = 0; o < this.cout; o++) {
          const off = (b * this.cout + o) * S;
          const v = bv[o];
          for (let s = 0; s < S; s++) y.data[off + s] += v;
        }
      }
    }
    this.x = training ? x : null;
    return y;
  }

  backward(dy: Act): Act {
    const x = this.x;
    if (!x) throw new Error("Conv1x1.backward without a training forward");
    const { n, h, w } = x;
    const S = h * w;
    const dx = newAct(x.data, n, this.cin, h, w);
    const W = this.weight.value;
    const dW = this.weight.grad;
    if (S === 1) {
      gemm(true, false, this.cout, this.cin, n, 1, dy.data, this.cout, x.data, this.cin, 1, dW, this.cin);
      gemm(false, false, n, this.cin, this.cout, 1, dy.data, this.cout, W, this.cin, 0, dx.data, this.cin);
    } else {
      for (let b = 0; b < n; b++) {
        const xb = x.data.subarray(b * this.cin * S, (b + 1) * this.cin * S);
        const db = dy.data.subarray(b * this.cout * S, (b + 1) * this.cout * S);
        const dxb = dx.data.subarray(b * this.cin * S, (b + 1) * this.cin * S);
        gemm(false, true, this.cout, this.cin, S, 1, db, S, xb, S, 1, dW, this.cin);
        gemm(true, false, this.cin, S, this.cout, 1, W, this.cin, db, S, 0, dxb, S);
      }
    }
    if (this.bias) {
      const g = this.bias.grad;
      for (let b = 0; b < n; b++) {
        for (let o = 0; o < this.cout; o++) {
          const off = (b * this.cout + o) * S;
          let t = 0;
          for (let s = 0; s < S; s++) t += dy.data[off + s];
          g[o] += t;
        }
      }
    }
    return dx;
  }
}

/**
 * Standardisation per channel (batch normalisation): in training
 * y = (x - mean_B) / sqrt(var_B + eps) (mean and biased variance over the batch and the
 * positions), at inference with running averages; optionally followed by gamma y + beta.
 * Running averages are updated by the trainer from `batchStats()` (unbiased variance).
 */
export class Standardize extends Layer {
  readonly channels: number;
  readonly eps: number;
  readonly gamma: Param | null;
  readonly beta: Param | null;
  readonly runningMean;
  readonly runningVar;
  /** Number of running-average updates so far. */
  readonly updates;
  private xhat: Act | null = null;
  private invstd: Float64Array | null = null;
  private stats: [Float64Array, Float64Array] | null = null;

  constructor(name: string, dtype: DType, channels: number, affine: boolean, eps = 1e-5) {
    super(name, dtype);
    this.channels = channels;
    this.eps = eps;
    this.gamma = affine ? this.param("gamma", [channels], false) : null;
    this.beta = affine ? this.param("beta", [channels], false) : null;
    this.gamma?.value.fill(1);
    this.runningMean = this.buffer("runningMean", [channels]);
    this.runningVar = this.buffer("runningVar", [channels]);
    this.runningVar.value.fill(1);
    this.updates = this.buffer("updates", [1]);
  }

  outShape(c: number, h: number, w: number): [number, number, number] {
    return [c, h, w];
  }

  forward(x: Act, training: boolean): Act {
    const { n, c, h, w } = x;
    const S = h * w;
    const y = newAct(x.data, n, c, h, w);
    const mean = new Float64Array(c);
    const invstd = new Float64Array(c);
    if (training) {
      const m = n * S;
      const v = new Float64Array(c);
      for (let b = 0; b < n; b++) {
        for (let ch = 0; ch < c; ch++) {
          const off = (b * c + ch) * S;
          let t = 0;
          for (let s = 0; s < S; s++) t += x.data[off + s];
          mean[ch] += t;
        }
      }
      for (let ch = 0; ch < c; ch++) mean[ch] /= m;
      for (let b = 0; b < n; b++) {
        for (let ch = 0; ch < c; ch++) {
          const off = (b * c + ch) * S;
          const mu = mean[ch];
          let t = 0;
          for (let s = 0; s < S; s++) {
            const d = x.data[off + s] - mu;
            t += d * d;
          }
          v[ch] += t;
        }
      }
      const unbiased = new Float64Array(c);
      for (let ch = 0; ch < c; ch++) {
        invstd[ch] = 1 / Math.sqrt(v[ch] / m + this.eps);
        unbiased[ch] = m > 1 ? v[ch] / (m - 1) : v[ch];
      }
      this.stats = [mean, unbiased];
    } else {
      const rm = this.runningMean.value;
      const rv = this.runningVar.value;
      for (let ch = 0; ch < c; ch++) {
        mean[ch] = rm[ch];
        invstd[ch] = 1 / Math.sqrt(rv[ch] + this.eps);
      }
    }
    const g = this.gamma?.value;
    const be = this.beta?.value;
    const xhat = training ? newAct(x.data, n, c, h, w) : null;
    for (let b = 0; b < n; b++) {
      for (let ch = 0; ch < c; ch++) {
        const off = (b * c + ch) * S;
        const mu = mean[ch];
        const is = invstd[ch];
        const gg = g ? g[ch] : 1;
        const bb = be ? be[ch] : 0;
        for (let s = 0; s < S; s++) {
          const z = (x.data[off + s] - mu) * is;
          if (xhat) xhat.data[off + s] = z;
          y.data[off + s] = gg * z + bb;
        }
      }
    }
    this.xhat = xhat;
    this.invstd = training ? invstd : null;
    return y;
  }

  backward(dy: Act): Act {
    const xhat = this.xhat;
    const invstd = this.invstd;
    if (!xhat || !invstd) throw new Error("Standardize.backward without a training forward");
    const { n, c, h, w } = xhat;
    const S = h * w;
    const m = n * S;
    const sdy = new Float64Array(c);
    const sdyx = new Float64Array(c);
    for (let b = 0; b < n; b++) {
      for (let ch = 0; ch < c; ch++) {
        const off = (b * c + ch) * S;
        let t0 = 0;
        let t1 = 0;
        for (let s = 0; s < S; s++) {
          t0 += dy.data[off + s];
          t1 += dy.data[off + s] * xhat.data[off + s];
        }
        sdy[ch] += t0;
        sdyx[ch] += t1;
      }
    }
    if (this.gamma && this.beta) {
      for (let ch = 0; ch < c; ch++) {
        this.gamma.grad[ch] += sdyx[ch];
        this.beta.grad[ch] += sdy[ch];
      }
    }
    const g = this.gamma?.value;
    const dx = newAct(xhat.data, n, c, h, w);
    for (let b = 0; b < n; b++) {
      for (let ch = 0; ch < c; ch++) {
        const off = (b * c + ch) * S;
        const gg = g ? g[ch] : 1;
        const k = (gg * invstd[ch]) / m;
        const a = sdy[ch];
        const bq = sdyx[ch];
        for (let s = 0; s < S; s++) {
          dx.data[off + s] = k * (m * dy.data[off + s] - a - xhat.data[off + s] * bq);
        }
      }
    }
    return dx;
  }

  override batchStats(): Float64Array[] {
    return this.stats ? [this.stats[0], this.stats[1]] : [];
  }

  override updateRunning(stats: ArrayLike<number>[], momentum: number): void {
    if (stats.length !== 2) return;
    const rm = this.runningMean.value;
    const rv = this.runningVar.value;
    // the first 1 / momentum updates average cumulatively (no bias towards the initial 0 / 1)
    const count = this.updates.value[0];
    const m = Math.max(momentum, 1 / (count + 1));
    this.updates.value[0] = count + 1;
    for (let ch = 0; ch < this.channels; ch++) {
      rm[ch] = (1 - m) * rm[ch] + m * stats[0][ch];
      rv[ch] = (1 - m) * rv[ch] + m * stats[1][ch];
    }
  }
}

/** Rectifier with an optional learned per-channel bias: y = max(x - b[c], 0). */
export class ReLU extends Layer {
  readonly bias: Param | null;
  private x: Act | null = null;

  constructor(name: string, dtype: DType, channels: number, bias: boolean) {
    super(name, dtype);
    this.bias = bias ? this.param("bias", [channels], false) : null;
  }

  outShape(c: number, h: number, w: number): [number, number, number] {
    return [c, h, w];
  }

  forward(x: Act, training: boolean): Act {
    const { n, c, h, w } = x;
    const S = h * w;
    const y = newAct(x.data, n, c, h, w);
    const bv = this.bias?.value;
    for (let b = 0; b < n; b++) {
      for (let ch = 0; ch < c; ch++) {
        const off = (b * c + ch) * S;
        const t = bv ? bv[ch] : 0;
        for (let s = 0; s < S; s++) {
          const v = x.data[off + s] - t;
          y.data[off + s] = Math.max(v, 0);
        }
      }
    }
    this.x = training ? x : null;
    return y;
  }

  backward(dy: Act): Act {
    const x = this.x;
    if (!x) throw new Error("ReLU.backward without a training forward");
    const { n, c, h, w } = x;
    const S = h * w;
    const dx = newAct(x.data, n, c, h, w);
    const bv = this.bias?.value;
    const bg = this.bias?.grad;
    for (let b = 0; b < n; b++) {
      for (let ch = 0; ch < c; ch++) {
        const off = (b * c + ch) * S;
        const t = bv ? bv[ch] : 0;
        let gsum = 0;
        for (let s = 0; s < S; s++) {
          if (x.data[off + s] - t > 0) {
            dx.data[off + s] = dy.data[off + s];
            gsum += dy.data[off + s];
          }
        }
        if (bg) bg[ch] -= gsum;
      }
    }
    return dx;
  }
}

/** Soft-thresholding with a learned per-channel threshold: y = sign(x) max(|x| - t[c], 0). */
export class SoftThreshold extends Layer {
  readonly threshold: Param;
  private x: Act | null = null;

  constructor(name: string, dtype: DType, channels: number, init: number) {
    super(name, dtype);
    this.threshold = this.param("threshold", [channels], false, "positive");
    this.threshold.value.fill(init);
  }

  outShape(c: number, h: number, w: number): [number, number, number] {
    return [c, h, w];
  }

  forward(x: Act, training: boolean): Act {
    const { n, c, h, w } = x;
    const S = h * w;
    const y = newAct(x.data, n, c, h, w);
    const tv = this.threshold.value;
    for (let b = 0; b < n; b++) {
      for (let ch = 0; ch < c; ch++) {
        const off = (b * c + ch) * S;
        const t = tv[ch];
        for (let s = 0; s < S; s++) {
          const v = x.data[off + s];
          y.data[off + s] = v > t ? v - t : v < -t ? v + t : 0;
        }
      }
    }
    this.x = training ? x : null;
    return y;
  }

  backward(dy: Act): Act {
    const x = this.x;
    if (!x) throw new Error("SoftThreshold.backward without a training forward");
    const { n, c, h, w } = x;
    const S = h * w;
    const dx = newAct(x.data, n, c, h, w);
    const tv = this.threshold.value;
    const tg = this.threshold.grad;
    for (let b = 0; b < n; b++) {
      for (let ch = 0; ch < c; ch++) {
        const off = (b * c + ch) * S;
        const t = tv[ch];
        let gsum = 0;
        for (let s = 0; s < S; s++) {
          const v = x.data[off + s];
          if (v > t) {
            dx.data[off + s] = dy.data[off + s];
            gsum -= dy.data[off + s];
          } else if (v < -t) {
            dx.data[off + s] = dy.data[off + s];
            gsum += dy.data[off + s];
          }
        }
        tg[ch] += gsum;
      }
    }
    return dx;
  }
}

/** Reshape [n, c, h, w] -> [n, c h w, 1, 1] (no copy). */
export class Flatten extends Layer {
  private shape: [number, number, number] = [0, 0, 0];
  outShape(c: number, h: number, w: number): [number, number, number] {
    return [c * h * w, 1, 1];
  }
  forward(x: Act): Act {
    this.shape = [x.c, x.h, x.w];
    return { data: x.data, n: x.n, c: x.c * x.h * x.w, h: 1, w: 1 };
  }
  backward(dy: Act): Act {
    const [c, h, w] = this.shape;
    return { data: dy.data, n: dy.n, c, h, w };
  }
}

/**
 * Average pooling over k x k windows with stride k (the last window may be partial;
 * each output is the mean of the inputs it covers).
 */
export class AvgPool extends Layer {
  readonly k: number;
  private inShape: [number, number, number, number] = [0, 0, 0, 0];
  constructor(name: string, dtype: DType, k: number) {
    super(name, dtype);
    this.k = k;
  }
  outShape(c: number, h: number, w: number): [number, number, number] {
    return [c, Math.ceil(h / this.k), Math.ceil(w / this.k)];
  }
  forward(x: Act): Act {
    const { n, c, h, w } = x;
    const k = this.k;
    const ho = Math.ceil(h / k);
    const wo = Math.ceil(w / k);
    this.inShape = [n, c, h, w];
    const y = newAct(x.data, n, c, ho, wo);
    for (let p = 0; p < n * c; p++) {
      for (let i = 0; i < ho; i++) {
        for (let j = 0; j < wo; j++) {
          let t = 0;
          let cnt = 0;
          for (let u = i * k; u < Math.min(h, i * k + k); u++) {
            for (let v = j * k; v < Math.min(w, j * k + k); v++) {
              t += x.data[p * h * w + u * w + v];
              cnt++;
            }
          }
          y.data[p * ho * wo + i * wo + j] = t / cnt;
        }
      }
    }
    return y;
  }
  backward(dy: Act): Act {
    const [n, c, h, w] = this.inShape;
    const k = this.k;
    const ho = Math.ceil(h / k);
    const wo = Math.ceil(w / k);
    const dx = newAct(dy.data, n, c, h, w);
    for (let p = 0; p < n * c; p++) {
      for (let i = 0; i < ho; i++) {
        for (let j = 0; j < wo; j++) {
          const u1 = Math.min(h, i * k + k);
          const v1 = Math.min(w, j * k + k);
          const g = dy.data[p * ho * wo + i * wo + j] / ((u1 - i * k) * (v1 - j * k));
          for (let u = i * k; u < u1; u++) {
            for (let v = j * k; v < v1; v++) dx.data[p * h * w + u * w + v] += g;
          }
        }
      }
    }
    return dx;
  }
}

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

export { zerosLike };
