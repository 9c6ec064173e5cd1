#!/usr/bin/env node
// Writes the CLI's example inputs from the original datasets (read in place, never downloaded):
//   node packages/cli/scripts/write-examples.mjs                       the committed examples:
//       packages/cli/examples/fsdd/*.wav            6 FSDD recordings (digits 0-5, one per speaker), copied
//       packages/cli/examples/fashion-mnist/*.png   8 Fashion-MNIST test images (t10k 0-7), 8-bit grey PNG
//   node packages/cli/scripts/write-examples.mjs --fashion-png DIR [--count N]
//       the first N (default all 70,000: train then t10k) Fashion-MNIST images as PNGs in DIR,
//       named train-00000.png ... t10k-09999.png (code-point order = train then test order);
//       used by the cli bench suite.
// Options: --data DIR (default $SCATTERKIT_DATA or ../shared/datasets), the folder holding
// fsdd/recordings and fashion-mnist/*.gz.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { encode } from "fast-png";

const here = dirname(fileURLToPath(import.meta.url));
const pkg = resolve(here, "..");
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const data = resolve(
  opt("data", process.env.SCATTERKIT_DATA ?? join(pkg, "..", "..", "..", "shared", "datasets")),
);

/** The images of one Fashion-MNIST IDX file: { count, rows, cols, pixels }. */
function readImages(split) {
  const file = join(data, "fashion-mnist", `${split}-images-idx3-ubyte.gz`);
  if (!existsSync(file)) throw new Error(`${file} is missing (give --data DIR)`);
  const b = gunzipSync(readFileSync(file));
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (v.getUint32(0) !== 0x803) throw new Error(`${file}: not an IDX uint8 image file`);
  return { count: v.getUint32(4), rows: v.getUint32(8), cols: v.getUint32(12), pixels: b.subarray(16) };
}

/** One image as an 8-bit grey PNG. */
function png(img, k) {
  const n = img.rows * img.cols;
  return encode({
    width: img.cols,
    height: img.rows,
    data: img.pixels.slice(k * n, (k + 1) * n),
    depth: 8,
    channels: 1,
  });
}

const fashionDir = opt("fashion-png");
if (fashionDir) {
  const want = Number(opt("count", "70000"));
  mkdirSync(fashionDir, { recursive: true });
  let written = 0;
  for (const split of ["train", "t10k"]) {
    const img = readImages(split);
    for (let k = 0; k < img.count && written < want; k++, written++) {
      writeFileSync(join(fashionDir, `${split}-${String(k).padStart(5, "0")}.png`), png(img, k));
    }
  }
  console.log(`wrote ${written} PNGs to ${fashionDir}`);
} else {
  const out = resolve(opt("out", join(pkg, "examples")));
  const fsdd = join(out, "fsdd");
  const fm = join(out, "fashion-mnist");
  mkdirSync(fsdd, { recursive: true });
  mkdirSync(fm, { recursive: true });
  const speakers = ["jackson", "nicolas", "theo", "yweweler", "george", "lucas"];
  speakers.forEach((s, digit) => {
    const name = `${digit}_${s}_0.wav`;
    writeFileSync(join(fsdd, name), readFileSync(join(data, "fsdd", "recordings", name))); // plain 0644 copy
  });
  const img = readImages("t10k");
  for (let k = 0; k < 8; k++) writeFileSync(join(fm, `t10k-${String(k).padStart(5, "0")}.png`), png(img, k));
  console.log(`wrote ${speakers.length} WAV files to ${fsdd} and 8 PNGs to ${fm}`);
}
