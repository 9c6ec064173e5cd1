// Mirrors the example of README.md ("Example" section); the first test checks both stay in sync.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { PhaseCollapseNetwork, loadNetwork } from "../src/index.js";

const START = "// --- README example start ---\n";
const END = "  // --- README example end ---";

it("the README example is the code of this test", () => {
  const md = readFileSync(join(__dirname, "..", "README.md"), "utf8");
  const block = /<!-- section:example -->[\s\S]*?```ts\n([\s\S]*?)```/.exec(md)?.[1] ?? "";
  const src = readFileSync(__filename, "utf8");
  const body = src.slice(src.lastIndexOf(START) + START.length, src.lastIndexOf(END));
  const strip = (s: string) =>
    s
      .split("\n")
      .map((l) => l.trim())
      .filter(
        (l) => l && !l.startsWith("import ") && !l.startsWith("printed.push") && !l.startsWith("console.log"),
      )
      .join("\n");
  expect(body.length).toBeGreaterThan(500);
  expect(strip(body)).toBe(strip(block));
});

it("README example runs and gives the documented results", async () => {
  const printed: string[] = [];
  // --- README example start ---
  // 120 tiny 16 x 16 images of 3 classes (horizontal stripes, vertical stripes, a blob)
  const n = 120;
  const images = { data: new Float32Array(n * 256), shape: [n, 16, 16] };
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    labels[i] = i % 3;
    for (let r = 0; r < 16; r++) {
      for (let c = 0; c < 16; c++) {
        const v = [Math.sin(r + i), Math.sin(c + i), Math.exp(-((r - 8) ** 2 + (c - 8) ** 2) / 10)][i % 3];
        images.data[i * 256 + r * 16 + c] = 0.5 + 0.4 * v;
      }
    }
  }
  const net = new PhaseCollapseNetwork({ J: 1, L: 4, widths: [8], epochs: 4, batchSize: 16, seed: 1 });
  await net.fit(images, labels, { validation: { images, labels } });
  printed.push(String(net.history.length)); // 4
  const proba = net.predictProba(images); // [120, 3], rows sum to 1
  const copy = loadNetwork(JSON.stringify(net.toJSON())); // exact round trip
  printed.push(String(copy.predictProba(images).data.every((p, i) => p === proba.data[i]))); // true
  const layers = net.layerFisherRatios(images, labels).map((f) => f.layer);
  printed.push(layers.join(", ")); // scattering, block 1, logits
  // --- README example end ---
  expect(printed).toEqual(["4", "true", "scattering, block 1, logits"]);
  expect(proba.shape).toEqual([120, 3]);
  expect(net.history[3].testAccuracy).toBeGreaterThan(0.9);
});
