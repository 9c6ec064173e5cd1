/**
 * `linalg` suite (@scatterkit/linalg and the classifiers that use it).
 *
 * 1. GEMM GFLOP/s (2 m n k flops per product) at the sizes the library uses, beside
 *    NumPy's `@` timed in the same run (/usr/bin/python3, Debian's python3-numpy on
 *    OpenBLAS): 3000x3969 by 3969x10 (logistic-regression scores), its gradient
 *    10x3000 by 3000x3969 (R^T X), 1024^3, and a batch of 32 products 49x256 by 256x1024.
 * 2. Classifier fits beside scikit-learn's on the issue's features: Scattering2D (J=2,
 *    L=8) of the first 4000 Fashion-MNIST training images, log(|Sx| + 1e-6), 3969 values
 *    per image, Float32; the first 3000 train, the next 1000 test; StandardScaler then
 *    LogisticRegression(C=1, maxIter=100). Ours: fit (one thread) and fitAsync (2 threads);
 *    scikit-learn: StandardScaler + LogisticRegression(C=1, max_iter=100, lbfgs). Seconds for
 *    scaler + fit, test accuracy. The features are computed once and cached in the OS temp
 *    folder. The data folder is SCATTERKIT_DATA or ../shared/datasets/fashion-mnist.
 * `--quick`: small GEMM sizes, no Python, no classifier fits.
 * Progress goes to stderr.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { LinearSVC, LogisticRegression, StandardScaler } from "@scatterkit/classifiers";
import { loadMnistLike } from "@scatterkit/datasets";
import { PackedRows, gemm, getEngineName } from "@scatterkit/linalg";
import type { BenchOptions, BenchResult, BenchRow } from "../types";
import { type MeasureOptions, measure, now } from "../util";

const PYTHON = existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

interface GemmCase {
  key: string;
  m: number;
  n: number;
  k: number;
  transA: boolean;
  transB: boolean;
  dtype: "float32" | "float64";
  batch: number;
}

const NUMPY_GEMM = `
import json, sys, time
import numpy as np
cases = json.load(sys.stdin)
out = {}
rng = np.random.default_rng(1)
for c in cases:
    dt = np.float32 if c["dtype"] == "float32" else np.float64
    m, n, k, b = c["m"], c["n"], c["k"], c["batch"]
    ash = (k, m) if c["transA"] else (m, k)
    bsh = (n, k) if c["transB"] else (k, n)
    A = (rng.random((b,) + ash) - 0.5).astype(dt) if b > 1 else (rng.random(ash) - 0.5).astype(dt)
    B = (rng.random(bsh) - 0.5).astype(dt)
    opA = np.swapaxes(A, -1, -2) if c["transA"] else A
    opB = B.T if c["transB"] else B
    f = lambda: opA @ opB
    for _ in range(2):
        f()
    inner = 1
    while True:
        t0 = time.perf_counter()
        for _ in range(inner):
            f()
        dt_ = time.perf_counter() - t0
        if dt_ > 0.2 or inner > 1000:
            break
        inner *= 2
    samples = []
    for _ in range(7):
        t0 = time.perf_counter()
        for _ in range(inner):
            f()
        samples.append((time.perf_counter() - t0) / inner)
    samples.sort()
    out[c["key"]] = samples[len(samples) // 2]
print(json.dumps({"numpy": np.__version__, "seconds": out}))
`;

const SKLEARN_FIT = `
import json, sys, time
import numpy as np
import sklearn
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression
import warnings
warnings.filterwarnings("ignore")
a = json.load(sys.stdin)
X = np.fromfile(a["features"], dtype=np.float32).reshape(a["n"], a["d"])
y = np.fromfile(a["labels"], dtype=np.int32)
ntr = a["train"]
res = []
for r in range(a["repeats"]):
    t0 = time.perf_counter()
    sc = StandardScaler().fit(X[:ntr])
    Ztr = sc.transform(X[:ntr])
    clf = LogisticRegression(C=1.0, max_iter=100).fit(Ztr, y[:ntr])
    t1 = time.perf_counter()
    acc = float((clf.predict(sc.transform(X[ntr:])) == y[ntr:]).mean())
    res.append({"seconds": t1 - t0, "accuracy": acc, "nIter": int(clf.n_iter_[0])})
print(json.dumps({"sklearn": sklearn.__version__, "runs": res}))
`;

function python(script: string, input: unknown): Record<string, unknown> | null {
  const r = spawnSync(PYTHON, ["-c", script], {
    input: JSON.stringify(input),
    encoding: "utf8",
    timeout: 1_800_000,
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0 || !r.stdout) {
    process.stderr.write(`python failed: ${r.stderr?.slice(-2000) ?? r.error}\n`);
    return null;
  }
  try {
    return JSON.parse(r.stdout);
  } catch {
    return null;
  }
}

/**
 * As {@link python}, without blocking: the script runs while this process computes. Resolves
 * `started` once the input is handed to the child (await it before blocking the event loop
 * with a long synchronous fit, or the child waits for its stdin), `done` with the result.
 */
function pythonAsync(
  script: string,
  input: unknown,
): { started: Promise<void>; done: Promise<Record<string, unknown> | null> } {
  let started: () => void = () => {};
  const startedP = new Promise<void>((r) => {
    started = r;
  });
  const done = new Promise<Record<string, unknown> | null>((resolve) => {
    const child = spawn(PYTHON, ["-c", script], { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b) => {
      stdout += b;
    });
    child.stderr.on("data", (b) => {
      stderr += b;
    });
    child.on("error", () => {
      started();
      resolve(null);
    });
    child.on("close", (code) => {
      if (code !== 0) {
        process.stderr.write(`python failed: ${stderr.slice(-2000)}\n`);
        resolve(null);
        return;
      }
      try {
        resolve(JSON.parse(stdout));
      } catch {
        resolve(null);
      }
    });
    child.stdin.end(JSON.stringify(input), () => started());
  });
  return { started: startedP, done };
}

function randomArray(length: number, f32: boolean, seed: number): Float32Array | Float64Array {
  const a = f32 ? new Float32Array(length) : new Float64Array(length);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    a[i] = (s >>> 0) / 2 ** 32 - 0.5;
  }
  return a;
}

/** Times our gemm on one case (all `batch` products per call). */
function timeGemm(c: GemmCase, timing: MeasureOptions): number {
  const f32 = c.dtype === "float32";
  const { m, n, k, batch } = c;
  const a = randomArray(batch * m * k, f32, 1);
  const b = randomArray(k * n, f32, 2);
  const out = f32 ? new Float32Array(batch * m * n) : new Float64Array(batch * m * n);
  const lda = c.transA ? m : k;
  const ldb = c.transB ? k : n;
  const fn = () => {
    for (let q = 0; q < batch; q++) {
      gemm(c.transA, c.transB, m, n, k, 1, a, q * m * k, lda, b, 0, ldb, 0, out, q * m * n, n);
    }
  };
  return measure(fn, timing).medianSeconds;
}

const NUMPY_PASS = `
import json, sys, time
import numpy as np
a = json.load(sys.stdin)
rng = np.random.default_rng(1)
X = (rng.random((a["n"], a["d"])) - 0.5).astype(np.float32)
W = (rng.random((a["l"], a["d"])) - 0.5)
def f():
    Z = X @ W.T
    return Z.T @ X
f()
s = []
for _ in range(7):
    t0 = time.perf_counter(); f(); s.append(time.perf_counter() - t0)
s.sort()
print(json.dumps({"seconds": s[len(s) // 2]}))
`;

/**
 * The logistic-regression products on linalg's PackedRows (X resident, float32): one fused
 * pass = Z = X W^T, then G = R^T X (4 n d l flops), beside numpy's X @ W.T then Z.T @ X
 * (float32 X times float64 W: numpy promotes to float64).
 */
function packedRowsRow(timing: MeasureOptions): BenchRow {
  const [n, d, l] = [3000, 3969, 10];
  process.stderr.write("linalg: packed-rows pass\n");
  const np = python(NUMPY_PASS, { n, d, l });
  const x = randomArray(n * d, true, 3);
  const P = new PackedRows({ data: x, shape: [n, d] });
  const w = randomArray(l * d, false, 4) as Float64Array;
  const g = new Float64Array(l * d);
  const copy = (z: Float64Array, r: Float64Array, _row0: number, count: number, lp: number) => {
    for (let q = 0; q < count * lp; q++) r[q] = z[q];
    return 0;
  };
  const s = measure(() => P.pass(w, l, null, copy, g), timing).medianSeconds;
  const ns = (np?.seconds as number | undefined) ?? null;
  const flops = 4 * n * d * l;
  return {
    suite: "linalg",
    case: "packedrows-pass-3000x3969-l10-f32",
    params: { n, d, l, dtype: "float32", what: "Z = X W^T then G = Z^T X, fused" },
    medianSeconds: s,
    gflops: flops / s / 1e9,
    numpySeconds: ns,
    numpyGflops: ns ? flops / ns / 1e9 : null,
    speedVsNumpy: ns ? ns / s : null,
  };
}

// ---------- features (Scattering2D J=2 L=8, log(|Sx| + 1e-6)) ----------

interface Features {
  X: Float32Array;
  y: Int32Array;
  n: number;
  d: number;
  files: { features: string; labels: string };
  seconds: number;
}

async function issueFeatures(count: number, kind: "train" | "test" = "train"): Promise<Features | null> {
  const here = dirname(fileURLToPath(import.meta.url));
  const dataDir =
    process.env.SCATTERKIT_DATA ?? resolve(here, "../../../../../shared/datasets/fashion-mnist");
  if (!existsSync(join(dataDir, "train-images-idx3-ubyte.gz"))) {
    process.stderr.write(`linalg: Fashion-MNIST not found in ${dataDir}; classifier fits skipped\n`);
    return null;
  }
  const cacheDir = join(tmpdir(), "scatterkit-bench-linalg");
  mkdirSync(cacheDir, { recursive: true });
  const files = {
    features: join(cacheDir, `fmnist-${kind}${count}-s2d-J2-L8-log.f32`),
    labels: join(cacheDir, `fmnist-${kind}${count}-labels.i32`),
  };
  const set = loadMnistLike(dataDir, { kind, limit: count });
  const y = Int32Array.from(set.labels);
  if (existsSync(files.features)) {
    const buf = readFileSync(files.features);
    const X = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    return { X, y, n: count, d: X.length / count, files, seconds: Number.NaN };
  }
  process.stderr.write(`linalg: computing Scattering2D features of ${count} images...\n`);
  const { Scattering2D } = await import("@scatterkit/scattering");
  const t0 = now();
  const S = new Scattering2D({ J: 2, L: 8, shape: [set.rows, set.cols] });
  const px = set.rows * set.cols;
  const batch = 512;
  let X: Float32Array | null = null;
  let d = 0;
  const x = new Float64Array(batch * px);
  for (let s = 0; s < count; s += batch) {
    const b = Math.min(batch, count - s);
    const input = x.subarray(0, b * px);
    for (let i = 0; i < b * px; i++) input[i] = set.images[s * px + i] / 255;
    const xin = { data: input, shape: [b, set.rows, set.cols] };
    // forwardAsync (worker threads) returns exactly what forward returns
    const out = S.forwardAsync ? await S.forwardAsync(xin) : S.forward(xin);
    if (!X) {
      d = out.data.length / b;
      X = new Float32Array(count * d);
    }
    for (let i = 0; i < b * d; i++) X[s * d + i] = Math.log(Math.abs(out.data[i]) + 1e-6);
  }
  const seconds = now() - t0;
  if (!X) return null;
  writeFileSync(files.features, X);
  writeFileSync(files.labels, y);
  return { X, y, n: count, d, files, seconds };
}

function rows(X: Float32Array, d: number, from: number, to: number): { data: Float32Array; shape: number[] } {
  return { data: X.subarray(from * d, to * d), shape: [to - from, d] };
}

function accuracyOf(pred: Int32Array, y: Int32Array): number {
  let ok = 0;
  for (let i = 0; i < pred.length; i++) if (pred[i] === y[i]) ok++;
  return ok / pred.length;
}

export async function run(opts: BenchOptions): Promise<BenchResult> {
  const quick = opts.quick;
  const out: BenchRow[] = [];
  const notes: string[] = [`GEMM engine: ${getEngineName()}`];
  if (!quick && process.env.SCATTERKIT_LINALG_FULL === "only") {
    await fullFashionMnist(out, notes);
    return { suite: "linalg", rows: out, notes };
  }
  const cases: GemmCase[] = quick
    ? [
        {
          key: "gemm-200x10x300-nt",
          m: 200,
          n: 10,
          k: 300,
          transA: false,
          transB: true,
          dtype: "float64",
          batch: 1,
        },
        {
          key: "gemm-128-cube",
          m: 128,
          n: 128,
          k: 128,
          transA: false,
          transB: false,
          dtype: "float64",
          batch: 1,
        },
      ]
    : [
        {
          key: "logreg-scores-3000x3969-by-3969x10-f64",
          m: 3000,
          n: 10,
          k: 3969,
          transA: false,
          transB: false,
          dtype: "float64",
          batch: 1,
        },
        {
          key: "logreg-scores-3000x3969-by-3969x10-f32",
          m: 3000,
          n: 10,
          k: 3969,
          transA: false,
          transB: false,
          dtype: "float32",
          batch: 1,
        },
        {
          key: "logreg-scores-XWt-3000x3969-by-10x3969T-f32",
          m: 3000,
          n: 10,
          k: 3969,
          transA: false,
          transB: true,
          dtype: "float32",
          batch: 1,
        },
        {
          key: "logreg-grad-RtX-10x3000-by-3000x3969-f32",
          m: 10,
          n: 3969,
          k: 3000,
          transA: true,
          transB: false,
          dtype: "float32",
          batch: 1,
        },
        {
          key: "square-1024-f64",
          m: 1024,
          n: 1024,
          k: 1024,
          transA: false,
          transB: false,
          dtype: "float64",
          batch: 1,
        },
        {
          key: "square-1024-f32",
          m: 1024,
          n: 1024,
          k: 1024,
          transA: false,
          transB: false,
          dtype: "float32",
          batch: 1,
        },
        {
          key: "batch32-49x256-by-256x1024-f64",
          m: 49,
          n: 1024,
          k: 256,
          transA: false,
          transB: false,
          dtype: "float64",
          batch: 32,
        },
        {
          key: "batch32-49x256-by-256x1024-f32",
          m: 49,
          n: 1024,
          k: 256,
          transA: false,
          transB: false,
          dtype: "float32",
          batch: 32,
        },
      ];
  const timing: MeasureOptions = quick
    ? { warmup: 1, repeats: 3, minSampleSeconds: 0.002 }
    : { warmup: 1, repeats: 5, minSampleSeconds: 0.2 };
  let npVersion: unknown = null;
  for (const c of cases) {
    process.stderr.write(`linalg: ${c.key}\n`);
    // numpy right before ours, case by case, so that both see the same machine load
    const np = quick ? null : python(NUMPY_GEMM, [c]);
    if (np) npVersion = np.numpy;
    const s = timeGemm(c, timing);
    const flops = 2 * c.m * c.n * c.k * c.batch;
    const ns = (np?.seconds as Record<string, number> | undefined)?.[c.key];
    out.push({
      suite: "linalg",
      case: c.key,
      params: {
        m: c.m,
        n: c.n,
        k: c.k,
        op: `${c.transA ? "T" : "N"}${c.transB ? "T" : "N"}`,
        dtype: c.dtype,
        batch: c.batch,
      },
      medianSeconds: s,
      gflops: flops / s / 1e9,
      numpySeconds: ns ?? null,
      numpyGflops: ns ? flops / ns / 1e9 : null,
      speedVsNumpy: ns ? ns / s : null,
    });
  }
  if (!quick) out.push(packedRowsRow(timing));
  if (npVersion) {
    notes.push(
      `numpy ${npVersion} timed case by case right before ours; speedVsNumpy = numpy seconds / ours (> 1: ours faster)`,
    );
  } else if (!quick) notes.push("numpy comparison skipped (python3 with numpy not found or failed)");

  if (!quick) {
    const feats = await issueFeatures(4000);
    if (feats) {
      const { X, y, d } = feats;
      const ntr = 3000;
      const Xtr = rows(X, d, 0, ntr);
      const Xte = rows(X, d, ntr, 4000);
      const ytr = y.subarray(0, ntr);
      const yte = y.subarray(ntr, 4000);
      if (Number.isFinite(feats.seconds))
        notes.push(`features computed in ${feats.seconds.toFixed(2)} s (then cached)`);
      const repeats = Number(process.env.SCATTERKIT_LINALG_REPEATS ?? 3);
      const modes = ["fit", "fitAsync-2-threads"] as const;
      const times: Record<string, number[]> = { fit: [], "fitAsync-2-threads": [], sklearn: [] };
      const acc: Record<string, number> = {};
      const models: Record<string, LogisticRegression> = {};
      let skVersion: unknown = null;
      let skAcc: number | null = null;
      let skIter: number | null = null;
      // one scikit-learn fit, then ours, repeat after repeat (same machine load for both)
      for (let r = 0; r < repeats; r++) {
        process.stderr.write(`linalg: scikit-learn fit run ${r + 1}/${repeats}\n`);
        const one = python(SKLEARN_FIT, {
          features: feats.files.features,
          labels: feats.files.labels,
          n: 4000,
          d,
          train: ntr,
          repeats: 1,
        });
        const run = (one?.runs as { seconds: number; accuracy: number; nIter: number }[] | undefined)?.[0];
        if (one && run) {
          skVersion = one.sklearn;
          times.sklearn.push(run.seconds);
          skAcc = run.accuracy;
          skIter = run.nIter;
        }
        for (const mode of modes) {
          process.stderr.write(`linalg: logistic ${mode} run ${r + 1}/${repeats}\n`);
          const t0 = now();
          const sc = new StandardScaler().fit(Xtr);
          const Ztr = sc.transform(Xtr);
          const model = new LogisticRegression({ C: 1, maxIter: 100 });
          if (mode === "fit") model.fit(Ztr, ytr);
          else await model.fitAsync(Ztr, ytr, { workers: 2 });
          times[mode].push(now() - t0);
          acc[mode] = accuracyOf(model.predict(sc.transform(Xte)), yte);
          models[mode] = model;
        }
      }
      const med = (v: number[]) => (v.length ? [...v].sort((a, b) => a - b)[v.length >> 1] : null);
      const skSec = med(times.sklearn);
      for (const mode of modes) {
        const s = med(times[mode]) as number;
        out.push({
          suite: "linalg",
          case: `scaler+logreg-${mode}`,
          params: { n: ntr, d, k: 10, C: 1, maxIter: 100, dtype: "float32", features: "S2D J=2 L=8 log" },
          medianSeconds: s,
          accuracy: acc[mode],
          nIter: models[mode].nIter,
          nEvaluations: models[mode].nEvaluations,
          sklearnSeconds: skSec,
          sklearnAccuracy: skAcc,
          speedVsSklearn: skSec ? skSec / s : null,
          runs: times[mode].map((t) => Number(t.toFixed(2))),
          sklearnRuns: times.sklearn.map((t) => Number(t.toFixed(2))),
        });
      }
      if (skVersion)
        notes.push(
          `scikit-learn ${skVersion} lbfgs, StandardScaler + LogisticRegression(C=1, max_iter=100) (n_iter ${skIter}), one run before each of ours; speedVsSklearn = sklearn median / ours (> 1: ours faster)`,
        );
      else notes.push("scikit-learn comparison skipped (python3 with sklearn not found or failed)");
    }
  }
  if (!quick && process.env.SCATTERKIT_LINALG_FULL === "1") await fullFashionMnist(out, notes);
  return { suite: "linalg", rows: out, notes };
}

const SKLEARN_FULL = `
import json, sys, time, os
import numpy as np
import sklearn
from sklearn.preprocessing import StandardScaler
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC
import warnings
warnings.filterwarnings("ignore")
a = json.load(sys.stdin)
Xtr = np.fromfile(a["trainFeatures"], dtype=np.float32).reshape(-1, a["d"])
ytr = np.fromfile(a["trainLabels"], dtype=np.int32)
Xte = np.fromfile(a["testFeatures"], dtype=np.float32).reshape(-1, a["d"])
yte = np.fromfile(a["testLabels"], dtype=np.int32)
c0 = os.times()
t0 = time.perf_counter()
sc = StandardScaler().fit(Xtr)
if a["model"] == "svm":
    clf = LinearSVC(C=a["C"]).fit(sc.transform(Xtr), ytr)
    n_iter = int(clf.n_iter_)
else:
    clf = LogisticRegression(C=a["C"], max_iter=100).fit(sc.transform(Xtr), ytr)
    n_iter = int(clf.n_iter_[0])
t1 = time.perf_counter()
c1 = os.times()
acc = float((clf.predict(sc.transform(Xte)) == yte).mean())
print(json.dumps({"sklearn": sklearn.__version__, "seconds": t1 - t0, "cpuSeconds": (c1.user - c0.user) + (c1.system - c0.system), "accuracy": acc, "nIter": n_iter}))
`;

/** 1-minute load average (Linux), or null. */
function loadAverage(): number | null {
  try {
    return Number(readFileSync("/proc/loadavg", "utf8").split(" ")[0]);
  } catch {
    return null;
  }
}

/**
 * SCATTERKIT_LINALG_FULL=1 (after the rest of the suite) or =only: full Fashion-MNIST
 * (60000 train, 10000 test, the same features), each fit ours then scikit-learn's:
 * StandardScaler + LinearSVC(C = 0.01, the demo's default for this dataset; scikit-learn's
 * other defaults), then StandardScaler + LogisticRegression(C = 1, maxIter = 100), ours with
 * fitAsync on 2 threads (scikit-learn's OpenBLAS uses both cores too). Seconds of scaler + fit,
 * process CPU seconds, test accuracy, load average before and after each fit.
 * SCATTERKIT_LINALG_FULL_MODELS=svm or =logistic runs one of the two.
 * SCATTERKIT_LINALG_FULL_CONCURRENT=1 starts scikit-learn's fit together with ours (two
 * processes at once, each timed alone: on a loaded machine both see the same load, and the
 * pair takes half the wall time); compare their CPU seconds there.
 */
export async function fullFashionMnist(out: BenchRow[], notes: string[]): Promise<void> {
  const tr = await issueFeatures(60000, "train");
  const te = await issueFeatures(10000, "test");
  if (!tr || !te) return;
  const d = tr.d;
  const which = process.env.SCATTERKIT_LINALG_FULL_MODELS ?? "svm,logistic";
  for (const model of ["svm", "logistic"] as const) {
    if (!which.split(",").includes(model)) continue;
    const C = model === "svm" ? 0.01 : 1;
    const skInput = {
      trainFeatures: tr.files.features,
      trainLabels: tr.files.labels,
      testFeatures: te.files.features,
      testLabels: te.files.labels,
      d,
      model,
      C,
    };
    const concurrent = process.env.SCATTERKIT_LINALG_FULL_CONCURRENT === "1";
    const skLoad0c = loadAverage();
    const skPending = concurrent ? pythonAsync(SKLEARN_FULL, skInput) : null;
    if (skPending) await skPending.started;
    process.stderr.write(
      `linalg: full Fashion-MNIST ${model} fit (ours${concurrent ? ", scikit-learn's at the same time" : ""}), load ${loadAverage()}\n`,
    );
    const load0 = loadAverage();
    const cpu0 = process.cpuUsage();
    const t0 = now();
    const sc = new StandardScaler().fit({ data: tr.X, shape: [tr.n, d] });
    const Z = sc.transform({ data: tr.X, shape: [tr.n, d] });
    let nIter: unknown;
    let predict: (X: { data: Float32Array; shape: number[] }) => Int32Array;
    let extra: Record<string, unknown> = {};
    if (model === "svm") {
      const m = new LinearSVC({ C }).fit(Z, tr.y);
      nIter = Math.max(...m.nIter);
      predict = (X) => m.predict(X);
    } else {
      const m = await new LogisticRegression({ C, maxIter: 100 }).fitAsync(Z, tr.y, { workers: 2 });
      nIter = m.nIter;
      extra = { nEvaluations: m.nEvaluations, refinedAt: m.refinedAt, fit: "fitAsync, 2 threads" };
      predict = (X) => m.predict(X);
    }
    const s = now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const load1 = loadAverage();
    const accuracy = accuracyOf(predict(sc.transform({ data: te.X, shape: [te.n, d] }) as never), te.y);
    process.stderr.write(
      `linalg: ours ${s.toFixed(1)} s, ${(accuracy * 100).toFixed(2)}%; scikit-learn fit, load ${loadAverage()}\n`,
    );
    const skLoad0 = skPending ? skLoad0c : loadAverage();
    const sk = skPending ? await skPending.done : python(SKLEARN_FULL, skInput);
    const skLoad1 = loadAverage();
    const skSec = (sk?.seconds as number | undefined) ?? null;
    process.stderr.write(`linalg: scikit-learn ${skSec?.toFixed(1)} s\n`);
    out.push({
      suite: "linalg",
      case: `full-fmnist-scaler+${model === "svm" ? "linearsvc" : "logreg"}`,
      params: {
        n: tr.n,
        d,
        k: 10,
        C,
        ...(model === "logistic" ? { maxIter: 100 } : {}),
        dtype: "float32",
        test: te.n,
      },
      medianSeconds: s,
      cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(1)),
      accuracy,
      nIter,
      ...extra,
      loadAverage: [load0, load1],
      sklearnSeconds: skSec,
      sklearnCpuSeconds: (sk?.cpuSeconds as number | undefined) ?? null,
      sklearnAccuracy: (sk?.accuracy as number | undefined) ?? null,
      sklearnNIter: (sk?.nIter as number | undefined) ?? null,
      sklearnLoadAverage: [skLoad0, skLoad1],
      concurrent,
      speedVsSklearn: skSec ? skSec / s : null,
    });
  }
  if (Number.isFinite(tr.seconds))
    notes.push(`full Fashion-MNIST features computed in ${(tr.seconds + te.seconds).toFixed(1)} s`);
}
