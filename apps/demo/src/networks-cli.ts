// The CLI side of a network run (`pnpm demo -- --model NAME ...`): loads the data, trains
// with per-epoch progress lines, prints the summary, the confusion matrix, the Fisher ratio
// per layer and the timings, writes the HTML report and the JSON. Called by main.ts.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { DemoOptions } from "./args";
import { loadDemoData } from "./data";
import { networkJson, runNetwork } from "./networks";
import { formatSeconds, formatTable, type ProgressStream } from "./progress";
import { renderNetworkReport } from "./report-networks";

/**
 * Runs `o.model` on `o.dataset` and prints the results to `io.out` (progress to `io.err`);
 * writes `report-<dataset>-<model>.html` into `reportDir` (unless `o.reportDir` is null) and
 * the JSON to `o.json`. Returns the exit code (0 ok, 1 failure).
 */
export async function mainNetwork(
  o: DemoOptions,
  io: { out: ProgressStream; err: ProgressStream },
  defaultReportDir: string,
): Promise<number> {
  try {
    const t0 = performance.now();
    const data = loadDemoData(o);
    const loadSeconds = (performance.now() - t0) / 1000;
    if (!o.quiet) {
      io.err.write(
        `${o.dataset}: ${data.nTrain} train + ${data.nTest} test from ${data.source} (${formatSeconds(loadSeconds)})\n`,
      );
    }
    const run = await runNetwork(data, o, { stream: io.err, quiet: o.quiet });
    run.timings.unshift({ step: "load data", seconds: loadSeconds });
    const r = run.result;
    const k = data.classNames.length;
    const lines: string[] = [];
    lines.push("", `scatterkit demo: ${r.model} (${r.nonlinearity}) on ${r.dataset}`, "");
    lines.push(
      formatTable(
        [
          "dataset",
          "train",
          "test",
          "model",
          "nonlinearity",
          "epochs",
          "accuracy",
          "trainSeconds",
          "images/s",
        ],
        [
          [
            r.dataset,
            r.train,
            r.test,
            r.model,
            r.nonlinearity,
            r.epochs,
            `${(100 * r.accuracy).toFixed(2)}%`,
            Number(r.trainSeconds.toFixed(1)),
            Math.round(run.report.imagesPerSecond ?? 0),
          ],
        ],
      ),
    );
    lines.push("", "confusion matrix (rows: true class, columns: predicted)", "");
    const short = data.classNames.map((c) => c.slice(0, 7));
    lines.push(
      formatTable(
        ["", ...short.map((_, i) => String(i)), "recall"],
        data.classNames.map((_, a) => {
          const row = Array.from(run.report.confusion.subarray(a * k, (a + 1) * k));
          const tot = row.reduce((x, y) => x + y, 0);
          return [`${a} ${short[a]}`, ...row, tot ? `${((100 * row[a]) / tot).toFixed(1)}%` : "-"];
        }),
      ),
    );
    lines.push(
      "",
      formatTable(
        ["layer", "Fisher ratio"],
        run.report.fisher.map((f) => [f.layer, Number(f.ratio.toPrecision(5))]),
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
      const dir = resolve(o.reportDir || defaultReportDir);
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `report-${r.dataset}-${r.model}.html`);
      writeFileSync(file, renderNetworkReport(run.report));
      lines.push("", `HTML report: ${file}`);
    }
    if (o.save) lines.push(`model file: ${resolve(o.save)}`);
    if (o.json) {
      const file = resolve(o.json);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${JSON.stringify(networkJson(r), null, 2)}\n`);
      lines.push(`JSON: ${file}`);
    }
    io.out.write(`${lines.join("\n")}\n`);
    return 0;
  } catch (e) {
    io.err.write(`error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
