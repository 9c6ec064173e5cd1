#!/usr/bin/env node
/**
 * Hashes of TimeFrequencyScattering outputs (issue 9: splitting src/jtfs/ into frontend / core /
 * backend must keep every output bit-identical; transform-hashes.mjs covers the other transforms).
 *
 * Imports the BUILT @scatterkit/scattering of the checkout ROOT (packages/scattering/dist/index.js)
 * and records the sha256 (16 hex digits) of:
 * - every case of ../shared/reference/kymatio-jtfs: `forward` on the case's float64 input and on
 *   its float32 copy, and `meta()`;
 * - seeded random inputs (float64 and float32) for configurations covering both formats, local,
 *   global and no frequential averaging, global T, strides, Q pairs, Qfr and odd lengths;
 * - `vjp(x, dy)` for seeded x and dy on some of them (float64 and float32);
 * - with --async: `forwardAsync` on a batch of 5 (worker threads), checked bit-equal to `forward`.
 *
 * Usage (from the repository root, after building @scatterkit/scattering):
 *   node tooling/scripts/jtfs-hashes.mjs [ROOT] [--async] [--reference DIR] [--out FILE]
 *   node tooling/scripts/jtfs-hashes.mjs [ROOT] [--async] --compare FILE
 * --compare lists differing keys and exits 1 when a hash differs or forwardAsync differs from forward.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { hash, input } from "./hash-helpers.mjs";

const args = process.argv.slice(2);
let root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
let out;
let compare;
let refDir;
let doAsync = false;
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--out") out = args[++i];
  else if (args[i] === "--compare") compare = args[++i];
  else if (args[i] === "--reference") refDir = args[++i];
  else if (args[i] === "--async") doAsync = true;
  else root = resolve(args[i]);
}
refDir = resolve(refDir ?? join(root, "../shared/reference"));
const m = await import(pathToFileURL(join(root, "packages/scattering/dist/index.js")).href);
const { TimeFrequencyScattering } = m;

const hashJson = (v) => createHash("sha256").update(JSON.stringify(v)).digest("hex").slice(0, 16);
const quiet = { onWarning: () => {} };
const result = {};

// ---------------------------------------------------------------- reference cases
const jtfsDir = join(refDir, "kymatio-jtfs");
if (existsSync(jtfsDir)) {
  for (const f of readdirSync(jtfsDir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    const c = JSON.parse(readFileSync(join(jtfsDir, f), "utf8"));
    const p = c.params;
    const opts = { J: p.J, Jfr: p.Jfr, Q: p.Q, shape: p.shape, ...quiet };
    for (const k of ["T", "stride", "Qfr", "F", "strideFr", "format"]) if (p[k] !== null) opts[k] = p[k];
    const S = new TimeFrequencyScattering(opts);
    const x = { data: Float64Array.from(c.input.data), shape: c.input.shape };
    const name = `ref/${f.replace(/\.json$/, "")}`;
    result[`${name}/meta`] = hashJson(S.meta());
    result[`${name}/f64`] = hash(S.forward(x));
    result[`${name}/f32`] = hash(S.forward({ data: Float32Array.from(x.data), shape: x.shape }));
  }
} else {
  console.error(`no ${jtfsDir}: reference cases skipped`);
}

// ---------------------------------------------------------------- seeded configurations
const T = (o) => new TimeFrequencyScattering({ ...o, ...quiet });
// [name, make, input shape, vjp?]
const cases = [
  ["time-a", () => T({ J: 5, Jfr: 1, Q: 4, shape: 500, stride: 8 }), [2, 500], true],
  ["joint-a", () => T({ J: 6, Jfr: 2, Q: 8, shape: 1024, format: "joint" }), [1024], true],
  ["time-global-T", () => T({ J: 4, Jfr: 1, Q: [4, 2], shape: 300, T: "global" }), [2, 300], true],
  ["time-F0", () => T({ J: 5, Jfr: 2, Q: 6, shape: 700, F: 0 }), [700], true],
  ["time-Fglobal", () => T({ J: 5, Jfr: 2, Q: 8, shape: 640, F: "global" }), [2, 640], false],
  [
    "joint-Qfr2",
    () => T({ J: 6, Jfr: 2, Q: [8, 2], shape: 900, Qfr: 2, F: 4, format: "joint" }),
    [900],
    false,
  ],
  ["time-T-stride", () => T({ J: 5, Jfr: 1, Q: 3, shape: 411, T: 20, stride: 8, Qfr: [1] }), [411], true],
  ["joint-F2", () => T({ J: 5, Jfr: 1, Q: 4, shape: 333, F: 2, format: "joint" }), [2, 333], true],
  // refused configurations: the error class and message are recorded
  [
    "err-joint-Fglobal",
    () => T({ J: 5, Jfr: 1, Q: 4, shape: 333, F: "global", format: "joint" }),
    [333],
    false,
  ],
  ["err-stride", () => T({ J: 5, Jfr: 1, Q: 3, shape: 411, T: 20, stride: 4 }), [411], false],
  ["time-strideFr", () => T({ J: 6, Jfr: 2, Q: 8, shape: 1000, F: 4, strideFr: 2 }), [1000], false],
];
for (const [i, [name, make, shape, vjp]] of cases.entries()) {
  let seed = 100 * i + 7;
  let S;
  try {
    S = make();
  } catch (e) {
    result[`${name}/error`] = hashJson(`${e.constructor.name}: ${e.message}`);
    continue;
  }
  result[`${name}/meta`] = hashJson(S.meta());
  for (const f32 of [false, true]) {
    const x = input(shape, seed++, f32);
    const y = S.forward(x);
    result[`${name}/${f32 ? "f32" : "f64"}`] = hash(y);
    if (vjp) {
      const dy = input(y.shape, seed++, f32);
      result[`${name}/vjp-${f32 ? "f32" : "f64"}`] = hash(S.vjp(x, dy));
    }
  }
  if (doAsync) {
    for (const f32 of [false, true]) {
      const x = input([5, shape[shape.length - 1]], 1000 + seed++, f32);
      const fw = hash(S.forward(x));
      result[`${name}/batch5-${f32 ? "f32" : "f64"}`] = fw;
      result[`${name}/async-equals-forward-${f32 ? "f32" : "f64"}`] = hash(await S.forwardAsync(x)) === fw;
    }
    await S.dispose();
  }
}

if (compare) {
  const base = JSON.parse(readFileSync(compare, "utf8"));
  let same = 0;
  const bad = [];
  for (const [k, v] of Object.entries(result)) {
    if (k.includes("async-equals-forward")) {
      if (v !== true) bad.push(`${k} (forwardAsync differs from forward)`);
    } else if (!(k in base)) console.log(`new key ${k}`);
    else if (base[k] === v) same++;
    else bad.push(`${k} (hash differs)`);
  }
  for (const k of Object.keys(base))
    if (!(k in result) && (doAsync || !k.includes("/batch5-"))) console.log(`missing key ${k}`);
  console.log(`${same} hashes equal to the snapshot; ${bad.length} problems`);
  for (const b of bad) console.log(`  ${b}`);
  process.exit(bad.length ? 1 : 0);
}
const text = `${JSON.stringify(result, null, 1)}\n`;
if (out) writeFileSync(out, text);
else process.stdout.write(text);
