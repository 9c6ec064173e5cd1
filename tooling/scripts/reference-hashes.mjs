#!/usr/bin/env node
/**
 * Hashes of every reference output our code produces (issue 9: outputs must stay bit-identical).
 *
 * For every case in ../shared/reference (kymatio-1d, kymatio-2d, kymatio-3d, kymatio-fixtures,
 * numpy-fft, sklearn, energy) this imports the BUILT packages (packages/<name>/dist/index.js) of
 * the checkout given as the repository root, runs the case the way the package's reference test
 * does, and records the sha256 of the output bytes (the raw little-endian typed-array bytes, with
 * the array's type and length in front). A few extra keys ("seeded/...") hash outputs of the
 * seeded generators (classifiers' Random, PCA's randomized solver, LinearSVC's shuffles,
 * sparse-coding's seeded problem generators), which the RNG deduplication may change on purpose.
 *
 * Usage (from the repository root):
 *   node tooling/scripts/reference-hashes.mjs [ROOT] [--out FILE]      write {case: sha256} JSON
 *   node tooling/scripts/reference-hashes.mjs [ROOT] --compare FILE    compare with a snapshot,
 *        list every differing / missing / new key, exit 1 when a reference key differs
 *   options: --reference DIR (default ROOT/../shared/reference), --only PREFIX (keys starting so)
 * ROOT defaults to this checkout; it must be built (`pnpm build`).
 * The base snapshot (commit 989bb78) is tooling/snapshots/reference-hashes.base.json:
 *   pnpm build && node tooling/scripts/reference-hashes.mjs --compare tooling/snapshots/reference-hashes.base.json
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const args = process.argv.slice(2);
let root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
let out;
let compare;
let refDir;
let only = "";
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === "--out") out = args[++i];
  else if (a === "--compare") compare = args[++i];
  else if (a === "--reference") refDir = args[++i];
  else if (a === "--only") only = args[++i];
  else if (a === "--help" || a === "-h") {
    console.log(readFileSync(fileURLToPath(import.meta.url), "utf8").split("*/")[0]);
    process.exit(0);
  } else if (a.startsWith("--")) {
    console.error(`unknown option ${a}`);
    process.exit(2);
  } else root = resolve(a);
}
refDir = resolve(refDir ?? join(root, "../shared/reference"));

const load = async (pkg) => import(pathToFileURL(join(root, "packages", pkg, "dist/index.js")).href);
// import only what the selected keys need (--only), so that one package's broken build does not block the others
const needs = (...prefixes) => prefixes.some((p) => only === "" || p.startsWith(only) || only.startsWith(p));
const fft = needs("numpy-fft") ? await load("fft") : null;
const fb = needs("kymatio-1d", "kymatio-2d", "energy") ? await load("filter-banks") : null;
const sc = needs("kymatio", "energy") ? await load("scattering") : null;
const sp = needs("sklearn", "seeded") ? await load("sparse-coding") : null;
const cl = needs("sklearn", "seeded") ? await load("classifiers") : null;

/** sha256 of one or more arrays (typed arrays, plain number arrays as float64, numbers). */
function hash(...parts) {
  const h = createHash("sha256");
  for (const p of parts) {
    let v = p;
    if (typeof v === "number") v = Float64Array.of(v);
    else if (Array.isArray(v)) v = Float64Array.from(v);
    if (!ArrayBuffer.isView(v)) throw new Error(`cannot hash ${typeof p}`);
    h.update(`${v.constructor.name}:${v.length}:`);
    h.update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
  }
  return h.digest("hex");
}

const hashes = {};
const put = (key, ...parts) => {
  if (key.startsWith(only)) hashes[key] = hash(...parts);
};
const want = (prefix) => only === "" || prefix.startsWith(only) || only.startsWith(prefix);
const json = (...p) => JSON.parse(readFileSync(join(refDir, ...p), "utf8"));
const files = (d, pre = "") =>
  readdirSync(join(refDir, d))
    .filter((f) => f.endsWith(".json") && f.startsWith(pre))
    .sort();
const f64 = (a) => Float64Array.from(a.data);
const f32 = (a) => Float32Array.from(a.data);
const levelsOf = (levels) => levels.map((l) => (ArrayBuffer.isView(l) ? l : Float64Array.from(l)));

// ---------------------------------------------------------------- numpy-fft
if (want("numpy-fft")) {
  const run = (c, input) => {
    const shape = c.input.shape;
    const x = c.input.complex ? input : fft.realToComplex(input, new input.constructor(2 * input.length));
    switch (c.transform) {
      case "fft":
        return fft.fft(x);
      case "ifft":
        if (shape.length === 1) return fft.ifft(x);
        return fft.fftAxis(x, shape, c.params?.axis ?? -1, {
          inverse: true,
          out: new x.constructor(x.length),
        });
      case "rfft":
        return fft.rfft(input);
      case "irfft":
        return fft.irfft(input, c.params?.n);
      case "fft2":
        return fft.fft2(x, shape);
      case "fftn":
        return fft.fftn(x, shape);
    }
    throw new Error(`unknown transform ${c.transform}`);
  };
  const names = files("numpy-fft");
  for (const engine of ["simd", "ts", "fftjs"]) {
    if (engine === "ts") fft.useSimd(false);
    if (engine === "fftjs") fft.setPowerOfTwoEngine("fftjs");
    for (const f of names) {
      const c = json("numpy-fft", f);
      const tag = engine === "simd" ? "" : ` [${engine}]`;
      put(`numpy-fft/${f}${tag}`, run(c, f64(c.input)));
      if (engine === "simd") put(`numpy-fft/${f} [f32]`, run(c, f32(c.input)));
    }
    if (engine === "ts") fft.useSimd(true);
    if (engine === "fftjs") fft.setPowerOfTwoEngine("radix4");
  }
}

// ---------------------------------------------------------------- kymatio-1d
const asyncJobs = [];
if (want("kymatio-1d")) {
  for (const f of files("kymatio-1d", "scat1d_")) {
    const c = json("kymatio-1d", f);
    const p = c.params;
    const S = new sc.Scattering1D({
      J: p.J,
      shape: p.shape,
      Q: p.Q,
      T: p.T ?? undefined,
      maxOrder: p.maxOrder,
    });
    const x = { data: f64(c.input), shape: c.input.shape };
    put(`kymatio-1d/${f}`, S.forward(x).data);
    put(`kymatio-1d/${f} [f32]`, S.forward({ data: f32(c.input), shape: c.input.shape }).data);
    if (S.forwardAsync) asyncJobs.push([`kymatio-1d/${f} [async]`, S, x]);
  }
  const c = json("kymatio-1d", "filters1d_J6_Q8_N1024.json");
  const bank = fb.scatteringFilterBank1D(c.meta.nPadded, 6, 8, 64);
  const parts = [];
  for (const filt of [bank.phi, ...bank.psi1, ...bank.psi2]) {
    parts.push([filt.xi ?? 0, filt.sigma, filt.j], ...levelsOf(filt.levels));
  }
  put("kymatio-1d/filters1d_J6_Q8_N1024.json", ...parts);
}

// ---------------------------------------------------------------- kymatio-2d
if (want("kymatio-2d")) {
  for (const f of files("kymatio-2d", "scat2d_")) {
    const c = json("kymatio-2d", f);
    const S = new sc.Scattering2D(c.params);
    const x = { data: f64(c.input), shape: c.input.shape };
    put(`kymatio-2d/${f}`, S.forward(x).data);
    put(`kymatio-2d/${f} [f32]`, S.forward({ data: f32(c.input), shape: c.input.shape }).data);
    if (S.forwardAsync) asyncJobs.push([`kymatio-2d/${f} [async]`, S, x]);
  }
  const c = json("kymatio-2d", "filters2d_J2_L8_32x32.json");
  for (const kymatioCompat of [true, false]) {
    const bank = fb.morlet2dFilterBank({ shape: c.meta.paddedShape, J: 2, L: 8, kymatioCompat });
    const parts = [];
    for (const p of bank.psi) parts.push(...levelsOf(p.levels));
    parts.push(...levelsOf(bank.phi.levels));
    put(`kymatio-2d/filters2d_J2_L8_32x32.json${kymatioCompat ? "" : " [exact-pi]"}`, ...parts);
  }
}

// ---------------------------------------------------------------- kymatio-3d
if (want("kymatio-3d")) {
  for (const f of files("kymatio-3d")) {
    const c = json("kymatio-3d", f);
    const S = new sc.HarmonicScattering3D(c.params);
    const x = { data: f64(c.input), shape: c.input.shape };
    put(`kymatio-3d/${f}`, S.forward(x).data);
    put(`kymatio-3d/${f} [f32]`, S.forward({ data: f32(c.input), shape: c.input.shape }).data);
    if (S.forwardAsync) asyncJobs.push([`kymatio-3d/${f} [async]`, S, x]);
  }
}

// ---------------------------------------------------------------- kymatio-fixtures (Kymatio's own)
if (want("kymatio-fixtures") && existsSync(join(refDir, "kymatio-fixtures"))) {
  const k1 = json("kymatio-fixtures", "kymatio_test_data_1d.json");
  put(
    "kymatio-fixtures/kymatio_test_data_1d.json",
    new sc.Scattering1D({ J: 6, shape: 512, Q: 16 }).forward({ data: f32(k1.input), shape: k1.input.shape })
      .data,
  );
  const k2 = json("kymatio-fixtures", "kymatio_test_data_2d.json");
  const x2 = { data: f32(k2.input), shape: k2.input.shape };
  put(
    "kymatio-fixtures/kymatio_test_data_2d.json",
    new sc.Scattering2D({ J: 4, shape: [32, 32] }).forward(x2).data,
  );
  put(
    "kymatio-fixtures/kymatio_test_data_2d.json [maxOrder 1]",
    new sc.Scattering2D({ J: 4, shape: [32, 32], maxOrder: 1 }).forward(x2).data,
  );
  const k3 = json("kymatio-fixtures", "kymatio_test_data_3d.json");
  const S3 = new sc.HarmonicScattering3D({
    J: 2,
    shape: [16, 16, 16],
    L: 2,
    sigma0: 1,
    integralPowers: [1, 2],
  });
  put(
    "kymatio-fixtures/kymatio_test_data_3d.json",
    S3.forward({ data: f32(k3.input), shape: k3.input.shape }).data,
  );
}

// ---------------------------------------------------------------- energy
if (want("energy")) {
  for (const f of files("energy")) {
    const c = json("energy", f);
    const [K, ...rest] = c.input.filters.psi.shape;
    const size = rest.reduce((a, b) => a * b, 1);
    const flat = Float64Array.from(c.input.filters.psi.data);
    const filters = {
      phi: Float64Array.from(c.input.filters.phi.data),
      psi: Array.from({ length: K }, (_, k) => flat.slice(k * size, (k + 1) * size)),
    };
    const opts = { depth: c.params.depth, paths: c.params.paths, filters };
    const net =
      c.transform === "DeepScattering1D"
        ? new sc.DeepScattering1D({ ...opts, shape: c.params.shape })
        : new sc.DeepScattering2D({ ...opts, shape: c.params.shape });
    const r = net.energy({ data: Float64Array.from(c.input.x.data), shape: c.input.x.shape });
    put(`energy/${f}`, r.propagated, r.features, r.inputEnergy);
    const r32 = net.energy({ data: Float32Array.from(c.input.x.data), shape: c.input.x.shape });
    put(`energy/${f} [f32]`, r32.propagated, r32.features, r32.inputEnergy);
    if (c.transform === "DeepScattering1D") {
      const bank = fb.gaborBank1D({ N: c.params.shape, K, analytic: !f.includes("_real_") });
      put(`energy/${f} [gaborBank1D]`, bank.phi, ...bank.psi);
    }
  }
}

// ---------------------------------------------------------------- sklearn
if (want("sklearn") || want("seeded")) {
  const t = (a, dt = f64) => ({ data: dt(a), shape: a.shape });
  {
    const c = json("sklearn", "lars_path_lasso_40x80.json");
    const X = t(c.input.X);
    const y = f64(c.input.y);
    for (const method of ["lasso", "lar"]) {
      const r = sp.larsPath(X, y, { method });
      put(
        `sklearn/lars_path_lasso_40x80.json [${method}]`,
        r.alphas,
        Int32Array.from(r.active),
        r.coefs.data,
        r.nIter ?? 0,
      );
    }
  }
  {
    const c = json("sklearn", "lasso_alpha0.05_40x80.json");
    const X = t(c.input.X);
    const y = f64(c.input.y);
    put("sklearn/lasso_alpha0.05_40x80.json", sp.lasso(X, y, { alpha: c.params.alpha }));
    const r = sp.lassoCD(X, y, { alpha: c.params.alpha });
    put("sklearn/lasso_alpha0.05_40x80.json [lassoCD]", r.coef, r.objective, r.dualGap);
  }
  {
    const c = json("sklearn", "logistic_regression_digits_C1.json");
    const Xtr = t(c.input.XTrain);
    const Xte = t(c.input.XTest);
    const ytr = c.input.yTrain.data;
    for (const maxIter of [100, 1000]) {
      const m = new cl.LogisticRegression({ C: 1, maxIter }).fit(Xtr, ytr);
      put(
        `sklearn/logistic_regression_digits_C1.json [maxIter ${maxIter}]`,
        m.coef.data,
        m.intercept,
        m.predict(Xte),
        m.predictProba(Xte).data,
      );
    }
    const m32 = new cl.LogisticRegression({ maxIter: 300 }).fit(t(c.input.XTrain, f32), ytr);
    put(
      "sklearn/logistic_regression_digits_C1.json [f32]",
      m32.coef.data,
      m32.predictProba(t(c.input.XTest, f32)).data,
    );
    const scale = c.meta.scaler.scale.data;
    const mean = c.meta.scaler.mean.data;
    const raw = new Float64Array(Xtr.data.length);
    for (let i = 0; i < raw.length; i++) raw[i] = Xtr.data[i] * scale[i % 64] + mean[i % 64];
    const s = new cl.StandardScaler().fit({ data: raw, shape: [1000, 64] });
    put(
      "sklearn/logistic_regression_digits_C1.json [StandardScaler]",
      s.mean,
      s.scale,
      s.transform({ data: raw, shape: [1000, 64] }).data,
    );
  }
  {
    const c = json("sklearn", "pca_digits300_k5.json");
    const X = t(c.input);
    for (const svdSolver of ["auto", "full", "randomized"]) {
      const key =
        svdSolver === "randomized" ? "seeded/pca randomized" : `sklearn/pca_digits300_k5.json [${svdSolver}]`;
      const p = new cl.PCA({ nComponents: 5, svdSolver }).fit(X);
      put(
        key,
        p.components.data,
        p.explainedVariance,
        p.explainedVarianceRatio,
        p.singularValues,
        p.mean,
        p.noiseVariance,
        p.transform(X).data,
      );
    }
  }
}

// ---------------------------------------------------------------- seeded generators
if (want("seeded")) {
  const r = new cl.Random(12345);
  const u = new Float64Array(64);
  for (let i = 0; i < 32; i++) u[i] = r.next();
  for (let i = 32; i < 64; i++) u[i] = r.normal();
  put("seeded/classifiers Random(12345)", u, r.permutation(50), Uint32Array.of(r.nextUint32(), r.nextInt(7)));
  const split = cl.trainValidationSplit(100, { seed: 3 });
  put("seeded/trainValidationSplit(100, seed 3)", split.train, split.validation);
  const c = json("sklearn", "logistic_regression_digits_C1.json");
  const svm = new cl.LinearSVC({ C: 0.1 }).fit(
    { data: f64(c.input.XTrain), shape: c.input.XTrain.shape },
    c.input.yTrain.data,
  );
  put("seeded/LinearSVC digits C=0.1", svm.coef.data, svm.intercept);
  const l = json("sklearn", "lars_path_lasso_40x80.json");
  const D = { data: f64(l.input.X), shape: l.input.X.shape };
  const prob = sp.sparseRecoveryProblems(D, { count: 3, pnz: 0.1, noise: 0.01, seed: 7 });
  put("seeded/sparseRecoveryProblems", ...prob.codes, ...prob.measurements);
  const model = sp.mlcscModel({
    length: 64,
    layers: [
      { filters: 4, length: 5 },
      { filters: 6, length: 5 },
    ],
    seed: 3,
  });
  const sample = sp.mlcscSample(model, { nonZeros: 4, noise: 0.01, seed: 5 });
  put(
    "seeded/mlcscModel+mlcscSample",
    ...model.dictionaries.map((d) => d.data),
    sample.signal,
    sample.clean,
    ...sample.codes,
  );
  const Xd = { data: f64(l.input.X).subarray(0, 40 * 20), shape: [40, 20] };
  const dl = sp.dictionaryLearning(Xd, { nAtoms: 8, lambda: 0.1, epochs: 2, seed: 4 });
  put("seeded/dictionaryLearning", dl.dictionary.data, dl.objectivePerEpoch);
}

for (const [key, S, x] of asyncJobs) {
  if (!key.startsWith(only)) continue;
  const y = await S.forwardAsync(x);
  put(key, y.data);
  S.dispose?.();
}

const sorted = Object.fromEntries(Object.entries(hashes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
if (out) writeFileSync(out, `${JSON.stringify(sorted, null, 2)}\n`);
if (compare) {
  const base = JSON.parse(readFileSync(compare, "utf8"));
  const diff = [];
  const missing = [];
  for (const [k, v] of Object.entries(base)) {
    if (!k.startsWith(only)) continue;
    if (!(k in sorted)) missing.push(k);
    else if (sorted[k] !== v) diff.push(k);
  }
  const added = Object.keys(sorted).filter((k) => !(k in base));
  const same = Object.keys(sorted).length - diff.length - added.length;
  console.log(`${same} identical, ${diff.length} different, ${missing.length} missing, ${added.length} new`);
  for (const k of diff) console.log(`DIFFERENT ${k}`);
  for (const k of missing) console.log(`MISSING   ${k}`);
  for (const k of added) console.log(`NEW       ${k}`);
  process.exit(diff.some((k) => !k.startsWith("seeded/")) || missing.length ? 1 : 0);
} else if (!out) {
  console.log(JSON.stringify(sorted, null, 2));
}
process.exit(0);
