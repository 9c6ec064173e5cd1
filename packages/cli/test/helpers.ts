// Helpers of the command-line tests: run the built bin, load .npy files with numpy, compare.
import { type SpawnSyncReturns, spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const pkgDir = resolve(__dirname, "..");
export const bin = join(pkgDir, "dist", "bin.js");
export const examples = join(pkgDir, "examples");

/** The environment of a child without shard variables (unless given). */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith("SLURM_") || k === "JOB_COMPLETION_INDEX") delete env[k];
  return { ...env, ...extra };
}

/** Runs `node dist/bin.js ...args` and waits. */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
  cwd = pkgDir,
): SpawnSyncReturns<string> {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run pnpm build first`);
  return spawnSync(process.execPath, [bin, ...args], {
    cwd,
    env: cleanEnv(env),
    encoding: "utf8",
    timeout: 600_000,
  });
}

/** Starts `node dist/bin.js ...args`; resolves with the exit code (or signal) and stderr. */
export function startCli(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [bin, ...args], {
    cwd: pkgDir,
    env: cleanEnv(env),
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((res) =>
    child.on("close", (code, signal) => res({ code, signal, stderr })),
  );
  return { child, done };
}

export const python = "/usr/bin/python3";
/** True when /usr/bin/python3 imports numpy. */
export const hasNumpy = existsSync(python) && spawnSync(python, ["-c", "import numpy"]).status === 0;

/** Loads `file` with numpy.load; returns its shape, dtype and values (as float32). */
export function numpyLoad(file: string): { shape: number[]; dtype: string; data: Float32Array } {
  const out = `${file}.numpy.bin`;
  const r = spawnSync(
    python,
    [
      "-c",
      "import numpy as np, sys, json\na = np.load(sys.argv[1])\nopen(sys.argv[2], 'wb').write(np.ascontiguousarray(a, dtype='<f4').tobytes())\nprint(json.dumps([list(a.shape), str(a.dtype)]))",
      file,
      out,
    ],
    { encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(`numpy.load(${file}) failed: ${r.stderr}`);
  const [shape, dtype] = JSON.parse(r.stdout) as [number[], string];
  const b = readFileSync(out);
  return { shape, dtype, data: new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)) };
}

/** max |a - b| / max |b|. */
export function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let i = 0; i < b.length; i++) {
    num = Math.max(num, Math.abs(a[i] - b[i]));
    den = Math.max(den, Math.abs(b[i]));
  }
  return num / den;
}

/** The JSON beside a .npy. */
export function readJson(npy: string) {
  return JSON.parse(readFileSync(`${npy}.json`, "utf8"));
}
