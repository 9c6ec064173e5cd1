/**
 * The page code every bundle test uses, written into the packed app: `compute.js` runs
 * Scattering1D / Scattering2D forward and forwardAsync on fixed inputs with the installed
 * packages; `main.js` (the browser entry) puts its result on `window`; `node-check.mjs`
 * prints it as JSON in Node.js for comparison.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const COMPUTE_JS = `
import { Scattering1D, Scattering2D } from "@scatterkit/scattering";
import { loadFsdd, readIdx, readWav, writeIdx, writeWav } from "@scatterkit/datasets";

// @scatterkit/datasets: bytes parsed in the browser as in Node.js; file reading refused clearly
function datasets() {
  const tone = Float64Array.from({ length: 400 }, (_, i) => 0.5 * Math.sin(i * 0.3));
  const wav = readWav(writeWav([tone], { sampleRate: 8000, bitsPerSample: 16 }));
  const idx = readIdx(writeIdx({ type: "uint8", shape: [2, 3], data: Uint8Array.from([1, 2, 3, 250, 251, 252]) }));
  let loadError = "";
  try {
    loadFsdd("/data/fsdd");
  } catch (e) {
    loadError = e.name + ": " + e.message;
  }
  return { wav: Array.from(wav.data[0]), sampleRate: wav.sampleRate, idx: Array.from(idx.data), idxShape: idx.shape, loadError };
}

function noise(n, seed) {
  let s = seed;
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s = (s * 1664525 + 1013904223) >>> 0;
    a[i] = s / 2 ** 32 - 0.5;
  }
  return a;
}

export async function compute() {
  const events = [];
  globalThis.__scatterkitPoolTrace = (e) => events.push(e);
  const s1 = new Scattering1D({ J: 4, shape: 256, Q: [4, 1] });
  const x1 = { data: noise(5 * 256, 1), shape: [5, 256] };
  const s2 = new Scattering2D({ J: 2, shape: [28, 28], L: 4 });
  const x2 = { data: noise(5 * 784, 2), shape: [5, 28, 28] };
  const f1 = s1.forward(x1), a1 = await s1.forwardAsync(x1);
  const f2 = s2.forward(x2), a2 = await s2.forwardAsync(x2);
  await s1.dispose();
  await s2.dispose();
  return {
    f1: Array.from(f1.data), a1: Array.from(a1.data), shape1: a1.shape,
    f2: Array.from(f2.data), a2: Array.from(a2.data), shape2: a2.shape,
    names: [s1.constructor.name, s2.constructor.name],
    events,
    datasets: datasets(),
  };
}
`;

export const MAIN_JS = `
import { compute } from "./compute.js";
window.__done = compute().then(
  (r) => { window.__result = r; },
  (e) => { window.__error = String((e && e.stack) || e); },
);
`;

export const NODE_CHECK_MJS = `
import { compute } from "./compute.js";
console.log(JSON.stringify(await compute()));
`;

export const INDEX_HTML = (script: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>scatterkit bundle</title></head><body><script type="module" src="${script}"></script></body></html>\n`;

/** Writes the page sources into `dir` (inside the packed app, so that imports resolve there). */
export function writePageSources(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "compute.js"), COMPUTE_JS);
  writeFileSync(join(dir, "main.js"), MAIN_JS);
  writeFileSync(join(dir, "node-check.mjs"), NODE_CHECK_MJS);
  writeFileSync(join(dir, "index.html"), INDEX_HTML("./main.js"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
}

/** max |a - b| / max |b| (the contract's relative error). */
export function relErr(a: number[], b: number[]): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  let num = 0;
  let den = 0;
  for (let i = 0; i < a.length; i++) {
    num = Math.max(num, Math.abs(a[i] - b[i]));
    den = Math.max(den, Math.abs(b[i]));
  }
  return den === 0 ? num : num / den;
}
