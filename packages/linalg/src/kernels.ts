/**
 * The WebAssembly SIMD kernels of @scatterkit/linalg, each defined once with
 * @scatterkit/core's defineKernel (formula, WebAssembly body, TypeScript twin giving the
 * same bits), gathered in one module whose memory is imported (each engine brings its own).
 * @internal
 */
import { KernelModule, type WasmBody, defineKernel } from "@scatterkit/core";
import { rowsAccTF32, rowsScoresF32, rowsScoresF32W32 } from "./rows-f32.js";
import { axpyDot, dotPair } from "./vector-kernels.js";

/** Rows of the register tile. @internal */
export const MR = 4;
/** Columns of the register tile. @internal */
export const NR = 4;

/**
 * One MR x NR tile in TypeScript: cb[cOff + i ldc + j] = sum_{p < kc} pa[ap + 4p + i] pb[bp + 4p + j]
 * for i, j < 4, each a sequential float64 sum from 0 (mul, then add).
 * @internal
 */
export function tileTs(
  pa: Float64Array,
  ap: number,
  pb: Float64Array,
  bp: number,
  kc: number,
  cb: Float64Array,
  cOff: number,
  ldc: number,
): void {
  let c00 = 0;
  let c01 = 0;
  let c02 = 0;
  let c03 = 0;
  let c10 = 0;
  let c11 = 0;
  let c12 = 0;
  let c13 = 0;
  let c20 = 0;
  let c21 = 0;
  let c22 = 0;
  let c23 = 0;
  let c30 = 0;
  let c31 = 0;
  let c32 = 0;
  let c33 = 0;
  for (let p = 0; p < kc; p++) {
    const a = ap + 4 * p;
    const b = bp + 4 * p;
    const b0 = pb[b];
    const b1 = pb[b + 1];
    const b2 = pb[b + 2];
    const b3 = pb[b + 3];
    const a0 = pa[a];
    c00 += a0 * b0;
    c01 += a0 * b1;
    c02 += a0 * b2;
    c03 += a0 * b3;
    const a1 = pa[a + 1];
    c10 += a1 * b0;
    c11 += a1 * b1;
    c12 += a1 * b2;
    c13 += a1 * b3;
    const a2 = pa[a + 2];
    c20 += a2 * b0;
    c21 += a2 * b1;
    c22 += a2 * b2;
    c23 += a2 * b3;
    const a3 = pa[a + 3];
    c30 += a3 * b0;
    c31 += a3 * b1;
    c32 += a3 * b2;
    c33 += a3 * b3;
  }
  let o = cOff;
  cb[o] = c00;
  cb[o + 1] = c01;
  cb[o + 2] = c02;
  cb[o + 3] = c03;
  o += ldc;
  cb[o] = c10;
  cb[o + 1] = c11;
  cb[o + 2] = c12;
  cb[o + 3] = c13;
  o += ldc;
  cb[o] = c20;
  cb[o + 1] = c21;
  cb[o + 2] = c22;
  cb[o + 3] = c23;
  o += ldc;
  cb[o] = c30;
  cb[o + 1] = c31;
  cb[o + 2] = c32;
  cb[o + 3] = c33;
}

/**
 * Block product of packed panels (the GEMM macro-kernel):
 *   cb[i ncp + j] = sum_{p < kc} A(i, p) B(p, j)   for i < ceil(mc/4) 4, j < ncp = ceil(nc/4) 4,
 * with A(i, p) = pa[(i - i mod 4) kc + 4p + i mod 4] (row panels of 4) and
 * B(p, j) = pb[(j - j mod 4) kc + 4p + j mod 4] (column panels of 4); each entry a
 * sequential float64 sum from 0 (mul, then add; no fused multiply-add). The WebAssembly body
 * keeps the 4 x 4 tile in eight f64x2 accumulators (two columns per lane pair).
 * @internal
 */
export const gemmBlock = defineKernel({
  name: "gemmBlock",
  doc: "cb[i ncp + j] = sum_{p<kc} pa[(i&~3) kc + 4p + (i&3)] pb[(j&~3) kc + 4p + (j&3)], i < mc rounded up to 4, j < ncp = nc rounded up to 4",
  params: ["pa: f64[]", "pb: f64[]", "cb: f64[]", "mc: i32", "nc: i32", "kc: i32"],
  wasm: (f, p) => {
    const [ncp, jr, ir, ap, bp, bEnd, bPanel, cRow, ldcBytes, panelBytes] = f.declare(10, "i32");
    const acc = f.declare(8, "v128");
    const [b0, b1, a] = f.declare(3, "v128");
    // ncp = (nc + 3) & ~3; ldcBytes = ncp * 8; panelBytes = kc * 32
    f.get(p.nc).i32(3).op("i32.add").i32(-4).op("i32.and").set(ncp);
    f.get(ncp).i32(3).op("i32.shl").set(ldcBytes);
    f.get(p.kc).i32(5).op("i32.shl").set(panelBytes);
    f.i32(0).set(jr);
    f.loopWhileLess(jr, ncp, () => {
      // bPanel = pb + jr * kc * 8
      f.get(p.pb).get(jr).get(p.kc).op("i32.mul").i32(3).op("i32.shl").op("i32.add").set(bPanel);
      f.i32(0).set(ir);
      f.loopWhileLess(ir, p.mc, () => {
        for (const v of acc) f.f64x2(0, 0).set(v);
        // ap = pa + ir * kc * 8; bp = bPanel; bEnd = bPanel + kc * 32
        f.get(p.pa).get(ir).get(p.kc).op("i32.mul").i32(3).op("i32.shl").op("i32.add").set(ap);
        f.get(bPanel).set(bp);
        f.get(bPanel).get(panelBytes).op("i32.add").set(bEnd);
        f.loopWhileLess(bp, bEnd, () => {
          f.get(bp).load(0).set(b0);
          f.get(bp).load(16).set(b1);
          for (let i = 0; i < 4; i++) {
            f.get(ap)
              .op("v128.load64_splat", 3, 8 * i)
              .set(a);
            f.get(acc[2 * i])
              .get(a)
              .get(b0)
              .mul()
              .add()
              .set(acc[2 * i]);
            f.get(acc[2 * i + 1])
              .get(a)
              .get(b1)
              .mul()
              .add()
              .set(acc[2 * i + 1]);
          }
          f.inc(ap, 32).inc(bp, 32);
        });
        // cRow = cb + (ir * ncp + jr) * 8
        f.get(p.cb)
          .get(ir)
          .get(ncp)
          .op("i32.mul")
          .get(jr)
          .op("i32.add")
          .i32(3)
          .op("i32.shl")
          .op("i32.add")
          .set(cRow);
        for (let i = 0; i < 4; i++) {
          f.get(cRow)
            .get(acc[2 * i])
            .store(0);
          f.get(cRow)
            .get(acc[2 * i + 1])
            .store(16);
          if (i < 3) f.get(cRow).get(ldcBytes).op("i32.add").set(cRow);
        }
        f.inc(ir, 4);
      });
      f.inc(jr, 4);
    });
  },
  ts: (_m, pa, pb, cb, mc, nc, kc) => {
    const ncp = (nc + 3) & ~3;
    for (let jr = 0; jr < ncp; jr += 4) {
      for (let ir = 0; ir < mc; ir += 4) tileTs(pa, ir * kc, pb, jr * kc, kc, cb, ir * ncp + jr, ncp);
    }
  },
  sample: (s) => {
    const mc = s.int(1, 13);
    const nc = s.int(1, 13);
    const kc = s.int(1, 40);
    const mp = (mc + 3) & ~3;
    const np = (nc + 3) & ~3;
    return [s.f64(mp * kc), s.f64(np * kc), s.f64(mp * np), mc, nc, kc];
  },
});

type RowsType = "f32" | "f64";

/** Pushes the f64x2 pair of X at the address in local `ptr` (+ byte offset): two doubles, or two floats promoted. */
function loadPair(f: WasmBody, ptr: number, t: RowsType, offset = 0): void {
  if (t === "f64") f.get(ptr).load(offset);
  else f.get(ptr).op("v128.load64_zero", 2, offset).op("f64x2.promote_low_f32x4");
}

/**
 * Builds the row-block scores kernel for X of element type `t`:
 *   z[q l + c] = (S_even(q, c) + S_odd(q, c)) + bias[c]   for q < nb, c < l,
 * S_even / S_odd the sequential float64 sums over even / odd j < dp of x[q dp + j] w[c dp + j]
 * (the two lanes of an f64x2 accumulator). Needs nb % 4 == 0, l % 2 == 0, dp % 4 == 0.
 * Tile: 4 rows x 2 classes (eight accumulators).
 */
function rowsScores<const N extends string>(name: N, t: RowsType) {
  const es = t === "f64" ? 8 : 4;
  const sh = t === "f64" ? 3 : 2;
  return defineKernel({
    name,
    doc: `z[q l + c] = (sum_{j even < dp} x[q dp + j] w[c dp + j] + sum_{j odd < dp} ...) + bias[c], q < nb (multiple of 4), c < l (even), dp % 4 == 0; x ${t}`,
    params: [`x: ${t}[]`, "w: f64[]", "bias: f64[]", "z: f64[]", "nb: i32", "l: i32", "dp: i32"] as const,
    wasm: (f, p) => {
      const [q, c, rowBytes, end, wa, wb, zr] = f.declare(7, "i32");
      const xp = f.declare(4, "i32");
      const acc = f.declare(8, "v128");
      const xv = f.declare(4, "v128");
      const [va, vb] = f.declare(2, "v128");
      f.get(p.dp).i32(sh).op("i32.shl").set(rowBytes);
      f.i32(0).set(q);
      f.loopWhileLess(q, p.nb, () => {
        f.i32(0).set(c);
        f.loopWhileLess(c, p.l, () => {
          for (const v of acc) f.f64x2(0, 0).set(v);
          f.get(p.x).get(q).get(rowBytes).op("i32.mul").op("i32.add").set(xp[0]);
          for (let i = 1; i < 4; i++)
            f.get(xp[i - 1])
              .get(rowBytes)
              .op("i32.add")
              .set(xp[i]);
          f.get(xp[0]).get(rowBytes).op("i32.add").set(end);
          f.get(p.w).get(c).get(p.dp).op("i32.mul").i32(3).op("i32.shl").op("i32.add").set(wa);
          f.get(wa).get(p.dp).i32(3).op("i32.shl").op("i32.add").set(wb);
          // two pairs of j per trip (dp % 4 == 0), the second through constant offsets
          f.loopWhileLess(xp[0], end, () => {
            for (let u = 0; u < 2; u++) {
              for (let i = 0; i < 4; i++) {
                loadPair(f, xp[i], t, u * 2 * es);
                f.set(xv[i]);
              }
              f.get(wa)
                .load(16 * u)
                .set(va);
              f.get(wb)
                .load(16 * u)
                .set(vb);
              for (let i = 0; i < 4; i++) {
                f.get(acc[2 * i])
                  .get(xv[i])
                  .get(va)
                  .mul()
                  .add()
                  .set(acc[2 * i]);
                f.get(acc[2 * i + 1])
                  .get(xv[i])
                  .get(vb)
                  .mul()
                  .add()
                  .set(acc[2 * i + 1]);
              }
            }
            for (let i = 0; i < 4; i++) f.inc(xp[i], 4 * es);
            f.inc(wa, 32).inc(wb, 32);
          });
          // zr = z + (q l + c) * 8
          f.get(p.z)
            .get(q)
            .get(p.l)
            .op("i32.mul")
            .get(c)
            .op("i32.add")
            .i32(3)
            .op("i32.shl")
            .op("i32.add")
            .set(zr);
          for (let i = 0; i < 4; i++) {
            for (let h = 0; h < 2; h++) {
              const a = acc[2 * i + h];
              f.get(zr);
              f.get(a).op("f64x2.extract_lane", 0).get(a).op("f64x2.extract_lane", 1).op("f64.add");
              f.get(p.bias)
                .get(c)
                .i32(3)
                .op("i32.shl")
                .op("i32.add")
                .op("f64.load", 3, 8 * h)
                .op("f64.add");
              f.op("f64.store", 3, 8 * h);
            }
            if (i < 3) f.get(zr).get(p.l).i32(3).op("i32.shl").op("i32.add").set(zr);
          }
          f.inc(c, 2);
        });
        f.inc(q, 4);
      });
    },
    ts: (
      _m,
      x: Float32Array | Float64Array,
      w: Float64Array,
      bias: Float64Array,
      z: Float64Array,
      nb: number,
      l: number,
      dp: number,
    ) => {
      for (let q = 0; q < nb; q++) {
        const xo = q * dp;
        for (let c = 0; c < l; c++) {
          const wo = c * dp;
          let se = 0;
          let so = 0;
          for (let j = 0; j < dp; j += 2) {
            se += x[xo + j] * w[wo + j];
            so += x[xo + j + 1] * w[wo + j + 1];
          }
          z[q * l + c] = se + so + bias[c];
        }
      }
    },
    sample: (s) => {
      const nb = 4 * s.int(1, 3);
      const l = 2 * s.int(1, 3);
      const dp = 4 * s.int(1, 10);
      const x = t === "f64" ? s.f64(nb * dp) : s.f32(nb * dp);
      return [x, s.f64(l * dp), s.f64(l), s.f64(nb * l), nb, l, dp] as never;
    },
  });
}

/** Columns of G per pass of the transposed product (keeps the G chunk in L1). @internal */
export const ROWS_JC = 256;

/**
 * Builds the row-block transposed-product kernel for X of element type `t`:
 *   g[c dp + j] = g[c dp + j] + (((r[q l + c] x[q dp + j] + r[(q+1) l + c] x[(q+1) dp + j])
 *                 + r[(q+2) l + c] x[(q+2) dp + j]) + r[(q+3) l + c] x[(q+3) dp + j])
 * for each quad of rows q = 0, 4, .. < nb in turn (columns in chunks of 256), c < l, j < dp.
 * Needs nb % 4 == 0, l % 2 == 0, dp % 4 == 0. Tile: 4 rows x 2 classes.
 */
function rowsAccT<const N extends string>(name: N, t: RowsType) {
  const es = t === "f64" ? 8 : 4;
  const sh = t === "f64" ? 3 : 2;
  return defineKernel({
    name,
    doc: `g[c dp + j] += sum over row quads (in order) of (((r0 x0 + r1 x1) + r2 x2) + r3 x3), r_i = r[(q+i) l + c], x_i = x[(q+i) dp + j]; nb % 4 == 0, l even, dp % 4 == 0; x ${t}`,
    params: [`x: ${t}[]`, "r: f64[]", "g: f64[]", "nb: i32", "l: i32", "dp: i32"] as const,
    wasm: (f, p) => {
      const [j0, jEnd, q, c, rowBytes, ga, gb, gEnd, rr, rowG] = f.declare(10, "i32");
      const xp = f.declare(4, "i32");
      const ra = f.declare(4, "v128");
      const rb = f.declare(4, "v128");
      const xv = f.declare(4, "v128");
      const [ta, tb] = f.declare(2, "v128");
      f.get(p.dp).i32(sh).op("i32.shl").set(rowBytes);
      f.get(p.dp).i32(3).op("i32.shl").set(rowG);
      f.i32(0).set(j0);
      f.loopWhileLess(j0, p.dp, () => {
        // jEnd = min(j0 + JC, dp)
        f.get(j0).i32(ROWS_JC).op("i32.add").set(jEnd);
        f.get(jEnd)
          .get(p.dp)
          .op("i32.gt_u")
          .ifElse(() => {
            f.get(p.dp).set(jEnd);
          });
        f.i32(0).set(q);
        f.loopWhileLess(q, p.nb, () => {
          f.i32(0).set(c);
          f.loopWhileLess(c, p.l, () => {
            // rr = r + (q l + c) * 8
            f.get(p.r)
              .get(q)
              .get(p.l)
              .op("i32.mul")
              .get(c)
              .op("i32.add")
              .i32(3)
              .op("i32.shl")
              .op("i32.add")
              .set(rr);
            for (let i = 0; i < 4; i++) {
              f.get(rr).op("v128.load64_splat", 3, 0).set(ra[i]);
              f.get(rr).op("v128.load64_splat", 3, 8).set(rb[i]);
              if (i < 3) f.get(rr).get(p.l).i32(3).op("i32.shl").op("i32.add").set(rr);
            }
            f.get(p.x)
              .get(q)
              .get(rowBytes)
              .op("i32.mul")
              .op("i32.add")
              .get(j0)
              .i32(sh)
              .op("i32.shl")
              .op("i32.add")
              .set(xp[0]);
            for (let i = 1; i < 4; i++)
              f.get(xp[i - 1])
                .get(rowBytes)
                .op("i32.add")
                .set(xp[i]);
            f.get(p.g)
              .get(c)
              .get(rowG)
              .op("i32.mul")
              .op("i32.add")
              .get(j0)
              .i32(3)
              .op("i32.shl")
              .op("i32.add")
              .set(ga);
            f.get(ga).get(rowG).op("i32.add").set(gb);
            f.get(ga).get(jEnd).get(j0).op("i32.sub").i32(3).op("i32.shl").op("i32.add").set(gEnd);
            // two pairs of j per trip (chunks and dp are multiples of 4)
            f.loopWhileLess(ga, gEnd, () => {
              for (let u = 0; u < 2; u++) {
                for (let i = 0; i < 4; i++) {
                  loadPair(f, xp[i], t, u * 2 * es);
                  f.set(xv[i]);
                }
                f.get(ra[0]).get(xv[0]).mul().set(ta);
                f.get(rb[0]).get(xv[0]).mul().set(tb);
                for (let i = 1; i < 4; i++) {
                  f.get(ta).get(ra[i]).get(xv[i]).mul().add().set(ta);
                  f.get(tb).get(rb[i]).get(xv[i]).mul().add().set(tb);
                }
                f.get(ga)
                  .get(ga)
                  .load(16 * u)
                  .get(ta)
                  .add()
                  .store(16 * u);
                f.get(gb)
                  .get(gb)
                  .load(16 * u)
                  .get(tb)
                  .add()
                  .store(16 * u);
              }
              for (let i = 0; i < 4; i++) f.inc(xp[i], 4 * es);
              f.inc(ga, 32).inc(gb, 32);
            });
            f.inc(c, 2);
          });
          f.inc(q, 4);
        });
        f.get(j0).i32(ROWS_JC).op("i32.add").set(j0);
      });
    },
    ts: (
      _m,
      x: Float32Array | Float64Array,
      r: Float64Array,
      g: Float64Array,
      nb: number,
      l: number,
      dp: number,
    ) => {
      for (let j0 = 0; j0 < dp; j0 += ROWS_JC) {
        const jEnd = Math.min(j0 + ROWS_JC, dp);
        for (let q = 0; q < nb; q += 4) {
          const x0 = q * dp;
          const x1 = x0 + dp;
          const x2 = x1 + dp;
          const x3 = x2 + dp;
          for (let c = 0; c < l; c++) {
            const r0 = r[q * l + c];
            const r1 = r[(q + 1) * l + c];
            const r2 = r[(q + 2) * l + c];
            const r3 = r[(q + 3) * l + c];
            const go = c * dp;
            for (let j = j0; j < jEnd; j++) {
              let s = r0 * x[x0 + j];
              s += r1 * x[x1 + j];
              s += r2 * x[x2 + j];
              s += r3 * x[x3 + j];
              g[go + j] += s;
            }
          }
        }
      }
    },
    sample: (s) => {
      const nb = 4 * s.int(1, 3);
      const l = 2 * s.int(1, 3);
      const dp = 4 * s.int(1, 150);
      const x = t === "f64" ? s.f64(nb * dp) : s.f32(nb * dp);
      return [x, s.f64(nb * l), s.f64(l * dp), nb, l, dp] as never;
    },
  });
}

/** Row-block kernels (X resident in module memory, see PackedRows). @internal */
export const rowsScoresF64 = rowsScores("rowsScoresF64", "f64");
/** @internal */
export const rowsAccTF64 = rowsAccT("rowsAccTF64", "f64");
/** Float32 X with float64 products (each float32 entry promoted; PackedRows products "float64"). @internal */
export const rowsScoresF32Exact = rowsScores("rowsScoresF32Exact", "f32");
/** @internal */
export const rowsAccTF32Exact = rowsAccT("rowsAccTF32Exact", "f32");
/** The float32-product row kernels (rows-f32.ts; PackedRows products "float32"). @internal */
export { rowsScoresF32, rowsScoresF32W32, rowsAccTF32 } from "./rows-f32.js";

/** The module of linalg's kernels (memory imported as env.mem). @internal */
export const linalgModule = new KernelModule(
  "linalg",
  [
    gemmBlock,
    rowsScoresF64,
    rowsScoresF32,
    rowsAccTF64,
    rowsAccTF32,
    rowsScoresF32Exact,
    rowsAccTF32Exact,
    axpyDot,
    dotPair,
    rowsScoresF32W32,
  ] as const,
  {
    import: { module: "env", name: "mem" },
    min: 1,
  },
);
