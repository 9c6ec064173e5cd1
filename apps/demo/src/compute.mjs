// Feature computations of the demo: on the calling thread (scatter2d, scatter1d) or through
// the library's worker pool (scatter2dAsync, scatter1dAsync: forwardAsync). The scattering
// classes are passed in, so the same code runs on the package sources (tests) and on its
// built dist.

/** Added inside the log of "log" features: log(|Sx| + LOG_EPS), as Kymatio's 1-D example. */
export const LOG_EPS = 1e-6;

/**
 * Scattering2D features of uint8 images: x = pixel / 255 (float64: measured faster
 * than float32 input), Sx =
 * Scattering2D({J, L, shape: [rows, cols]}).forward(x), flattened per image
 * ([P, M', N'] -> P*M'*N'); "log" features are log(|Sx| + 1e-6) (Kymatio's
 * 2-D output holds tiny negative values, hence the absolute value).
 * @param {{Scattering2D: any}} lib
 * @param {{images: Uint8Array, count: number, rows: number, cols: number, J: number, L: number,
 *   features: "plain" | "log", batch?: number, out?: Float32Array, onProgress?: (done: number) => void}} job
 * @returns {{features: Float32Array, dim: number, shape: number[]}}
 */
export function scatter2d(lib, job) {
  const S = new lib.Scattering2D({ J: job.J, L: job.L, shape: [job.rows, job.cols] });
  const it = scatter2dSteps(job, job.batch ?? 128);
  let step = it.next();
  while (!step.done) step = it.next(S.forward(step.value));
  return step.value;
}

/**
 * The same features as {@link scatter2d}, computed with Scattering2D.forwardAsync: the library's
 * worker pool splits each batch of `job.batch` (default 512) images over the available cores
 * (bit for bit forward's output).
 * @returns {Promise<{features: Float32Array, dim: number, shape: number[]}>}
 */
export async function scatter2dAsync(lib, job) {
  const S = new lib.Scattering2D({ J: job.J, L: job.L, shape: [job.rows, job.cols] });
  try {
    const it = scatter2dSteps(job, job.batch ?? 512);
    let step = it.next();
    while (!step.done) step = it.next(await S.forwardAsync(step.value));
    return step.value;
  } finally {
    await S.dispose();
  }
}

/** The batches of scatter2d: yields each input tensor, receives its scattering. */
function* scatter2dSteps(job, batch) {
  const { images, count, rows, cols, features } = job;
  const px = rows * cols;
  let out = null;
  let dim = 0;
  let shape = [];
  for (let start = 0; start < count; start += batch) {
    const b = Math.min(batch, count - start);
    const input = new Float64Array(b * px);
    const src = images.subarray(start * px, (start + b) * px);
    for (let i = 0; i < b * px; i++) input[i] = src[i] / 255;
    const y = yield { data: input, shape: [b, rows, cols] };
    if (out === null) {
      shape = y.shape.slice(1);
      dim = y.data.length / b;
      out = job.out ?? new Float32Array(count * dim);
      if (out.length !== count * dim)
        throw new Error(`job.out has length ${out.length}; expected ${count * dim}`);
    }
    const o = start * dim;
    const d = y.data;
    if (features === "log") {
      for (let i = 0; i < b * dim; i++) out[o + i] = Math.log(Math.abs(d[i]) + LOG_EPS);
    } else {
      out.set(d, o);
    }
    job.onProgress?.(start + b);
  }
  return { features: out ?? new Float32Array(0), dim, shape };
}

/**
 * Scattering1D features of fixed-length signals, Kymatio's spoken-digit recipe:
 * Sx = Scattering1D({J, Q, shape: T}).forward(x); drop order 0; "log" features are
 * mean over time of log(|Sx| + 1e-6), "plain" the mean of Sx over time; one
 * value per path of order 1 and 2. With job.transform "jtfs" the same recipe on
 * TimeFrequencyScattering({J, Jfr, Q, shape: T}) (format 'time': one value per
 * first- and second-order JTFS path; meta().row maps Kymatio's meta order to rows).
 * @param {{Scattering1D: any}} lib
 * @param {{signals: Float64Array, count: number, T: number, J: number, Q: number,
 *   features: "plain" | "log", batch?: number, out?: Float32Array, onProgress?: (done: number) => void}} job
 * @returns {{features: Float32Array, dim: number, shape: number[]}}
 */
export function scatter1d(lib, job) {
  if (job.transform === "jtfs" && job.withScattering1D) return combine1d(job, (j) => scatter1d(lib, j));
  const S = make1d(lib, job);
  const it = scatter1dSteps(S, job, job.batch ?? 16);
  let step = it.next();
  while (!step.done) step = it.next(S.forward(step.value));
  return step.value;
}

/**
 * The same features as {@link scatter1d}, computed with forwardAsync (the library's worker pool
 * splits each batch of `job.batch`, default 64, signals over the available cores).
 * @returns {Promise<{features: Float32Array, dim: number, shape: number[]}>}
 */
export async function scatter1dAsync(lib, job) {
  if (job.transform === "jtfs" && job.withScattering1D) {
    const parts = [];
    const r = combine1d(job, (j) => {
      parts.push(j);
      return null;
    });
    if (r) return r;
    const done = [];
    for (const j of parts) done.push(await scatter1dAsync(lib, j));
    return combine1d(job, () => done.shift());
  }
  const S = make1d(lib, job);
  try {
    const it = scatter1dSteps(S, job, job.batch ?? 64);
    let step = it.next();
    while (!step.done) step = it.next(await S.forwardAsync(step.value));
    return step.value;
  } finally {
    await S.dispose();
  }
}

/**
 * Features of `--transform jtfs`: the Scattering1D features ({J, Q} of job.withScattering1D)
 * followed by the TimeFrequencyScattering ones ({J, Jfr, Q} of the job), per item. `run` computes
 * one part (returning null defers: the caller collects the two part jobs and calls again).
 */
function combine1d(job, run) {
  const { J, Q } = job.withScattering1D;
  const a = run({
    ...job,
    transform: undefined,
    withScattering1D: undefined,
    J,
    Q,
    out: undefined,
    onProgress: undefined,
  });
  const b = run({ ...job, withScattering1D: undefined, out: undefined });
  if (!a || !b) return null;
  const dim = a.dim + b.dim;
  const out = job.out ?? new Float32Array(job.count * dim);
  for (let i = 0; i < job.count; i++) {
    out.set(a.features.subarray(i * a.dim, (i + 1) * a.dim), i * dim);
    out.set(b.features.subarray(i * b.dim, (i + 1) * b.dim), i * dim + a.dim);
  }
  return { features: out, dim, shape: [dim] };
}

function make1d(lib, job) {
  const { T, J, Q } = job;
  return job.transform === "jtfs"
    ? new lib.TimeFrequencyScattering({ J, Jfr: job.Jfr, Q, shape: T })
    : new lib.Scattering1D({ J, Q, shape: T });
}

/** The batches of scatter1d: yields each input tensor, receives its scattering. */
function* scatter1dSteps(S, job, batch) {
  const { signals, count, T, features } = job;
  const meta = S.meta();
  const order = meta.order;
  const keep = [];
  for (let p = 0; p < order.length; p++) if (order[p] > 0) keep.push(meta.row ? meta.row[p] : p);
  keep.sort((a, b) => a - b);
  const dim = keep.length;
  const out = job.out ?? new Float32Array(count * dim);
  if (out.length !== count * dim)
    throw new Error(`job.out has length ${out.length}; expected ${count * dim}`);
  for (let start = 0; start < count; start += batch) {
    const b = Math.min(batch, count - start);
    const y = yield { data: signals.subarray(start * T, (start + b) * T), shape: [b, T] };
    const [P, nt] = y.shape.slice(1);
    for (let i = 0; i < b; i++) {
      for (let k = 0; k < dim; k++) {
        const base = (i * P + keep[k]) * nt;
        let s = 0;
        if (features === "log")
          for (let t = 0; t < nt; t++) s += Math.log(Math.abs(y.data[base + t]) + LOG_EPS);
        else for (let t = 0; t < nt; t++) s += y.data[base + t];
        out[(start + i) * dim + k] = s / nt;
      }
    }
    job.onProgress?.(start + b);
  }
  return { features: out, dim, shape: [dim] };
}
