// End to end through the demo's code path (main -> networks-cli -> runNetwork -> report):
// a tiny network run on Fashion-MNIST (../shared/datasets when present, else the embedded
// sample), one epoch, with JSON, report, model file and checkpoint.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadNetwork } from "@scatterkit/networks";
import { describe, expect, it } from "vitest";
import { parseArgs } from "../src/args";
import { loadDemoData } from "../src/data";
import { main } from "../src/main";
import { argmaxRows, formatEpoch, imageTensor } from "../src/networks";

const SHARED = join(__dirname, "..", "..", "..", "..", "shared", "datasets", "fashion-mnist");
const DATA = existsSync(join(SHARED, "train-images-idx3-ubyte.gz"))
  ? ["--dataset", "fashion-mnist", "--data-dir", SHARED]
  : ["--dataset", "sample"];
const sink = () => {
  const chunks: string[] = [];
  return { text: () => chunks.join(""), stream: { write: (s: string) => chunks.push(s), isTTY: false } };
};

describe("demo --model (tiny end-to-end run)", () => {
  it("trains one epoch on 300/50 images and writes JSON, report, model file and checkpoint that agree", async () => {
    const dir = mkdtempSync(join(tmpdir(), "demo-net-"));
    const args = [
      ...DATA,
      "--model",
      "phase-collapse",
      "--epochs",
      "1",
      "--limit",
      "300",
      "--workers",
      "1",
      "--seed",
      "3",
      "--checkpoint",
      join(dir, "run.ckpt"),
    ];
    const out = sink();
    const err = sink();
    const code = await main(
      [...args, "--json", join(dir, "r.json"), "--report", dir, "--save", join(dir, "model.json")],
      {},
      { out: out.stream, err: err.stream },
    );
    expect(code, err.text()).toBe(0);
    // per-epoch progress line: loss, train and test accuracy, time
    expect(err.text()).toMatch(
      /epoch 1\/1 {2}loss \d+\.\d{4} {2}train +\d+\.\d\d% {2}test +\d+\.\d\d% {2}lr /,
    );
    const j = JSON.parse(readFileSync(join(dir, "r.json"), "utf8"));
    expect(Object.keys(j)).toEqual([
      "dataset",
      "train",
      "test",
      "accuracy",
      "featureSeconds",
      "trainSeconds",
      "classifier",
      "params",
      "model",
      "nonlinearity",
      "epochs",
    ]);
    expect(j).toMatchObject({
      train: 300,
      test: 50,
      model: "phase-collapse",
      nonlinearity: "modulus",
      epochs: 1,
    });
    expect(j.params.history).toHaveLength(1);
    // the phase collapse standard run predicts with test-time flips (it trains with flips): the
    // reported accuracy is the flip-averaged one; the per-epoch validation is without (checked below)
    expect(j.params.testTimeFlips).toBe(true);
    expect(Object.keys(j.params.fisherRatios).length).toBeGreaterThanOrEqual(2);
    for (const v of Object.values(j.params.fisherRatios)) expect(Number.isFinite(v as number)).toBe(true);

    // the saved model file reproduces the reported accuracy on the same test images
    const o = parseArgs([...args]);
    const data = loadDemoData(o);
    const net = loadNetwork(readFileSync(join(dir, "model.json"), "utf8"));
    const Xte = imageTensor(data, data.nTrain, data.nTrain + data.nTest);
    const pred = argmaxRows(net.predictProba(Xte));
    let correct = 0;
    for (let i = 0; i < pred.length; i++) if (pred[i] === data.testLabels[i]) correct++;
    expect(correct / data.nTest).toBe(j.accuracy);
    expect(Array.from(net.predict(Xte))).toEqual(Array.from(pred));
    net.testTimeFlips = false;
    const plain = net.predict(Xte);
    let plainCorrect = 0;
    for (let i = 0; i < plain.length; i++) if (plain[i] === data.testLabels[i]) plainCorrect++;
    expect(plainCorrect / data.nTest).toBeCloseTo(j.params.history[0].testAccuracy, 5);

    // the report holds the curves, the confusion matrix and the Fisher ratios of this run
    const html = readFileSync(join(dir, `report-${j.dataset}-phase-collapse.html`), "utf8");
    expect(html).toContain('<polyline data-series="train loss"');
    expect(html).toContain('<table class="confusion">');
    expect(html.match(/<img class="px" width="84" src="data:image\/png;base64,/g)?.length).toBe(8);
    for (const layer of Object.keys(j.params.fisherRatios)) expect(html).toContain(`data-layer="${layer}"`);
    expect(html).toContain(`${(100 * j.accuracy).toFixed(2)}% test accuracy`);

    // same command again: the checkpoint of the finished run is resumed, nothing is retrained,
    // and the result is the same
    const again = sink();
    expect(
      await main(
        [...args, "--json", join(dir, "r2.json"), "--no-report"],
        {},
        { out: sink().stream, err: again.stream },
      ),
    ).toBe(0);
    const j2 = JSON.parse(readFileSync(join(dir, "r2.json"), "utf8"));
    expect(j2.accuracy).toBe(j.accuracy);
    expect(j2.params.history).toEqual(j.params.history);
  });

  it("formats one epoch as a progress line", () => {
    expect(
      formatEpoch({
        epoch: 3,
        epochs: 12,
        loss: 0.41234,
        trainAccuracy: 0.88123,
        testAccuracy: 0.879,
        learningRate: 0.05,
        seconds: 41.2,
        imagesPerSecond: 1456.4,
      }),
    ).toBe("epoch  3/12  loss 0.4123  train 88.12%  test 87.90%  lr 0.0500  41.2s  1456 img/s");
    const e = {
      epoch: 1,
      epochs: 2,
      loss: 1,
      trainAccuracy: 0.5,
      learningRate: 0.02,
      seconds: 2,
      imagesPerSecond: 10,
    };
    expect(formatEpoch({ ...e, diagnostics: { lambdaStar: 1.19487, activeAtoms: 0 } })).toBe(
      "epoch 1/2  loss 1.0000  train 50.00%  test    -     lr 0.0200  2.00s  10 img/s  lambdaStar 1.19  activeAtoms 0",
    );
  });
});
