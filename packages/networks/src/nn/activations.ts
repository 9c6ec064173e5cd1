/**
 * Pointwise non-linearities with learned per-channel parameters and their reverse-mode
 * gradients: ReLU with a bias, soft-thresholding.
 * @internal
 */
import { type Act, type DType, Layer, type Param, newAct } from "./layer.js";

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
