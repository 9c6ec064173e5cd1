// Seeded inputs and output hashes shared by the transform and JTFS hash scripts (not shipped).
import { createHash } from "node:crypto";

/** mulberry32: seeded uniform numbers in [0, 1). */
export function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A tensor of the given shape with values uniform in [-1, 1) from `seed` (float32 when `f32`). */
export function input(shape, seed, f32) {
  const n = shape.reduce((a, b) => a * b, 1);
  const r = rng(seed);
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = r() * 2 - 1;
  return { data: f32 ? Float32Array.from(d) : d, shape };
}

/** First 16 hex digits of the SHA-256 of a tensor's shape, element type and bytes. */
export function hash(y) {
  const c = createHash("sha256");
  c.update(JSON.stringify(y.shape));
  c.update(y.data.constructor.name);
  c.update(Buffer.from(y.data.buffer, y.data.byteOffset, y.data.byteLength));
  return c.digest("hex").slice(0, 16);
}
