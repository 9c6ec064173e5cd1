/**
 * {@link ndInMemory}: N-D complex transforms run entirely in module memory (every axis as
 * batched runs of the {@link WasmEngine}s, large strided blocks gathered into scratch).
 * @internal
 */
import type { WasmEngine } from "./engine";
import { copyIn, copyOut, gatherArea, ndArea, simd } from "./state";

/** Largest [n, columns] block (complex values) transformed in place by one batched run. */
const ND_BLOCK = 16384;

/**
 * N-D complex transform entirely in module memory: one copy in, every axis
 * (rows of the last axis one run each, inner axes as batched [n, inner] runs),
 * one copy out. `engines[a]` transforms axis a (null for axes of length 1).
 * `x` holds prod(shape) interleaved complex values; the result goes to `y`
 * (may be `x`). The inverse is scaled by 1 / prod(shape). Returns false (and does
 * nothing) when module memory cannot hold the data.
 */
export function ndInMemory(
  x: Float64Array | Float32Array,
  y: Float64Array | Float32Array,
  shape: readonly number[],
  engines: (WasmEngine | null)[],
  inverse: boolean,
): boolean {
  const total = shape.reduce((p, s) => p * s, 1);
  try {
    ndArea(2 * total);
    // Reserve the gather scratch before taking a view of the (possibly grown) memory.
    gatherArea(2 * ND_BLOCK);
  } catch {
    return false; // module memory cannot grow that far: the caller uses the TypeScript path
  }
  const { a, b } = simd.nd;
  const mem = simd.f64;
  const a0 = a / 8;
  if (x instanceof Float64Array) copyIn(x, 0, 2, a, total);
  else for (let i = 0; i < 2 * total; i++) mem[a0 + i] = x[i];
  const sign = inverse ? 1 : -1;
  // `cur` holds the data, `other` is scratch; every run of an axis ends in the same
  // buffer (same number of passes), which then becomes `cur`.
  let cur = a;
  let other = b;
  let inner = 1;
  for (let ax = shape.length - 1; ax >= 0; ax--) {
    const n = shape[ax];
    const eng = engines[ax];
    if (eng && n > 1) {
      const scale = inverse ? 1 / n : 1;
      const outer = total / (n * inner);
      const block = 16 * n * inner;
      // Gather only when the block is large and a chunk still spans >= 8 columns
      // (rows of the last axis, inner = 1, are contiguous already).
      if (n * inner <= ND_BLOCK || Math.min(inner, Math.floor(ND_BLOCK / n)) < 8) {
        const res = eng.runBlocks(cur, other, outer, block, inner, sign, scale);
        if (res !== cur) {
          const t = cur;
          cur = other;
          other = t;
        }
      } else {
        // Large [n, inner] blocks: gather w columns at a time into cache-sized scratch.
        const w = Math.min(inner, Math.floor(ND_BLOCK / n));
        const g = simd.gather;
        for (let o = 0; o < outer; o++) {
          const base = (cur + o * block) / 8;
          for (let c0 = 0; c0 < inner; c0 += w) {
            const cw = Math.min(w, inner - c0);
            const g0 = g.a / 8;
            for (let e = 0; e < n; e++) {
              const from = base + 2 * (e * inner + c0);
              mem.copyWithin(g0 + 2 * e * cw, from, from + 2 * cw);
            }
            const res = eng.run(g.a, g.b, cw, sign, scale) / 8;
            for (let e = 0; e < n; e++) {
              const from = res + 2 * e * cw;
              mem.copyWithin(base + 2 * (e * inner + c0), from, from + 2 * cw);
            }
          }
        }
      }
    }
    inner *= n;
  }
  if (y instanceof Float64Array) copyOut(cur, y, 0, 2, total);
  else for (let i = 0, c0 = cur / 8; i < 2 * total; i++) y[i] = mem[c0 + i];
  return true;
}
