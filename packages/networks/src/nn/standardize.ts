/**
 * Per-channel standardisation (batch normalisation) with its reverse-mode gradient and the
 * running averages used at inference.
 * @internal
 */
import { type Act, type DType, Layer, type Param, newAct } from "./layer.js";

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
