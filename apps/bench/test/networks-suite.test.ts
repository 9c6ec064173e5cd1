import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeSample } from "../../demo/src/sample";
import { suites } from "../src/suites/index";
import { CASES, decodeEmbeddedSample, experiment, recordedRows, spreadTensor } from "../src/suites/networks";

const SAMPLE = join(__dirname, "..", "..", "demo", "data", "fashion-mnist-sample.bin.gz");

describe("networks suite", () => {
  it("is registered and lists the ablation cases", () => {
    expect(Object.keys(suites)).toContain("networks");
    expect(CASES.map((c) => c.name)).toEqual([
      "phase-collapse-modulus",
      "phase-collapse-threshold",
      "phase-collapse-relu",
      "sparse-scattering-istc",
      "sparse-scattering-none",
      "tight-frame-relu",
      "tight-frame-soft-threshold",
    ]);
  });

  it("decodes the demo's embedded sample as the demo does, and spreads images evenly", () => {
    const bytes = readFileSync(SAMPLE);
    const mine = decodeEmbeddedSample(bytes);
    const demo = decodeSample(bytes);
    expect(mine.train.count).toBe(demo.train.count);
    expect(mine.test.count).toBe(demo.test.count);
    expect(Buffer.compare(Buffer.from(mine.train.images), Buffer.from(demo.train.images))).toBe(0);
    expect(Array.from(mine.test.labels)).toEqual(Array.from(demo.test.labels));
    const t = spreadTensor(mine.test, 4); // images 0, 250, 500, 750 of 1,000
    expect(t.images.shape).toEqual([4, 28, 28]);
    expect(t.labels[2]).toBe(mine.test.labels[500]);
    expect(t.images.data[2 * 784 + 400]).toBeCloseTo(mine.test.images[500 * 784 + 400] / 255, 7);
  });

  it("the learning-rate search trains every case once per rate and selects on validation images", async () => {
    const mine = decodeEmbeddedSample(readFileSync(SAMPLE));
    const data = {
      train: spreadTensor(mine.train, 60),
      validation: spreadTensor(mine.train, 40, 1),
      test: spreadTensor(mine.test, 30),
      source: "sample",
    };
    // offset 1 takes other images than offset 0
    expect(data.validation.images.data[0]).toBe(mine.train.images[1 * 784] / 255);
    const r = await experiment(
      {
        train: 60,
        test: 30,
        epochs: 1,
        workers: 1,
        cases: ["sparse-scattering-none"],
        learningRates: [0.001, 0.1],
      },
      data,
    );
    expect(r.rows.map((x) => (x.params as { learningRate: number }).learningRate)).toEqual([0.001, 0.1]);
    const selected = r.rows.filter((x) => x.selected);
    expect(selected.length).toBe(1);
    const best = Math.max(...r.rows.map((x) => x.validationAccuracy as number));
    expect(selected[0].validationAccuracy).toBe(best);
    for (const row of r.rows)
      expect((row.validationAccuracy as number) * 40).toBeCloseTo(
        Math.round((row.validationAccuracy as number) * 40),
        9,
      );
    expect(r.notes?.[0]).toContain("learning rate searched over 0.001, 0.1");
  });

  it("experiment on a tiny subset gives one row per case with finite measurements", async () => {
    const r = await experiment({
      train: 60,
      test: 30,
      epochs: 1,
      workers: 1,
      cases: ["phase-collapse-relu", "sparse-scattering-none"],
    });
    expect(r.suite).toBe("networks");
    expect(r.rows.map((x) => x.case)).toEqual(["phase-collapse-relu", "sparse-scattering-none"]);
    for (const row of r.rows) {
      expect(row.params).toMatchObject({ train: 60, test: 30, epochs: 1 });
      const acc = row.accuracy as number;
      expect(acc * 30).toBeCloseTo(Math.round(acc * 30), 9); // a count of 30
      expect(acc).toBeGreaterThanOrEqual(0);
      expect(acc).toBeLessThanOrEqual(1);
      for (const k of ["medianSeconds", "trainSeconds", "inferenceImagesPerSecond", "finalLoss"]) {
        expect(Number.isFinite(row[k] as number) && (row[k] as number) > 0, k).toBe(true);
      }
      const fisher = Object.values(row.fisher as Record<string, number>);
      expect(fisher.length).toBeGreaterThanOrEqual(2);
      for (const f of fisher) expect(Number.isFinite(f) && f >= 0).toBe(true);
    }
    expect(r.notes?.some((n) => n.includes("relu"))).toBe(true);
  });

  it("reads the networks package's recorded runs into rows (and ignores other files)", () => {
    const dir = mkdtempSync(join(tmpdir(), "bench-rec-"));
    writeFileSync(
      join(dir, "fashion-mnist-phase-collapse.json"),
      JSON.stringify({
        model: "phase-collapse",
        dataset: "fashion-mnist",
        train: 60000,
        test: 10000,
        options: { nonlinearity: "modulus", epochs: 3, workers: 2 },
        parameters: 1234,
        accuracy: 0.9312,
        trainMinutes: 1.5,
        inferenceImagesPerSecond: 800,
        fisher: [
          { layer: "scattering", ratio: 1.23456 },
          { layer: "logits", ratio: 7 },
        ],
        history: [
          { loss: 1, seconds: 30, imagesPerSecond: 2000 },
          { loss: 0.5, seconds: 32, imagesPerSecond: 1900 },
          { loss: 0.25, seconds: 40, imagesPerSecond: 1500 },
        ],
      }),
    );
    writeFileSync(join(dir, "notes.json"), JSON.stringify({ hello: 1 }));
    writeFileSync(join(dir, "broken.json"), "{");
    const rows = recordedRows(dir);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      case: "recorded-fashion-mnist-phase-collapse",
      params: { model: "phase-collapse", nonlinearity: "modulus", train: 60000, test: 10000, epochs: 3 },
      medianSeconds: 32,
      accuracy: 0.9312,
      trainSeconds: 90,
      trainImagesPerSecond: 1900,
      inferenceImagesPerSecond: 800,
      parameterCount: 1234,
      finalLoss: 0.25,
      fisher: { scattering: 1.235, logits: 7 },
    });
    expect(recordedRows(join(dir, "absent"))).toEqual([]);
  });
});
