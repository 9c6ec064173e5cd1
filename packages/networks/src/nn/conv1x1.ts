/**
 * The 1x1 convolution (channel mixing; on [n, d, 1, 1] activations the linear layer) with its
 * reverse-mode gradient.
 * @internal
 */
import type { Random } from "@scatterkit/core";
import { gemm } from "../backend/gemm.js";
import { type Act, type DType, Layer, type Param, newAct } from "./layer.js";

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
