/**
 * A Node.js app using the packed @scatterkit/classifiers and @scatterkit/networks the way a
 * user would (`LogisticRegression.fitAsync`, a network trained with `workers: 2`), written
 * into the packed app in ESM and CommonJS. It prints "APP START" once at its top level (a
 * worker that re-ran the app would print it again) and one "RESULT <json>" line: hashes of
 * the fitted values and the pool's trace events.
 */

const BODY = `
console.log("APP START");
const events = [];
globalThis.__scatterkitPoolTrace = (e) => events.push(e);
const hash = (a) => createHash("sha256").update(Buffer.from(a.buffer, a.byteOffset, a.byteLength)).digest("hex");
let s = 3;
const rnd = () => ((s = (s * 1664525 + 1013904223) >>> 0), s / 2 ** 32 - 0.5);

async function main() {
  // logistic regression: 400 x 24, 3 classes, fit on the calling thread and with 2 workers
  const n = 400, d = 24, k = 3;
  const X = new Float64Array(n * d);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % k;
    for (let j = 0; j < d; j++) X[i * d + j] = rnd() + (j % k === y[i] ? 0.8 : 0);
  }
  const fit = new LogisticRegression({ maxIter: 300 }).fit({ data: X, shape: [n, d] }, y);
  const lr = await new LogisticRegression({ maxIter: 300 }).fitAsync({ data: X, shape: [n, d] }, y, { workers: 2 });
  let lrDiff = 0, lrMax = 0;
  for (let i = 0; i < fit.coef.data.length; i++) {
    lrDiff = Math.max(lrDiff, Math.abs(fit.coef.data[i] - lr.coef.data[i]));
    lrMax = Math.max(lrMax, Math.abs(fit.coef.data[i]));
  }
  // a small sparse scattering network, 2 epochs, minibatch gradients split over 2 shards
  const m = 48;
  const data = new Float32Array(m * 256);
  for (let i = 0; i < data.length; i++) data[i] = rnd() + 0.5;
  const labels = Int32Array.from({ length: m }, (_, i) => i % 3);
  for (let i = 0; i < m; i++) for (let q = 0; q < 16; q++) data[i * 256 + labels[i] * 5 * 16 + q] += 1;
  const opts = { epochs: 2, batchSize: 16, projection: 6, atoms: 12, iterations: 3, workers: 2, seed: 9 };
  const net = await new SparseScatteringNetwork(opts).fit({ data, shape: [m, 16, 16] }, labels);
  const result = {
    lrAsync: hash(lr.coef.data) + hash(lr.intercept),
    lrRelDiff: lrDiff / lrMax,
    nn: createHash("sha256").update(JSON.stringify(net.toJSON().arrays)).digest("hex"),
    nnLoss: net.history.map((h) => h.loss),
    nnThreads: net.workerThreads,
    events,
  };
  console.log("RESULT " + JSON.stringify(result));
}
main();
`;

/** The app as an ES module. */
export const TRAIN_APP_MJS = `import { createHash } from "node:crypto";
import { LogisticRegression } from "@scatterkit/classifiers";
import { SparseScatteringNetwork } from "@scatterkit/networks";
${BODY}`;

/** The app as a CommonJS script. */
export const TRAIN_APP_CJS = `const { createHash } = require("node:crypto");
const { LogisticRegression } = require("@scatterkit/classifiers");
const { SparseScatteringNetwork } = require("@scatterkit/networks");
${BODY}`;

/** What the app prints after "RESULT ". */
export interface TrainResult {
  lrAsync: string;
  lrRelDiff: number;
  nn: string;
  nnLoss: number[];
  nnThreads: number;
  events: { event: string; className?: string; platform?: string; workers?: number; reason?: string }[];
}
