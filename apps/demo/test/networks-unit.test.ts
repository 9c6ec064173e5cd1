// runNetwork's bookkeeping with a stand-in estimator (vi.mock of @scatterkit/networks):
// options passed to the model, accuracy and confusion matrix from predictProba, the JSON
// keys, the report data and the model file. The real models run in networks-e2e.test.ts.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it, vi } from "vitest";

const created: { name: string; options: Record<string, unknown> }[] = [];

vi.mock("@scatterkit/networks", () => ({
  createNetwork(name: string, options: Record<string, unknown>) {
    created.push({ name, options });
    const epochs = (options.epochs as number | undefined) ?? 5;
    const net = {
      modelName: name,
      history: [] as unknown[],
      parameterCount: 1234,
      async fit(images: { shape: number[] }, labels: ArrayLike<number>, fo: { validation?: unknown }) {
        expect(images.shape[0]).toBe(labels.length);
        expect(fo.validation).toBeDefined();
        for (let e = 1; e <= epochs; e++) {
          const info = {
            epoch: e,
            epochs,
            loss: 1 / e,
            trainAccuracy: 0.5 + e / 100,
            testAccuracy: 0.4 + e / 100,
            learningRate: 0.1 / e,
            seconds: 2,
            imagesPerSecond: 100,
          };
          net.history.push(info);
          (options.onEpoch as (i: unknown) => void)(info);
        }
        return net;
      },
      // class = (index of the image) mod 3: predictable predictions
      predictProba(images: { shape: number[] }) {
        const n = images.shape[0];
        const p = new Float32Array(n * 10);
        for (let i = 0; i < n; i++) p[i * 10 + (i % 3)] = 1;
        return { data: p, shape: [n, 10] };
      },
      layerFisherRatios(images: { shape: number[] }) {
        return [
          { layer: "scattering", ratio: 0.5, dimension: images.shape[0] },
          { layer: "block 1", ratio: 1.5, dimension: 7 },
        ];
      },
      toJSON() {
        return {
          format: "scatterkit-network",
          version: 1,
          model: name,
          options: { ...options, onEpoch: undefined, epochs, widths: [8] },
          inputShape: [28, 28],
          classes: 10,
          arrays: {},
          history: net.history,
        };
      },
    };
    return net;
  },
}));

const { parseArgs } = await import("../src/args");
const { loadDemoData } = await import("../src/data");
const { networkJson, networkOptions, runNetwork } = await import("../src/networks");

describe("runNetwork (stand-in model)", () => {
  it("passes the demo's options to the model and derives accuracy, confusion and JSON from its outputs", async () => {
    const dir = mkdtempSync(join(tmpdir(), "demo-net-unit-"));
    const o = parseArgs([
      "--model",
      "phase-collapse",
      "--nonlinearity",
      "threshold",
      "--epochs",
      "3",
      "--limit",
      "120",
      "--seed",
      "9",
      "--workers",
      "1",
      "--checkpoint",
      join(dir, "c.ckpt"),
      "--save",
      join(dir, "m.json"),
      "--quiet",
    ]);
    const data = loadDemoData(o);
    const chunks: string[] = [];
    const run = await runNetwork(data, { ...o, quiet: false }, { stream: { write: (s) => chunks.push(s) } });
    const opts = created.at(-1)!;
    expect(opts.name).toBe("phase-collapse");
    expect(opts.options).toMatchObject({
      nonlinearity: "threshold",
      epochs: 3,
      seed: 9,
      workers: 1,
      classes: 10,
      checkpoint: { path: resolve(dir, "c.ckpt"), every: 1, resume: true },
    });
    // three progress lines
    expect(chunks.filter((c) => c.startsWith("epoch ")).length).toBe(3);
    // predictions i mod 3 -> accuracy and confusion from the true labels
    const n = data.nTest;
    let correct = 0;
    const conf = new Int32Array(100);
    for (let i = 0; i < n; i++) {
      if (i % 3 === data.testLabels[i]) correct++;
      conf[data.testLabels[i] * 10 + (i % 3)]++;
    }
    expect(run.result.accuracy).toBe(correct / n);
    expect(Array.from(run.report.confusion)).toEqual(Array.from(conf));
    expect(run.result).toMatchObject({
      model: "phase-collapse",
      nonlinearity: "threshold",
      epochs: 3,
      train: 120,
      test: 20,
    });
    expect(run.report.history.map((e) => e.loss)).toEqual([1, 1 / 2, 1 / 3]);
    expect(run.report.fisher).toEqual([
      { layer: "scattering", ratio: 0.5 },
      { layer: "block 1", ratio: 1.5 },
    ]);
    expect(run.result.params).toMatchObject({
      widths: [8],
      parameterCount: 1234,
      fisherRatios: { scattering: 0.5, "block 1": 1.5 },
      fisherImages: 120,
    });
    expect(run.result.params).not.toHaveProperty("onEpoch");
    expect(Object.keys(networkJson(run.result)).slice(-3)).toEqual(["model", "nonlinearity", "epochs"]);
    const saved = JSON.parse(readFileSync(join(dir, "m.json"), "utf8"));
    expect(saved).toMatchObject({ format: "scatterkit-network", model: "phase-collapse", classes: 10 });
  });

  it("maps sparse-scattering's istc/none to the sparseCode switch and leaves unset options to the standard run", () => {
    expect(networkOptions(parseArgs(["--model", "sparse-scattering"]))).toEqual({
      workers: 2,
      sparseCode: true,
    });
    expect(networkOptions(parseArgs(["--model", "sparse-scattering", "--nonlinearity", "none"]))).toEqual({
      workers: 2,
      sparseCode: false,
    });
    expect(networkOptions(parseArgs(["--model", "tight-frame"]))).toEqual({
      workers: 2,
      nonlinearity: "relu",
    });
    expect(networkOptions(parseArgs(["--model", "tight-frame", "--cache", "c/d"]))).toEqual({
      workers: 2,
      nonlinearity: "relu",
      cacheDir: resolve("c/d"),
    });
    // MNIST: no mirrored digits, the rest of the standard run (translations included) kept
    expect(
      networkOptions(parseArgs(["--model", "phase-collapse", "--dataset", "mnist", "--data-dir", "x"])),
    ).toEqual({ workers: 2, nonlinearity: "modulus", augment: false });
  });
});
