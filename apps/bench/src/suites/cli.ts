/**
 * `cli` suite (@scatterkit/cli): the `scatterkit` command on real files, run as a child process
 * of the built bin (packages/cli/dist/bin.js), the way a user runs it.
 *
 * Cases:
 * - fashion-png-10000 / fashion-png-70000: Scattering2D (J=2, L=8) of Fashion-MNIST images
 *   written as 28x28 grey PNGs (train then test order) by packages/cli/scripts/write-examples.mjs;
 *   peak RSS should stay flat from 10,000 to 70,000 files (the run streams);
 * - fsdd-all: Scattering1D (J=6, Q=8) of every FSDD recording, --length 8192;
 * - resume-fashion-png-10000: the 10,000-file run killed (SIGKILL) at about 50% of its rows, then
 *   `--resume`: `identical` says whether the .npy bytes equal the uninterrupted run's.
 * Columns: files, filesPerSecond (files / wall seconds of the process, start-up included),
 * peakRssMiB (the process's maximum resident set, worker threads included, from the run's
 * JSON), rows, skipped. medianSeconds = wall seconds of the run.
 *
 * --quick: 300 PNGs and 100 FSDD recordings. BENCH_CLI_COUNTS (comma-separated, default
 * "10000,70000") sets the PNG folder sizes; BENCH_CLI_DIR (default <tmp>/scatterkit-bench-cli)
 * holds the PNG folders (kept between runs) and the outputs.
 * Data: $SCATTERKIT_DATA or ../shared/datasets (fashion-mnist/*.gz, fsdd/recordings).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchOptions, BenchResult, BenchRow } from "../types";

const here = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(here, "..", "..", "..", "..");
const CLI = join(REPO, "packages", "cli");
const BIN = join(CLI, "dist", "bin.js");

/** The fields of a run's FILE.npy.json the suite reads. */
interface RunJson {
  rows: number;
  skipped: unknown[];
  timings: { peakRssMiB?: number };
}

function dataDir(): string {
  return process.env.SCATTERKIT_DATA ?? resolve(REPO, "..", "shared", "datasets");
}

/** A folder of the first `count` Fashion-MNIST images as PNGs (written once, then reused). */
function pngFolder(base: string, count: number): string {
  const dir = join(base, `fashion-png-${count}`);
  if (existsSync(dir) && readdirSync(dir).length === count) return dir;
  rmSync(dir, { recursive: true, force: true });
  const r = spawnSync(
    process.execPath,
    [
      join(CLI, "scripts", "write-examples.mjs"),
      "--data",
      dataDir(),
      "--fashion-png",
      dir,
      "--count",
      String(count),
    ],
    {
      encoding: "utf8",
    },
  );
  if (r.status !== 0) throw new Error(`write-examples.mjs failed: ${r.stderr}`);
  return dir;
}

/** Runs the bin; kills it with SIGKILL once its JSON records `killAtRows` rows (if given). */
async function runBin(
  args: string[],
  out: string,
  killAtRows?: number,
): Promise<{ seconds: number; code: number | null; json: RunJson }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, ...args, "--progress", "lines", "--out", out], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let tail = "";
  child.stderr.on("data", (d) => {
    tail = (tail + d).slice(-4000);
  });
  let timer: NodeJS.Timeout | undefined;
  if (killAtRows !== undefined) {
    timer = setInterval(() => {
      try {
        if (JSON.parse(readFileSync(`${out}.json`, "utf8")).rows >= killAtRows) child.kill("SIGKILL");
      } catch {
        // not yet written, or being replaced
      }
    }, 100);
  }
  const code = await new Promise<number | null>((res) => child.on("close", (c) => res(c)));
  if (timer) clearInterval(timer);
  const seconds = (performance.now() - t0) / 1000;
  if (killAtRows === undefined && code !== 0)
    throw new Error(`scatterkit ${args.join(" ")} exited with ${code}: ${tail}`);
  return { seconds, code, json: JSON.parse(readFileSync(`${out}.json`, "utf8")) };
}

function row(
  name: string,
  params: Record<string, unknown>,
  files: number,
  r: { seconds: number; json: RunJson },
): BenchRow {
  return {
    suite: "cli",
    case: name,
    params,
    medianSeconds: r.seconds,
    files,
    filesPerSecond: files / r.seconds,
    peakRssMiB: r.json.timings.peakRssMiB,
    rows: r.json.rows,
    skipped: r.json.skipped.length,
  };
}

export async function run(opts: BenchOptions): Promise<BenchResult> {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run pnpm build`);
  const base = process.env.BENCH_CLI_DIR ?? join(tmpdir(), "scatterkit-bench-cli");
  mkdirSync(base, { recursive: true });
  const counts = opts.quick ? [300] : (process.env.BENCH_CLI_COUNTS ?? "10000,70000").split(",").map(Number);
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  const image = ["features", "--transform", "scattering2d", "--J", "2", "--L", "8"];
  for (const count of counts) {
    const dir = pngFolder(base, count);
    const out = join(base, `fashion-${count}.npy`);
    const r = await runBin([...image, dir], out);
    rows.push(
      row(`fashion-png-${count}`, { transform: "scattering2d", J: 2, L: 8, shape: [28, 28] }, count, r),
    );
    console.log(`fashion-png-${count}: ${r.seconds.toFixed(1)} s, peak RSS ${r.json.timings.peakRssMiB} MiB`);
  }
  // kill at about half of the first folder's rows, then resume
  {
    const count = counts[0];
    const dir = pngFolder(base, count);
    const whole = join(base, `fashion-${count}.npy`);
    const out = join(base, `fashion-${count}-resumed.npy`);
    rmSync(out, { force: true }); // a JSON left by an earlier bench run would be read as progress
    rmSync(`${out}.json`, { force: true });
    const killed = await runBin([...image, dir], out, Math.floor(count / 2));
    const resumed = await runBin([...image, "--resume", dir], out);
    const identical = readFileSync(out).equals(readFileSync(whole));
    rows.push({
      ...row(
        `resume-fashion-png-${count}`,
        { killedAtRows: killed.json.rows, killExit: killed.code },
        count,
        {
          seconds: killed.seconds + resumed.seconds,
          json: resumed.json,
        },
      ),
      identical,
    });
    notes.push(
      `resume: killed (SIGKILL) with ${killed.json.rows} of ${count} rows checkpointed; --resume gave ${identical ? "the same" : "DIFFERENT"} .npy bytes as the uninterrupted run`,
    );
  }
  const recordings = join(dataDir(), "fsdd", "recordings");
  if (existsSync(recordings)) {
    let dir = recordings;
    let files = readdirSync(recordings).filter((f) => f.endsWith(".wav")).length;
    if (opts.quick) {
      dir = join(base, "fsdd-quick");
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir);
      for (const f of readdirSync(recordings).sort().slice(0, 100))
        spawnSync("cp", [join(recordings, f), dir]);
      files = 100;
    }
    const r = await runBin(
      ["features", "--transform", "scattering1d", "--J", "6", "--Q", "8", "--length", "8192", dir],
      join(base, "fsdd.npy"),
    );
    rows.push(row("fsdd-all", { transform: "scattering1d", J: 6, Q: 8, length: 8192 }, files, r));
  } else notes.push(`FSDD recordings not found in ${recordings}: fsdd case skipped`);
  return { suite: "cli", rows, notes };
}
