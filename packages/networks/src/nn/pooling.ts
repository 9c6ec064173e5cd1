/**
 * Layers that change the spatial layout, with their reverse-mode gradients: flatten, average
 * pooling.
 * @internal
 */
import { type Act, type DType, Layer, newAct } from "./layer.js";

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
