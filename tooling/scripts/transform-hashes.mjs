#!/usr/bin/env node
/**
 * Hashes of Scattering1D / Scattering2D / HarmonicScattering3D outputs on random inputs (issue 9:
 * refactors of the transforms must keep every output bit-identical; complements
 * reference-hashes.mjs, which covers the reference cases).
 *
 * Imports the BUILT @scatterkit/scattering of the checkout ROOT (packages/scattering/dist/index.js)
 * and, for 15 configurations (1-D: local/global averaging, Q pairs, strides, lengths that are not
 * powers of two; 2-D: odd L, maxOrder 1, non-square; 3-D: odd and even grids, J odd and even,
 * custom powers, rotationCovariant false, pairSymmetry false) plus the internal route switches of
 * Scattering2D and HarmonicScattering3D, records the sha256 (16 hex digits) of `forward`'s output
 * bytes for seeded random float64 and float32 inputs, and of `meta()`. With --async it also runs
 * `forwardAsync` on batches of 5 (worker threads) and records whether it equals `forward` bit for bit.
 *
 * Usage (from the repository root, after `pnpm build`):
 *   node tooling/scripts/transform-hashes.mjs [ROOT] [--async] [--out FILE]
 *   node tooling/scripts/transform-hashes.mjs [ROOT] [--async] --compare tooling/scripts/transform-hashes.base.json
 * --compare lists differing keys and exits 1 when a hash differs or forwardAsync differs from forward.
 * The base snapshot was made from commit 989bb78's build (its forwardAsync results are not kept:
 * 989bb78's Scattering2D.forwardAsync could split an FFT pair across threads).
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { hash, input } from "./hash-helpers.mjs";

const args = process.argv.slice(2);
let root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
let out;
let compare;
let doAsync = false;
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--out") out = args[++i];
  else if (args[i] === "--compare") compare = args[++i];
  else if (args[i] === "--async") doAsync = true;
  else root = resolve(args[i]);
}
const m = await import(pathToFileURL(join(root, "packages/scattering/dist/index.js")).href);
const { Scattering1D, Scattering2D, HarmonicScattering3D } = m;

const S1 = (o) => new Scattering1D(o);
const S2 = (o) => new Scattering2D(o);
const S3 = (o) => new HarmonicScattering3D(o);
// [name, make, input shape, item rank]
const cases = [
  ["1d-a", () => S1({ J: 6, shape: 1024, Q: 8 }), [3, 1024], 1],
  ["1d-b", () => S1({ J: 4, shape: 300, Q: [2, 2], T: 40 }), [2, 300], 1],
  ["1d-c", () => S1({ J: 5, shape: 500, Q: 4, T: "global" }), [3, 500], 1],
  ["1d-d", () => S1({ J: 5, shape: 777, Q: 3, maxOrder: 1, stride: 4 }), [2, 2, 777], 1],
  ["1d-e", () => S1({ J: 3, shape: [64], T: 5 }), [64], 1],
  ["2d-a", () => S2({ J: 2, shape: [32, 32] }), [3, 32, 32], 2],
  ["2d-b", () => S2({ J: 3, shape: [28, 40], L: 5 }), [3, 28, 40], 2],
  ["2d-c", () => S2({ J: 2, shape: [20, 18], L: 4, maxOrder: 1 }), [2, 20, 18], 2],
  ["2d-d", () => S2({ J: 3, shape: [64, 48], L: 6 }), [2, 64, 48], 2],
  ["3d-a", () => S3({ J: 2, shape: [16, 16, 16], L: 2 }), [3, 16, 16, 16], 3],
  ["3d-b", () => S3({ J: 3, shape: [12, 14, 10], L: 3 }), [2, 12, 14, 10], 3],
  ["3d-c", () => S3({ J: 2, shape: [9, 10, 11], L: 2, integralPowers: [1, 1.5] }), [3, 9, 10, 11], 3],
  [
    "3d-d",
    () => S3({ J: 1, shape: [8, 8, 8], L: 2, rotationCovariant: false, maxOrder: 1 }),
    [2, 8, 8, 8],
    3,
  ],
  [
    "3d-e",
    () => S3({ J: 4, shape: [16, 16, 16], L: 1, sigma0: 0.8, integralPowers: [0.5, 2, 3] }),
    [16, 16, 16],
    3,
  ],
  ["3d-f", () => S3({ J: 2, shape: [8, 8, 8], L: 2, pairSymmetry: false }), [2, 8, 8, 8], 3],
];
const result = {};
for (const [i, [name, make, shape, rank]] of cases.entries()) {
  let seed = 100 * i + 1; // seeds do not depend on --async
  const S = make();
  result[`${name}/meta`] = createHash("sha256").update(JSON.stringify(S.meta())).digest("hex").slice(0, 16);
  for (const f32 of [false, true])
    result[`${name}/${f32 ? "f32" : "f64"}`] = hash(S.forward(input(shape, seed++, f32)));
  if (doAsync) {
    const bshape = [5, ...shape.slice(shape.length - rank)];
    for (const f32 of [false, true]) {
      const x = input(bshape, seed++, f32);
      const fw = hash(S.forward(x));
      result[`${name}/batch5-${f32 ? "f32" : "f64"}`] = fw;
      result[`${name}/async-equals-forward-${f32 ? "f32" : "f64"}`] = hash(await S.forwardAsync(x)) === fw;
    }
    await S.dispose();
  }
}
// Internal route switches (static, read by the constructor): every route must give the same bits as before.
const switches = [
  [Scattering2D, "lowpassRoute", "fft", () => S2({ J: 2, shape: [28, 28], L: 4 }), [3, 28, 28]],
  [Scattering2D, "lowpassRoute", "spatial", () => S2({ J: 2, shape: [28, 28], L: 4 }), [3, 28, 28]],
  [
    Scattering2D,
    "finalFFTMinSize",
    Number.POSITIVE_INFINITY,
    () => S2({ J: 2, shape: [28, 28], L: 4 }),
    [3, 28, 28],
  ],
  [Scattering2D, "skipTolerance", 0, () => S2({ J: 3, shape: [32, 32], L: 4 }), [2, 32, 32]],
  [
    HarmonicScattering3D,
    "transposeLimit",
    1 << 30,
    () => S3({ J: 2, shape: [8, 10, 12], L: 2 }),
    [3, 8, 10, 12],
  ],
];
let seed = 10001;
for (const [C, key, val, make, shape] of switches) {
  const keep = C[key];
  C[key] = val;
  try {
    for (const f32 of [false, true])
      result[`static-${key}-${val}/${f32 ? "f32" : "f64"}`] = hash(make().forward(input(shape, seed++, f32)));
  } finally {
    C[key] = keep;
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
