import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseArgs } from "../src/args";
import { loadDemoData } from "../src/data";
import { main } from "../src/main";
import { runPipeline } from "../src/pipeline";

const SHARED = join(__dirname, "..", "..", "..", "..", "shared", "datasets");
const sink = () => {
  const chunks: string[] = [];
  return { chunks, stream: { write: (s: string) => chunks.push(s), isTTY: false } };
};

describe("pipeline on a tiny subset of the embedded sample", () => {
  it("scattering + scaler + logistic regression is far above chance", async () => {
    const o = parseArgs(["--limit", "420", "--max-iter", "60", "--workers", "1", "--no-report", "--quiet"]);
    const data = loadDemoData(o);
    expect([data.nTrain, data.nTest]).toEqual([420, 70]);
    const run = await runPipeline(data, o);
    expect(run.featureShape).toEqual([81, 7, 7]);
    expect(run.result.accuracy).toBeGreaterThan(0.6); // chance is 0.1
    // the confusion matrix counts every test item once, its diagonal the correct ones
    const k = 10;
    let total = 0;
    let diag = 0;
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) total += run.confusion[a * k + b];
      diag += run.confusion[a * k + a];
    }
    expect(total).toBe(70);
    expect(diag / total).toBeCloseTo(run.result.accuracy, 12);
  });
});

describe("main (CLI)", () => {
  it("writes the contract's JSON keys and an HTML report", async () => {
    const dir = mkdtempSync(join(tmpdir(), "demo-"));
    const out = sink();
    const err = sink();
    const code = await main(
      [
        "--limit",
        "300",
        "--workers",
        "1",
        "--json",
        join(dir, "r.json"),
        "--report",
        dir,
        "--classifier",
        "affine",
        "--dim",
        "10",
      ],
      {},
      { out: out.stream, err: err.stream },
    );
    expect(code).toBe(0);
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
      "transform",
      "model",
      "nonlinearity",
      "epochs",
    ]);
    expect(j).toMatchObject({ dataset: "sample", train: 300, test: 50, classifier: "affine" });
    expect(j).toMatchObject({ transform: null, model: null, nonlinearity: null, epochs: null });
    expect(j.accuracy).toBeGreaterThan(0.4);
    expect(j.accuracy).toBeLessThanOrEqual(1);
    expect(j.params).toMatchObject({ J: 2, L: 8, featureDim: 3969, dim: 10 });
    const html = readFileSync(join(dir, "report-sample.html"), "utf8");
    expect(html).toContain("Confusion matrix");
    expect(html).toMatch(/data:image\/png;base64,/);
    expect(out.chunks.join("")).toMatch(/scatterkit demo: sample/);
    expect(err.chunks.join("")).toMatch(/scattering images/);
  });

  it("reuses cached features with --cache (same features, original featureSeconds)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "demo-cache-"));
    const args = ["--limit", "120", "--workers", "1", "--classifier", "affine", "--dim", "5", "--cache", dir];
    const io = { out: sink().stream, err: sink().stream };
    expect(await main([...args, "--json", join(dir, "a.json"), "--no-report", "--quiet"], {}, io)).toBe(0);
    const err = sink();
    expect(
      await main(
        [...args, "--json", join(dir, "b.json"), "--no-report"],
        {},
        { out: sink().stream, err: err.stream },
      ),
    ).toBe(0);
    expect(err.chunks.join("")).toMatch(/features read from .*sample-log-120-J2-L8\.f32/);
    const a = JSON.parse(readFileSync(join(dir, "a.json"), "utf8"));
    const b = JSON.parse(readFileSync(join(dir, "b.json"), "utf8"));
    expect(b.featureSeconds).toBe(a.featureSeconds);
    expect(b.accuracy).toBe(a.accuracy);
  });

  it("returns 2 with a clear message for a bad command line, 1 for a missing data folder", async () => {
    const err = sink();
    const io = { out: sink().stream, err: err.stream };
    expect(await main(["--dataset", "fsdd"], {}, io)).toBe(2);
    expect(err.chunks.join("")).toMatch(/Invalid --data-dir: got undefined/);
    expect(await main(["--dataset", "mnist", "--data-dir", "/no/such/dir", "--quiet"], {}, io)).toBe(1);
    expect(err.chunks.join("")).toMatch(/No mnist IDX files in "\/no\/such\/dir"/);
  });

  const fsdd = join(SHARED, "fsdd");
  it.skipIf(!existsSync(fsdd))(
    "runs FSDD on a subset (skipped when ../shared/datasets is absent)",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "demo-"));
      const code = await main(
        [
          "--dataset",
          "fsdd",
          "--data-dir",
          SHARED,
          "--limit",
          "200",
          "--max-iter",
          "100",
          "--workers",
          "1",
          "--json",
          join(dir, "f.json"),
          "--no-report",
          "--quiet",
        ],
        {},
        { out: sink().stream, err: sink().stream },
      );
      expect(code).toBe(0);
      const j = JSON.parse(readFileSync(join(dir, "f.json"), "utf8"));
      expect(j).toMatchObject({ dataset: "fsdd", train: 200, test: 34 });
      expect(j.accuracy).toBeGreaterThan(0.5);
    },
  );
});
