import { describe, expect, it } from "vitest";
import { parseArgs } from "../src/args";
import { loadDemoData } from "../src/data";
import { runPipeline } from "../src/pipeline";

describe("logistic fit with --workers 2 (LogisticRegression.fitAsync)", () => {
  it("predicts exactly what the single-thread fit (--workers 1) predicts", async () => {
    const run = async (workers: string) => {
      const o = parseArgs([
        "--limit",
        "240",
        "--max-iter",
        "40",
        "--workers",
        workers,
        "--no-report",
        "--quiet",
      ]);
      return runPipeline(loadDemoData(o), o);
    };
    const one = await run("1");
    const two = await run("2");
    expect(one.result.params.fitThreads).toBe(1);
    expect(two.result.params.fitThreads).toBe(2);
    expect(one.timings.map((t) => t.step)).toContain("fit logistic");
    expect(two.timings.map((t) => t.step)).toContain("fit logistic (2 threads)");
    expect(two.result.accuracy).toBeGreaterThan(0.5); // chance is 0.1
    expect(two.result.accuracy).toBe(one.result.accuracy);
    expect(Array.from(two.predictions)).toEqual(Array.from(one.predictions));
  });
});
