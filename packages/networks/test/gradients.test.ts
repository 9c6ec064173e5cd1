// Every op's reverse-mode gradient against central finite differences, in float64.
import { describe, expect, it } from "vitest";
import type { Act, Layer } from "../src/nn/layer.js";
import {
  AvgPool,
  Conv1x1,
  Flatten,
  ReLU,
  SoftThreshold,
  Standardize,
  softmaxCrossEntropy,
} from "../src/nn/layers.js";
import { ISTC, spectralNormSquared } from "../src/nn/istc.js";
import { TightFrame, projectTightFrame } from "../src/nn/frame.js";
import { PhaseNonlinearity, WaveletFilter } from "../src/nn/wavelet.js";
import { SkipConcat, Tee, skipSlot } from "../src/nn/skip.js";
import { Layer as LayerBase } from "../src/nn/layer.js";

/** Layers run in sequence as one layer (forward in order, backward in reverse). */
class Chain extends LayerBase {
  constructor(readonly inner: Layer[]) {
    super("chain", "float64");
    for (const l of inner) this.params.push(...l.params);
  }
  outShape(c: number, h: number, w: number): [number, number, number] {
    let s: [number, number, number] = [c, h, w];
    for (const l of this.inner) s = l.outShape(...s);
    return s;
  }
  forward(x: Act, training: boolean): Act {
    let a = x;
    for (const l of this.inner) a = l.forward(a, training);
    return a;
  }
  backward(dy: Act): Act {
    let g = dy;
    for (let i = this.inner.length - 1; i >= 0; i--) g = this.inner[i].backward(g);
    return g;
  }
}
import { Random } from "@scatterkit/core";

function randomAct(rng: Random, n: number, c: number, h: number, w: number, scale = 1): Act {
  const data = new Float64Array(n * c * h * w);
  for (let i = 0; i < data.length; i++) data[i] = scale * rng.normal();
  return { data, n, c, h, w };
}

/** L(x, params) = sum(r * layer(x)); returns max relative error over checked coordinates. */
function check(layer: Layer, x: Act, rng: Random, { eps = 1e-6, samples = 40 } = {}): number {
  const y0 = layer.forward(x, true);
  const r = new Float64Array(y0.data.length);
  for (let i = 0; i < r.length; i++) r[i] = rng.normal();
  const loss = () => {
    const y = layer.forward(x, true);
    let s = 0;
    for (let i = 0; i < r.length; i++) s += r[i] * y.data[i];
    return s;
  };
  for (const p of layer.params) p.grad.fill(0);
  layer.forward(x, true);
  const dx = layer.backward({ data: Float64Array.from(r), n: y0.n, c: y0.c, h: y0.h, w: y0.w });
  const targets: { arr: Float64Array; grad: ArrayLike<number> }[] = [
    { arr: x.data as Float64Array, grad: Float64Array.from(dx.data) },
    ...layer.params.map((p) => ({ arr: p.value as Float64Array, grad: Float64Array.from(p.grad) })),
  ];
  let worst = 0;
  for (const { arr, grad } of targets) {
    let gmax = 0;
    for (let i = 0; i < grad.length; i++) gmax = Math.max(gmax, Math.abs(grad[i]));
    const m = Math.min(samples, arr.length);
    for (let t = 0; t < m; t++) {
      const i = arr.length <= samples ? t : rng.nextInt(arr.length);
      const old = arr[i];
      arr[i] = old + eps;
      const lp = loss();
      arr[i] = old - eps;
      const lm = loss();
      arr[i] = old;
      const fd = (lp - lm) / (2 * eps);
      worst = Math.max(worst, Math.abs(fd - grad[i]) / Math.max(gmax, 1e-12));
    }
  }
  return worst;
}

describe("gradients against central finite differences (float64)", () => {
  it("1x1 convolution with bias, and as a linear layer", () => {
    const rng = new Random(1);
    const conv = new Conv1x1("c", "float64", 5, 4, true);
    conv.init(rng);
    for (let i = 0; i < 4; i++) conv.bias?.value.set([rng.normal()], i);
    expect(check(conv, randomAct(rng, 3, 5, 3, 2), rng)).toBeLessThan(1e-7);
    const lin = new Conv1x1("l", "float64", 7, 3, true);
    lin.init(rng);
    expect(check(lin, randomAct(rng, 4, 7, 1, 1), rng)).toBeLessThan(1e-7);
  });

  it("standardisation (batch statistics) with and without affine", () => {
    const rng = new Random(2);
    for (const affine of [false, true]) {
      const bn = new Standardize("s", "float64", 3, affine);
      if (affine) for (let i = 0; i < 3; i++) bn.gamma?.value.set([1 + 0.3 * rng.normal()], i);
      expect(check(bn, randomAct(rng, 4, 3, 2, 2, 2), rng)).toBeLessThan(1e-6);
    }
  });

  it("ReLU with bias, soft-threshold, flatten, average pooling", () => {
    const rng = new Random(3);
    const relu = new ReLU("r", "float64", 3, true);
    relu.bias?.value.set([0.1, -0.2, 0.3]);
    expect(check(relu, randomAct(rng, 2, 3, 3, 3), rng)).toBeLessThan(1e-7);
    const st = new SoftThreshold("t", "float64", 3, 0.4);
    expect(check(st, randomAct(rng, 2, 3, 3, 3), rng)).toBeLessThan(1e-7);
    expect(check(new Flatten("f", "float64"), randomAct(rng, 2, 3, 2, 2), rng)).toBeLessThan(1e-8);
    expect(check(new AvgPool("p", "float64", 2), randomAct(rng, 2, 2, 5, 4), rng)).toBeLessThan(1e-8);
  });

  it("skip connection: Tee ... SkipConcat appends the input to the blocks' output, gradients summed", () => {
    const rng = new Random(31);
    const slot = skipSlot();
    const conv = new Conv1x1("c", "float64", 3, 2, true);
    conv.init(rng);
    const chain = new Chain([
      new Tee("t", "float64", slot),
      conv,
      new ReLU("r", "float64", 2, false),
      new AvgPool("p", "float64", 2),
      new SkipConcat("s", "float64", slot, 3 * 4 * 3),
    ]);
    const x = randomAct(rng, 2, 3, 4, 3);
    const y = chain.forward(x, true);
    expect([y.c, y.h, y.w]).toEqual([2 * 2 * 2 + 36, 1, 1]);
    // the appended part is the input itself, sample by sample
    for (let b = 0; b < 2; b++) {
      for (let i = 0; i < 36; i++) expect(y.data[b * 44 + 8 + i]).toBe(x.data[b * 36 + i]);
    }
    expect(check(chain, x, rng, { samples: 72 })).toBeLessThan(1e-7);
  });

  it("wavelet filtering (complex and real parts, strides 1 and 2) is linear with adjoint backward", () => {
    const rng = new Random(4);
    for (const [stride, complex] of [
      [2, true],
      [1, false],
      [2, false],
    ] as const) {
      const f = new WaveletFilter("w", "float64", 7, 6, 4, stride, complex);
      expect(check(f, randomAct(rng, 2, 3, 7, 6), rng)).toBeLessThan(1e-8);
    }
  });

  it("complex modulus, real-part threshold and real-part ReLU", () => {
    const rng = new Random(5);
    for (const kind of ["modulus", "threshold", "relu"] as const) {
      const nl = new PhaseNonlinearity("n", "float64", 2, 3, kind, 0.3);
      const F = nl.inputPerGroup;
      expect(check(nl, randomAct(rng, 2, 2 * F, 3, 3), rng)).toBeLessThan(1e-7);
    }
  });

  it("unrolled homotopy ISTC: input, dictionary and lambda* (step eta held fixed, as within an SGD step)", () => {
    const rng = new Random(6);
    const istc = new ISTC("i", "float64", 6, 10, 5, 0.3);
    istc.init(rng);
    istc.fixedStep = 0.4;
    expect(check(istc, randomAct(rng, 3, 6, 2, 2), rng, { samples: 60 })).toBeLessThan(1e-6);
    const y = istc.forward(randomAct(rng, 3, 6, 2, 2), false);
    expect(y.data.every((v) => v >= 0)).toBe(true);
    // K > 2P: z D^T D is taken as (z D^T) D, in the forward and the backward pass
    const wide = new ISTC("w", "float64", 3, 10, 4, 0.05);
    wide.init(rng);
    wide.fixedStep = 0.3;
    expect(check(wide, randomAct(rng, 3, 3, 2, 2), rng, { samples: 60 })).toBeLessThan(1e-6);
    // the paper's plain W = D (eta = 1)
    const plain = new ISTC("p", "float64", 6, 10, 5, 0.3, false);
    plain.init(rng);
    expect(check(plain, randomAct(rng, 3, 6, 2, 2), rng, { samples: 60 })).toBeLessThan(1e-6);
    expect(plain.step).toBe(1);
  });

  it("ISTC step: eta = 1 / ||D||_2^2, and the iteration then never expands", () => {
    // D = [[3, 0, 0], [0, 1, 1]] (P = 2, K = 3): D D^T = diag(9, 2), ||D||^2 = 9
    expect(spectralNormSquared(Float64Array.of(3, 0, 0, 0, 1, 1), 2, 3)).toBeCloseTo(9, 12);
    const rng = new Random(8);
    const istc = new ISTC("s", "float64", 4, 32, 12, 1e-3);
    istc.init(rng);
    const D = istc.dictionary.value;
    const x = randomAct(rng, 2, 4, 1, 1);
    istc.forward(x, false);
    // largest singular value by dense power iteration on D^T D (K x K), independent of the P x P route
    let v = new Float64Array(32).fill(1);
    let lam = 0;
    for (let it = 0; it < 500; it++) {
      const Dv = new Float64Array(4);
      for (let p = 0; p < 4; p++) for (let k = 0; k < 32; k++) Dv[p] += D[p * 32 + k] * v[k];
      const u = new Float64Array(32);
      for (let k = 0; k < 32; k++) for (let p = 0; p < 4; p++) u[k] += D[p * 32 + k] * Dv[p];
      lam = Math.hypot(...u);
      v = u.map((t) => t / lam);
    }
    expect(istc.step).toBeGreaterThan(0);
    expect(Math.abs(istc.step * lam - 1)).toBeLessThan(1e-9);
    // with 32 atoms in 4 dimensions and a tiny lambda*, plain steps (eta = 1) blow up, eta does not
    const plain = new ISTC("q", "float64", 4, 32, 12, 1e-3, false);
    plain.dictionary.value.set(D);
    const big = (a: ISTC) => Math.max(...a.forward(x, false).data.map(Math.abs));
    expect(big(istc)).toBeLessThan(10);
    expect(big(plain)).toBeGreaterThan(100 * big(istc));
  });

  it("tight frame with ReLU and with soft-threshold; re-orthogonalisation gives F^T F = I", () => {
    const rng = new Random(7);
    for (const kind of ["relu", "soft-threshold"] as const) {
      const tf = new TightFrame("f", "float64", 4, 9, kind, 0.2);
      tf.init(rng);
      expect(check(tf, randomAct(rng, 3, 4, 2, 2), rng)).toBeLessThan(1e-7);
    }
    const F = new Float64Array(9 * 4);
    const tf = new TightFrame("g", "float64", 4, 9, "relu");
    tf.init(rng);
    F.set(tf.frame.value);
    for (let i = 0; i < F.length; i++) F[i] += 0.01 * rng.normal();
    projectTightFrame(F, 9, 4);
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 4; j++) {
        let s = 0;
        for (let m = 0; m < 9; m++) s += F[m * 4 + i] * F[m * 4 + j];
        expect(Math.abs(s - (i === j ? 1 : 0))).toBeLessThan(1e-12);
      }
    }
  });

  it("softmax cross-entropy", () => {
    const rng = new Random(8);
    const logits = randomAct(rng, 4, 5, 1, 1);
    const labels = [0, 3, 4, 1];
    const { grad, loss } = softmaxCrossEntropy(logits, labels, 1);
    const eps = 1e-6;
    for (let i = 0; i < logits.data.length; i++) {
      const o = logits.data[i];
      logits.data[i] = o + eps;
      const lp = softmaxCrossEntropy(logits, labels, 1).loss;
      logits.data[i] = o - eps;
      const lm = softmaxCrossEntropy(logits, labels, 1).loss;
      logits.data[i] = o;
      expect(Math.abs((lp - lm) / (2 * eps) - grad.data[i])).toBeLessThan(1e-8);
    }
    expect(loss).toBeGreaterThan(0);
  });

  it("softmax cross-entropy with label smoothing: gradient, value, and e = 0 unchanged", () => {
    const rng = new Random(9);
    const logits = randomAct(rng, 4, 5, 1, 1);
    const labels = [2, 0, 4, 4];
    const e = 0.1;
    const { grad, loss } = softmaxCrossEntropy(logits, labels, 0.5, e);
    const eps = 1e-6;
    for (let i = 0; i < logits.data.length; i++) {
      const o = logits.data[i];
      logits.data[i] = o + eps;
      const lp = softmaxCrossEntropy(logits, labels, 1, e).loss;
      logits.data[i] = o - eps;
      const lm = softmaxCrossEntropy(logits, labels, 1, e).loss;
      logits.data[i] = o;
      expect(Math.abs((0.5 * (lp - lm)) / (2 * eps) - grad.data[i])).toBeLessThan(1e-8);
    }
    // the value: (1 - e) CE(y) + e mean_j CE(j), from the plain loss of each target
    let want = 0;
    for (let i = 0; i < 4; i++) {
      const row = { data: logits.data.slice(i * 5, i * 5 + 5), n: 1, c: 5, h: 1, w: 1 };
      want += (1 - e) * softmaxCrossEntropy(row, [labels[i]], 1).loss;
      for (let j = 0; j < 5; j++) want += (e / 5) * softmaxCrossEntropy(row, [j], 1).loss;
    }
    expect(loss).toBeCloseTo(want, 12);
    // each gradient row sums to zero (softmax and the smoothed target both sum to one)
    for (let i = 0; i < 4; i++) {
      let s = 0;
      for (let j = 0; j < 5; j++) s += grad.data[i * 5 + j];
      expect(Math.abs(s)).toBeLessThan(1e-15);
    }
    const plain = softmaxCrossEntropy(logits, labels, 1);
    const zero = softmaxCrossEntropy(logits, labels, 1, 0);
    expect(zero.loss).toBe(plain.loss);
    expect(Array.from(zero.grad.data)).toEqual(Array.from(plain.grad.data));
  });
});
