/**
 * Progress reporting: a bar with rate and ETA (cli-progress) on a terminal, plain lines at
 * most every few seconds otherwise (logs of batch engines), nothing when quiet.
 * @module
 */
import cliProgress from "cli-progress";

/** What a run reports to. */
export interface Progress {
  /** Sets the number of files done (processed or skipped) and skipped. */
  update(done: number, skipped: number): void;
  /** A message line (e.g. a skipped file) that does not break the bar. */
  log(line: string): void;
  /** Final state. */
  stop(): void;
}

/** Seconds as "1h02m", "3m05s" or "12.3 s". */
export function formatSeconds(s: number): string {
  if (!Number.isFinite(s)) return "?";
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m${String(Math.floor(s % 60)).padStart(2, "0")}s`;
  return `${s.toFixed(1)} s`;
}

/**
 * A progress reporter over `total` files writing to `stream`: a cli-progress bar when `mode` is
 * "bar", plain lines (every `every` seconds and at 10% steps) for "lines", only messages for
 * "none". `start` counts files already done (a resumed run).
 */
export function makeProgress(
  mode: "bar" | "lines" | "none",
  total: number,
  stream: NodeJS.WritableStream,
  label: string,
  start = 0,
  every = 10,
): Progress {
  const t0 = performance.now();
  const rate = (done: number) => (done - start) / Math.max(1e-9, (performance.now() - t0) / 1000);
  if (mode === "bar") {
    const multi = new cliProgress.MultiBar(
      {
        stream: stream as NodeJS.WriteStream,
        format: `${label} {bar} {percentage}% | {value}/{total} files | {speed} files/s | ETA {etaText} | {skipped} skipped`,
        hideCursor: true,
        clearOnComplete: false,
        fps: 5,
      },
      cliProgress.Presets.shades_classic,
    );
    const bar = multi.create(total, start, { speed: "0", etaText: "?", skipped: 0 });
    return {
      update(done, skipped) {
        const r = rate(done);
        bar.update(done, {
          speed: r.toFixed(1),
          etaText: formatSeconds(r > 0 ? (total - done) / r : Number.NaN),
          skipped,
        });
      },
      log(line) {
        multi.log(`${line}\n`);
        multi.update(); // written now, above the bar (not at the next redraw)
      },
      stop: () => multi.stop(),
    };
  }
  let last = performance.now();
  let lastStep = Math.floor((10 * start) / Math.max(1, total));
  let state = { done: start, skipped: 0 };
  const line = () => {
    const r = rate(state.done);
    const pct = total > 0 ? (100 * state.done) / total : 100;
    return `${label} ${state.done}/${total} files (${pct.toFixed(1)}%), ${r.toFixed(1)} files/s, ETA ${formatSeconds(r > 0 ? (total - state.done) / r : Number.NaN)}, ${state.skipped} skipped\n`;
  };
  return {
    update(done, skipped) {
      state = { done, skipped };
      if (mode === "none") return;
      const step = Math.floor((10 * done) / Math.max(1, total));
      const now = performance.now();
      if (step > lastStep || now - last >= every * 1000) {
        lastStep = step;
        last = now;
        stream.write(line());
      }
    },
    log: (l) => stream.write(`${l}\n`),
    stop() {},
  };
}
