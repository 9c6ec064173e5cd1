// The estimator API on a tiny synthetic problem: learning, reproducibility, checkpoints and
// resume, exact save/load, Fisher ratios, named errors.
import { PHASE_COLLAPSE_STANDARD } from "../src/models/phase-collapse.js";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FormatError, NotFittedError, ParameterError, ShapeError } from "@scatterkit/core";
import { afterAll, describe, expect, it } from "vitest";
import {
  PhaseCollapseNetwork,
  SparseScatteringNetwork,
  TightFrameNetwork,
  createNetwork,
  loadNetwork,
  readNetworkFile,
  saveNetwork,
} from "../src/index.js";
import { augmentation } from "../src/training-options.js";
import type { NetworkModelFile } from "../src/api.js";
import { Random } from "@scatterkit/core";

/** n images 16x16 of 3 classes: horizontal stripes, vertical stripes, a centred blob; plus noise. */
function synthetic(n: number, seed: number) {
  const rng = new Random(seed);
  const H = 16;
  const data = new Float32Array(n * H * H);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    labels[i] = c;
    const ph = rng.next() * 6.28;
    for (let r = 0; r < H; r++) {
      for (let q = 0; q < H; q++) {
        let v: number;
        if (c === 0) v = Math.sin(r * 1.3 + ph);
        else if (c === 1) v = Math.sin(q * 1.3 + ph);
        else v = Math.exp(-((r - 7.5) ** 2 + (q - 7.5) ** 2) / 12) * 2 - 0.5;
        data[(i * H + r) * H + q] = 0.5 + 0.3 * v + 0.15 * rng.normal();
      }
    }
  }
  return { images: { data, shape: [n, H, H] as number[] }, labels };
}

const tmp = mkdtempSync(join(tmpdir(), "networks-test-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const small = { epochs: 3, batchSize: 16, learningRate: 0.05, seed: 3 } as const;
/** A sparse scattering network small enough for a test (no augmentation). */
const tinySparse = {
  ...small,
  J: 1,
  projection: 4,
  atoms: 8,
  iterations: 2,
  skip: false,
  hidden: 0,
  augment: false,
  testTimeFlips: false,
};

/** The values of one stored array of a model file. */
function storedValues(file: NetworkModelFile, key: string): number[] {
  const a = file.arrays[key];
  const b = Buffer.from(a.base64, "base64");
  return a.dtype === "float32"
    ? Array.from(new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4))
    : Array.from(new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8));
}
const train = synthetic(90, 1);
const test = synthetic(45, 2);

function accuracyOf(pred: Int32Array, y: Int32Array): number {
  let c = 0;
  for (let i = 0; i < y.length; i++) if (pred[i] === y[i]) c++;
  return c / y.length;
}

describe("the three networks learn a tiny synthetic problem", () => {
  const models = [
    () => new SparseScatteringNetwork({ ...small, projection: 8, atoms: 16, iterations: 3 }),
    () => new SparseScatteringNetwork({ ...small, projection: 8, sparseCode: false }),
    () => new TightFrameNetwork({ ...small, projection: 8, frame: 16, nonlinearity: "relu" }),
    () => new TightFrameNetwork({ ...small, projection: 8, frame: 16, nonlinearity: "soft-threshold" }),
    () => new PhaseCollapseNetwork({ ...small, J: 1, widths: [6, 8], L: 4, nonlinearity: "modulus" }),
    () => new PhaseCollapseNetwork({ ...small, J: 1, widths: [6], L: 4, nonlinearity: "threshold" }),
    () => new PhaseCollapseNetwork({ ...small, J: 1, widths: [6], L: 4, nonlinearity: "relu" }),
  ];
  for (const [mi, make] of models.entries()) {
    const net0 = make();
    it(`${mi}: ${net0.modelName} ${JSON.stringify((net0 as unknown as { nonlinearity?: string }).nonlinearity ?? "")}`, async () => {
      const epochs: number[] = [];
      const net = make();
      const opts = { onEpoch: (e: { epoch: number }) => epochs.push(e.epoch) };
      Object.assign(net, {});
      await net.fit(train.images, train.labels, { validation: test });
      expect(net.history.map((h) => h.epoch)).toEqual([1, 2, 3]);
      expect(accuracyOf(net.predict(test.images), test.labels)).toBeGreaterThan(0.75);
      const p = net.predictProba(test.images);
      expect(p.shape).toEqual([45, 3]);
      expect(p.data).toBeInstanceOf(Float32Array);
      for (let i = 0; i < 45; i++)
        expect(Math.abs(p.data[3 * i] + p.data[3 * i + 1] + p.data[3 * i + 2] - 1)).toBeLessThan(1e-6);
      void opts;
      void epochs;
    });
  }
});

describe("reproducibility, files and resume", () => {
  it("the same seed and worker count reproduce a run bit for bit; shards change the run", async () => {
    const make = (workers: number) =>
      new SparseScatteringNetwork({ ...small, projection: 8, atoms: 16, iterations: 3, workers });
    const a = await make(2).fit(train.images, train.labels);
    const b = await make(2).fit(train.images, train.labels);
    expect(JSON.stringify(a.toJSON().arrays) === JSON.stringify(b.toJSON().arrays)).toBe(true);
    expect(a.history.map((h) => h.loss)).toEqual(b.history.map((h) => h.loss));
    const c = await make(1).fit(train.images, train.labels);
    expect(JSON.stringify(c.toJSON().arrays) === JSON.stringify(a.toJSON().arrays)).toBe(false);
  });

  it("save/load round-trips exactly (same probabilities bit for bit), from an object, text and a file", async () => {
    const net = await new PhaseCollapseNetwork({ ...small, J: 1, widths: [6], L: 4 }).fit(
      train.images,
      train.labels,
    );
    const p0 = net.predictProba(test.images).data;
    const fromText = loadNetwork(JSON.stringify(net.toJSON()));
    expect(Array.from(fromText.predictProba(test.images).data)).toEqual(Array.from(p0));
    expect(fromText.history.length).toBe(3);
    const path = join(tmp, "model.json");
    await saveNetwork(net, path);
    const fromFile = await readNetworkFile(path);
    expect(fromFile).toBeInstanceOf(PhaseCollapseNetwork);
    expect(Array.from(fromFile.predictProba(test.images).data)).toEqual(Array.from(p0));
    expect(JSON.stringify(fromFile.toJSON()) === JSON.stringify(net.toJSON())).toBe(true);
  });

  it("skip connection and classifier learning rate: in the model file, round trip exact, a different run", async () => {
    const opts = { ...small, J: 1, widths: [6], L: 4 };
    const skip = await new PhaseCollapseNetwork({ ...opts, skip: true, classifierLearningRate: 0.5 }).fit(
      train.images,
      train.labels,
    );
    const file = skip.toJSON();
    expect(file.options).toMatchObject({ skip: true, classifierLearningRate: 0.5 });
    // 16 x 16 images, J = 1: the classifier sees 6 x 5 x 4 x 4 block outputs and the 9 x 8 x 8 scattering coefficients
    expect(file.arrays["classifier.weight"].shape).toEqual([3, 6 * 5 * 4 * 4 + 9 * 8 * 8]);
    const copy = loadNetwork(JSON.stringify(file));
    expect(Array.from(copy.predictProba(test.images).data)).toEqual(
      Array.from(skip.predictProba(test.images).data),
    );
    expect(copy.layerFisherRatios(test.images, test.labels).map((f) => f.layer)).toEqual([
      "scattering",
      "block 1",
      "logits",
    ]);
    // without the skip connection (the earlier architecture; also the legacy-file check below)
    const old = { ...opts, skip: false, testTimeFlips: false };
    const plain = await new PhaseCollapseNetwork({ ...old, classifierLearningRate: 0.5 }).fit(
      train.images,
      train.labels,
    );
    const scaled = await new PhaseCollapseNetwork(old).fit(train.images, train.labels);
    // a different classifier step changes the run (and only when given)
    expect(JSON.stringify(plain.toJSON().arrays) === JSON.stringify(scaled.toJSON().arrays)).toBe(false);
    // the phase collapse standard run's multiplier (if any) applies when none is given
    expect(scaled.toJSON().options.classifierLearningRate).toBe(
      (PHASE_COLLAPSE_STANDARD as { classifierLearningRate?: number }).classifierLearningRate,
    );
    // a file written before strides / skip / testTimeFlips were always recorded loads with the old defaults
    const oldFile = JSON.parse(JSON.stringify(scaled.toJSON()));
    expect(oldFile.options).toMatchObject({ strides: null, skip: false, testTimeFlips: false });
    for (const key of ["strides", "skip", "testTimeFlips"]) delete oldFile.options[key];
    const oldCopy = loadNetwork(JSON.stringify(oldFile));
    expect(Array.from(oldCopy.predictProba(test.images).data)).toEqual(
      Array.from(scaled.predictProba(test.images).data),
    );
    expect(() => new PhaseCollapseNetwork({ skip: 1 as never })).toThrow(/skip/);
    const sparse = await new SparseScatteringNetwork({
      ...small,
      J: 1,
      projection: 4,
      atoms: 8,
      iterations: 2,
      skip: true,
      hidden: 0,
    }).fit(train.images, train.labels);
    // the code (8 atoms at 8 x 8) and the scattering (9 x 8 x 8) side by side
    expect(sparse.toJSON().arrays["classifier.weight"].shape).toEqual([3, 8 * 64 + 9 * 64]);
    const sparseCopy = loadNetwork(JSON.stringify(sparse.toJSON()));
    expect(Array.from(sparseCopy.predictProba(test.images).data)).toEqual(
      Array.from(sparse.predictProba(test.images).data),
    );
    expect(() => new SparseScatteringNetwork({ skip: "yes" as never })).toThrow(/skip/);
    expect(() => new PhaseCollapseNetwork({ classifierLearningRate: 0 })).toThrow(/classifierLearningRate/);
  });

  it("hidden classifier layer (the 2020 paper's MLP): shapes, one step scaled by classifierLearningRate, exact round trip", async () => {
    const opts = { ...tinySparse, epochs: 1, batchSize: 128 } as const;
    const init = await new SparseScatteringNetwork({ ...opts, hidden: 5, learningRate: 1e-30 }).fit(
      train.images,
      train.labels,
    );
    const one = await new SparseScatteringNetwork({ ...opts, hidden: 5, classifierLearningRate: 1 }).fit(
      train.images,
      train.labels,
    );
    const half = await new SparseScatteringNetwork({ ...opts, hidden: 5, classifierLearningRate: 0.5 }).fit(
      train.images,
      train.labels,
    );
    const arrays = (n: SparseScatteringNetwork) => n.toJSON().arrays;
    // the code (8 atoms at 8 x 8) into 5 hidden units, then the classifier
    expect(arrays(one)["classifier-hidden.weight"].shape).toEqual([5, 8 * 64]);
    expect(arrays(one)["classifier.weight"].shape).toEqual([3, 5]);
    expect(one.toJSON().options).toMatchObject({ hidden: 5 });
    // one SGD step from the same start: the hidden layer's and the classifier's steps halve, the
    // projection's does not
    const step = (n: SparseScatteringNetwork, key: string) => {
      const a0 = storedValues(init.toJSON(), key);
      return storedValues(n.toJSON(), key).map((v, i) => v - a0[i]);
    };
    for (const key of ["classifier-hidden.weight", "classifier.weight", "projection.weight"]) {
      const s1 = step(one, key);
      const s2 = step(half, key);
      const ratio = s2.reduce((t, v) => t + Math.abs(v), 0) / s1.reduce((t, v) => t + Math.abs(v), 0);
      expect(ratio).toBeCloseTo(key === "projection.weight" ? 1 : 0.5, 2);
    }
    const copy = loadNetwork(JSON.stringify(one.toJSON()));
    expect(Array.from(copy.predictProba(test.images).data)).toEqual(
      Array.from(one.predictProba(test.images).data),
    );
    // a file written before `hidden` was always recorded is a linear classifier
    const plain = await new SparseScatteringNetwork({ ...opts, learningRate: 0.05 }).fit(
      train.images,
      train.labels,
    );
    const oldFile = plain.toJSON();
    expect(oldFile.options).toMatchObject({ hidden: 0 });
    delete (oldFile.options as Record<string, unknown>).hidden;
    expect(Array.from(SparseScatteringNetwork.fromJSON(oldFile).predictProba(test.images).data)).toEqual(
      Array.from(plain.predictProba(test.images).data),
    );
    expect(() => new SparseScatteringNetwork({ hidden: -1 })).toThrow(/hidden/);
    expect(() => new SparseScatteringNetwork({ hidden: 2.5 })).toThrow(/hidden/);
  });

  it("labelSmoothing: recorded in the model file, changes the run, bad values refused", async () => {
    const opts = { ...small, J: 1, widths: [6], L: 4, skip: false, testTimeFlips: false };
    const plain = await new PhaseCollapseNetwork({ ...opts, labelSmoothing: 0 }).fit(
      train.images,
      train.labels,
    );
    const smooth = await new PhaseCollapseNetwork({ ...opts, labelSmoothing: 0.2 }).fit(
      train.images,
      train.labels,
    );
    expect(smooth.toJSON().options.labelSmoothing).toBe(0.2);
    expect(plain.toJSON().options.labelSmoothing).toBe(0);
    expect(JSON.stringify(plain.toJSON().arrays) === JSON.stringify(smooth.toJSON().arrays)).toBe(false);
    // the smoothed loss is bounded below by the entropy of the target, so it stays above the plain one's floor
    const last = smooth.history[smooth.history.length - 1];
    const k = 3;
    const entropy = -(0.8 + 0.2 / k) * Math.log(0.8 + 0.2 / k) - (k - 1) * (0.2 / k) * Math.log(0.2 / k);
    expect(last.loss).toBeGreaterThanOrEqual(entropy - 1e-6);
    const copy = loadNetwork(JSON.stringify(smooth.toJSON()));
    expect(copy.toJSON().options.labelSmoothing).toBe(0.2);
    expect(() => new PhaseCollapseNetwork({ labelSmoothing: -0.1 })).toThrow(/labelSmoothing/);
    expect(() => new PhaseCollapseNetwork({ labelSmoothing: 1 })).toThrow(/labelSmoothing/);
    expect(() => new SparseScatteringNetwork({ labelSmoothing: Number.NaN })).toThrow(/labelSmoothing/);
  });

  it("testTimeFlips: logits are the mean of the image's and its mirror's, stored in the model file", async () => {
    const net = await new PhaseCollapseNetwork({
      ...small,
      J: 1,
      widths: [6],
      L: 4,
      augment: true,
      testTimeFlips: false,
    }).fit(train.images, train.labels);
    const [n, H, W] = test.images.shape;
    const mirror = new Float32Array(n * H * W);
    for (let i = 0; i < n * H; i++)
      for (let c = 0; c < W; c++) mirror[i * W + c] = test.images.data[i * W + W - 1 - c];
    const z = net.decisionFunction(test.images).data;
    const zm = net.decisionFunction({ data: mirror, shape: [n, H, W] }).data;
    net.testTimeFlips = true;
    const zf = net.decisionFunction(test.images).data;
    let differs = false;
    for (let i = 0; i < z.length; i++) {
      const mean = 0.5 * (z[i] + zm[i]);
      expect(Math.abs(zf[i] - mean)).toBeLessThanOrEqual(2e-7 * Math.max(1, Math.abs(mean)));
      if (Math.abs(zf[i] - z[i]) > 1e-4) differs = true;
    }
    expect(differs).toBe(true);
    // predictions follow the averaged logits; the flag travels in the model file
    const pred = net.predict(test.images);
    for (let i = 0; i < n; i++) {
      let best = 0;
      for (let c = 1; c < 3; c++) if (zf[i * 3 + c] > zf[i * 3 + best]) best = c;
      expect(pred[i]).toBe(best);
    }
    const copy = loadNetwork(JSON.stringify(net.toJSON()));
    expect(copy.testTimeFlips).toBe(true);
    expect(Array.from(copy.predictProba(test.images).data)).toEqual(
      Array.from(net.predictProba(test.images).data),
    );
    expect(() => new PhaseCollapseNetwork({ testTimeFlips: "yes" as never })).toThrow(/testTimeFlips/);
  });

  it("an interrupted run resumes from its checkpoint and ends identical to an uninterrupted one", async () => {
    const opts = { ...small, epochs: 4, projection: 8, atoms: 16, iterations: 3, workers: 2 };
    const full = await new SparseScatteringNetwork(opts).fit(train.images, train.labels);
    const path = join(tmp, "ckpt.json");
    const interrupted = new SparseScatteringNetwork({
      ...opts,
      checkpoint: { path },
      onEpoch: (e) => {
        if (e.epoch === 2) throw new Error("stop");
      },
    });
    await expect(interrupted.fit(train.images, train.labels)).rejects.toThrow("stop");
    expect(JSON.parse(readFileSync(path, "utf8")).training.epoch).toBe(1);
    const seen: number[] = [];
    const resumed = await new SparseScatteringNetwork({
      ...opts,
      checkpoint: { path },
      onEpoch: (e) => seen.push(e.epoch),
    }).fit(train.images, train.labels);
    expect(seen).toEqual([2, 3, 4]);
    expect(JSON.stringify(resumed.toJSON().arrays) === JSON.stringify(full.toJSON().arrays)).toBe(true);
    expect(resumed.history.map((h) => h.loss)).toEqual(full.history.map((h) => h.loss));
    expect(JSON.parse(readFileSync(path, "utf8")).training.epoch).toBe(4);
    // a checkpoint of other options is refused
    const other = new SparseScatteringNetwork({ ...opts, atoms: 12, checkpoint: { path } });
    await expect(other.fit(train.images, train.labels)).rejects.toThrow(FormatError);
  });

  it("cacheDir stores the front-end once and a second fit reads it (same result)", async () => {
    const dir = join(tmp, "cache");
    const opts = {
      ...small,
      epochs: 2,
      projection: 8,
      atoms: 16,
      iterations: 3,
      augment: true,
      shift: 0,
      copies: 1,
      cacheDir: dir,
    };
    const a = await new SparseScatteringNetwork(opts).fit(train.images, train.labels, { validation: test });
    const files = readdirSync(dir).sort();
    expect(files.length).toBe(3); // training set, its flips, validation set
    const b = await new SparseScatteringNetwork(opts).fit(train.images, train.labels, { validation: test });
    expect(JSON.stringify(a.toJSON().arrays) === JSON.stringify(b.toJSON().arrays)).toBe(true);
    const c = await new SparseScatteringNetwork({ ...opts, cacheDir: undefined }).fit(
      train.images,
      train.labels,
      {
        validation: test,
      },
    );
    expect(JSON.stringify(a.toJSON().arrays) === JSON.stringify(c.toJSON().arrays)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(files);
  });

  it("shift copies: each copy is the front-end of the translated (and, odd copies, mirrored) images", async () => {
    const r = { augment: true, shift: 2, seed: 5, copies: 2 } as Parameters<typeof augmentation>[2];
    const a1 = augmentation(6, 1, r);
    const a2 = augmentation(6, 2, r);
    expect(Array.from(a1.flip)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(Array.from(a2.flip)).toEqual([0, 0, 0, 0, 0, 0]);
    for (const a of [a1, a2]) for (const d of [...a.dx, ...a.dy]) expect(Math.abs(d)).toBeLessThanOrEqual(2);
    // same seed, same copies; another seed, other shifts
    expect(Array.from(augmentation(6, 1, r).dx)).toEqual(Array.from(a1.dx));
    const other = augmentation(40, 1, { ...r, seed: 6 });
    expect(Array.from(other.dx.subarray(0, 6))).not.toEqual(
      Array.from(augmentation(40, 1, r).dx.subarray(0, 6)),
    );
    // the copy's features equal the scattering of images shifted by hand
    const net = new PhaseCollapseNetwork({ ...small, widths: [4], shift: 2, copies: 1 });
    const imgs = { data: train.images.data.subarray(0, 4 * 256), shape: [4, 16, 16] };
    const aug = augmentation(4, 1, { ...r, augment: false });
    const got = await (
      net as unknown as { frontEndAsync: (t: unknown, a: unknown) => Promise<{ data: Float32Array }> }
    ).frontEndAsync(imgs, aug);
    const moved = new Float32Array(4 * 256);
    for (let k = 0; k < 4; k++)
      for (let y = 0; y < 16; y++)
        for (let x = 0; x < 16; x++) {
          const ys = y - aug.dy[k];
          const xs = x - aug.dx[k];
          if (ys >= 0 && ys < 16 && xs >= 0 && xs < 16)
            moved[k * 256 + y * 16 + x] = imgs.data[k * 256 + ys * 16 + xs];
        }
    const want = await (
      net as unknown as { frontEndAsync: (t: unknown) => Promise<{ data: Float32Array }> }
    ).frontEndAsync({ data: moved, shape: [4, 16, 16] });
    expect(Array.from(got.data)).toEqual(Array.from(want.data));
    expect(aug.dx.some((d) => d !== 0) || aug.dy.some((d) => d !== 0)).toBe(true);
    // training with copies runs and is reproducible
    const fit = () =>
      new PhaseCollapseNetwork({ ...small, epochs: 2, widths: [4], shift: 1, copies: 2, augment: true }).fit(
        train.images,
        train.labels,
      );
    const [p, q] = [await fit(), await fit()];
    expect(JSON.stringify(p.toJSON().arrays) === JSON.stringify(q.toJSON().arrays)).toBe(true);
    expect(p.options).toMatchObject({ shift: 1, copies: 2, augment: true });
  });

  it("sparse code diagnostics per epoch: lambda* and the atoms that are not silent, as stored in the model", async () => {
    const opts = tinySparse;
    const net = await new SparseScatteringNetwork(opts).fit(train.images, train.labels);
    expect(net.history.length).toBe(3);
    const file = net.toJSON();
    const values = (key: string) => storedValues(file, key);
    const last = net.history[2].diagnostics;
    expect(last?.lambdaStar).toBeCloseTo(Math.exp(values("istc.logLambda")[0]), 12);
    const variances = values("code-std.runningVar");
    expect(last?.activeAtoms).toBe(variances.filter((v) => v > 1e-12).length);
    expect(last?.activeAtoms).toBeGreaterThan(0);
    expect(last?.lambdaStar).not.toBe(net.history[0].diagnostics?.lambdaStar); // lambda* is learned
    // kept in the model file's history; no code, no diagnostics
    expect(loadNetwork(JSON.stringify(file)).history[2].diagnostics).toEqual(last);
    const plain = await new SparseScatteringNetwork({ ...opts, sparseCode: false }).fit(
      train.images,
      train.labels,
    );
    expect(plain.history[2].diagnostics).toBeUndefined();
  });

  it("Fisher ratios per layer, front-end to logits", async () => {
    // the standard architecture (skip, hidden layer) at a small size
    const net = await new SparseScatteringNetwork({
      ...small,
      projection: 8,
      atoms: 16,
      iterations: 3,
      hidden: 12,
    }).fit(train.images, train.labels);
    const f = net.layerFisherRatios(test.images, test.labels);
    expect(f.map((e) => e.layer)).toEqual(["scattering", "projection", "sparse code", "hidden", "logits"]);
    for (const e of f) expect(e.ratio).toBeGreaterThan(0);
    expect(f[3].dimension).toBe(12);
    expect(f[4].dimension).toBe(3);
    expect(f[4].ratio).toBeGreaterThan(f[0].ratio);
  });
});

describe("named errors", () => {
  it("wrong shapes, labels out of range, NaN input, predict before fit, bad files, bad options", async () => {
    const net = new SparseScatteringNetwork({
      ...small,
      projection: 8,
      atoms: 16,
      iterations: 3,
      classes: 3,
    });
    expect(() => net.predict(test.images)).toThrow(NotFittedError);
    expect(() => net.toJSON()).toThrow(NotFittedError);
    await expect(net.fit({ data: new Float32Array(16), shape: [16] }, [0])).rejects.toThrow(ShapeError);
    await expect(net.fit({ data: new Float32Array(10), shape: [1, 4, 4] }, [0])).rejects.toThrow(ShapeError);
    const bad = Int32Array.from(train.labels);
    bad[5] = 3;
    await expect(net.fit(train.images, bad)).rejects.toThrow(/labels\[5\].*\[0, 2\]/);
    await expect(net.fit(train.images, train.labels.subarray(1))).rejects.toThrow(ShapeError);
    const nan = Float32Array.from(train.images.data);
    nan[7] = Number.NaN;
    await expect(net.fit({ data: nan, shape: train.images.shape }, train.labels)).rejects.toThrow(
      ParameterError,
    );
    await net.fit(train.images, train.labels);
    expect(() => net.predict({ data: new Float32Array(2 * 20 * 20), shape: [2, 20, 20] })).toThrow(
      ShapeError,
    );
    expect(() => loadNetwork("{}")).toThrow(FormatError);
    expect(() => loadNetwork("not json")).toThrow(FormatError);
    const file = net.toJSON();
    expect(() => PhaseCollapseNetwork.fromJSON(file)).toThrow(FormatError);
    const cut = JSON.parse(JSON.stringify(file));
    cut.arrays["istc.dictionary"].base64 = cut.arrays["istc.dictionary"].base64.slice(8);
    expect(() => loadNetwork(cut)).toThrow(FormatError);
    expect(() => new PhaseCollapseNetwork({ nonlinearity: "tanh" as never })).toThrow(/nonlinearity/);
    expect(() => new TightFrameNetwork({ nonlinearity: "modulus" as never })).toThrow(ParameterError);
    expect(() => createNetwork("resnet" as never)).toThrow(ParameterError);
    expect(() => new SparseScatteringNetwork({ epochs: 0 })).toThrow(/epochs/);
    expect(existsSync(tmp)).toBe(true);
  });
});
