import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type DemoOptions, parseArgs, USAGE, UsageError } from "./args";
import { loadDemoData } from "./data";
import { type DemoResult, runPipeline } from "./pipeline";
import { formatSeconds, formatTable, type ProgressStream } from "./progress";
import { renderReport } from "./report";

/** Default folder of the HTML report: apps/demo/out. */
export const DEFAULT_REPORT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..", "out");

/** Where the CLI writes: stdout for results, stderr for progress and errors. */
export interface CliIO {
  out: ProgressStream;
  err: ProgressStream;
}

/**
 * The contract's JSON object, keys in the contract's order, then "transform" (FSDD runs: the
 * feature transform, `scattering1d` or `jtfs`; null for the image datasets) and "model",
 * "nonlinearity", "epochs" (null: a linear run; network runs write them through networkJson).
 */
export function jsonResult(r: DemoResult, transform?: string): Record<string, unknown> {
  const { dataset, train, test, accuracy, featureSeconds, trainSeconds, classifier, params } = r;
  return {
    dataset,
    train,
    test,
    accuracy,
    featureSeconds,
    trainSeconds,
    classifier,
    params,
    transform: dataset === "fsdd" ? (transform ?? "scattering1d") : null,
    model: null,
    nonlinearity: null,
    epochs: null,
  };
}

/**
 * The demo CLI: parses `argv`, loads the data, runs the pipeline with progress
 * bars, prints a summary, writes the HTML report and the JSON. Returns the exit
 * code (0 ok, 2 usage error, 1 any other failure) instead of exiting.
 */
export async function main(
  argv: readonly string[],
  env: Record<string, string | undefined> = process.env,
  io: CliIO = { out: process.stdout, err: process.stderr },
): Promise<number> {
  let o: DemoOptions;
  try {
    o = parseArgs(argv, env);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err.write(`error: ${e.message}\n\n${USAGE}`);
      return 2;
    }
    throw e;
  }
  if (o.help) {
    io.out.write(USAGE);
    return 0;
  }
  if (o.model) {
    // learned networks (@scatterkit/networks), loaded only for --model runs
    const { mainNetwork } = await import("./networks-cli");
    return mainNetwork(o, io, DEFAULT_REPORT_DIR);
  }
  try {
    const t0 = performance.now();
    const data = loadDemoData(o);
    const loadSeconds = (performance.now() - t0) / 1000;
    if (!o.quiet) {
      io.err.write(
        `${o.dataset}: ${data.nTrain} train + ${data.nTest} test from ${data.source} (${formatSeconds(loadSeconds)})\n`,
      );
    }
    const run = await runPipeline(data, o, { stream: io.err, quiet: o.quiet });
    run.timings.unshift({ step: "load data", seconds: loadSeconds });
    const r = run.result;
    const k = run.classNames.length;
    const lines: string[] = [];
    lines.push("", `scatterkit demo: ${r.dataset}`, "");
    lines.push(
      formatTable(
        ["dataset", "train", "test", "features", "classifier", "accuracy", "featureSeconds", "trainSeconds"],
        [
          [
            r.dataset,
            r.train,
            r.test,
            `${o.features} ${run.featureShape.join("x")}`,
            r.classifier,
            `${(100 * r.accuracy).toFixed(2)}%`,
            Number(r.featureSeconds.toFixed(2)),
            Number(r.trainSeconds.toFixed(2)),
          ],
        ],
      ),
    );
    lines.push("", "confusion matrix (rows: true class, columns: predicted)", "");
    const short = run.classNames.map((c) => c.slice(0, 7));
    lines.push(
      formatTable(
        ["", ...short.map((_, i) => String(i)), "recall"],
        run.classNames.map((_, a) => {
          const row = Array.from(run.confusion.subarray(a * k, (a + 1) * k));
          const tot = row.reduce((x, y) => x + y, 0);
          return [`${a} ${short[a]}`, ...row, tot ? `${((100 * row[a]) / tot).toFixed(1)}%` : "-"];
        }),
      ),
    );
    lines.push(
      "",
      formatTable(
        ["step", "seconds"],
        run.timings.map((t) => [t.step, Number(t.seconds.toFixed(3))]),
      ),
    );
    if (o.reportDir !== null) {
      const dir = resolve(o.reportDir || DEFAULT_REPORT_DIR);
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `report-${r.dataset}.html`);
      writeFileSync(file, renderReport(run, data));
      lines.push("", `HTML report: ${file}`);
    }
    if (o.json) {
      const file = resolve(o.json);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${JSON.stringify(jsonResult(r, o.transform), null, 2)}\n`);
      lines.push(`JSON: ${file}`);
    }
    io.out.write(`${lines.join("\n")}\n`);
    return 0;
  } catch (e) {
    io.err.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
