/**
 * The row-block kernels of PackedRows for float32 X: float32 products (f32x4, four lanes
 * per SIMD operation instead of f64x2's two) whose short float32 partial sums are promoted
 * to float64 and accumulated there. Same parameters as the float64 kernels of kernels.ts
 * (the float64 factors W and R are rounded to float32 inside the kernel), so callers need
 * no float32 copy of them.
 *
 * Accuracy: each product x w is the float32 rounding of x fl32(w) (relative error <= 2^-24
 * twice); at most 8 products (8 columns or 8 rows) are summed in float32
 * before a float64 addition, so the error does not grow with the length of the sum as a
 * plain float32 dot product's does.
 * @internal
 */
import { type WasmBody, defineKernel } from "@scatterkit/core";

/** Columns summed in float32 before each float64 addition in the scores kernel (8 trips of 4). */
export const F32_CHUNK = 32;
/** Columns of G per pass of the transposed product (1024: measured ~10% faster than 256 on 3000 x 3969 float32 rows, 10 classes; any value gives the same bits). */
const JC = 1024;

/** Byte pattern of i8x16.shuffle taking the low 8 bytes of a, then the low 8 bytes of b. */
const LOW_LOW = [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23];
/** Byte pattern moving lanes 2, 3 of an f32x4 to lanes 0, 1. */
const HIGH_TO_LOW = [8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15];

const fr = Math.fround;

/** Pushes the f32x4 (fl32(w[0]), .., fl32(w[3])) of the four doubles at the address in local `ptr` + `off`. */
function demote4(f: WasmBody, ptr: number, off = 0): void {
  f.get(ptr).load(off).op("f32x4.demote_f64x2_zero");
  f.get(ptr)
    .load(off + 16)
    .op("f32x4.demote_f64x2_zero");
  f.op("i8x16.shuffle", ...LOW_LOW);
}

/** acc64 = (acc64 + promote(a[0], a[1])) + promote(a[2], a[3]) for the f32x4 local `a`. */
function addPromoted(f: WasmBody, acc64: number, a: number): void {
  f.get(acc64).get(a).op("f64x2.promote_low_f32x4").add();
  f.get(a)
    .get(a)
    .op("i8x16.shuffle", ...HIGH_TO_LOW)
    .op("f64x2.promote_low_f32x4")
    .add();
  f.set(acc64);
}

/**
 * Scores of a block of rows, float32 products:
 *   z[q l + c] = (s0 + s1) + bias[c],   q < nb (multiple of 4), c < l (even), dp % 4 == 0,
 * where, over chunks of 32 columns j0 = 0, 32, ..: a_t = sum in float32, in order, of
 * fl32(x[q dp + j] fl32(w[c dp + j])) for j = j0 + t, j0 + t + 4, .. < min(j0 + 32, dp)
 * (t = 0..3), then s0 = (s0 + a_0) + a_2 and s1 = (s1 + a_1) + a_3 in float64.
 * Tile: 4 rows x 2 classes, 4 columns per trip. Each chunk's lane sums start from its first
 * trip's products (0 + p = p up to the sign of a zero, which the float64 sums s0, s1, starting
 * at +0, absorb: the same bits as starting from 0, with 8 fewer additions per chunk).
 */
function scoresF32<const N extends string, const WT extends "f64" | "f32">(name: N, wt: WT) {
  const wsh = wt === "f64" ? 3 : 2;
  return defineKernel({
    name,
    doc: `z[q l + c] = (s0 + s1) + bias[c]; per 32-column chunk, float32 lane sums a_t of fl32(x[q dp + j] fl32(w[c dp + j])), j = t mod 4, then s0 = (s0 + a0) + a2, s1 = (s1 + a1) + a3 in float64; nb % 4 == 0, l even, dp % 4 == 0; w ${wt}`,
    params: [
      "x: f32[]",
      `w: ${wt}[]` as "w: f64[]",
      "bias: f64[]",
      "z: f64[]",
      "nb: i32",
      "l: i32",
      "dp: i32",
    ] as const,
    wasm: (f, p) => {
      const [q, c, rowBytes, end, chunkEnd, wa, wb, zr] = f.declare(8, "i32");
      const xp = f.declare(4, "i32");
      const acc = f.declare(8, "v128");
      const a32 = f.declare(8, "v128");
      const [va, vb, xv] = f.declare(3, "v128");
      // one trip of 4 columns, pointers advanced; `first`: the lane sums start from its products
      const trip = (first: boolean) => {
        if (wt === "f64") {
          demote4(f, wa);
          f.set(va);
          demote4(f, wb);
          f.set(vb);
        } else {
          f.get(wa).load(0, 2).set(va);
          f.get(wb).load(0, 2).set(vb);
        }
        for (let i = 0; i < 4; i++) {
          f.get(xp[i]).load(0, 2).set(xv);
          for (const [h, v] of [
            [0, va],
            [1, vb],
          ] as const) {
            const a = a32[2 * i + h];
            if (first) f.get(xv).get(v).op("f32x4.mul").set(a);
            else f.get(a).get(xv).get(v).op("f32x4.mul").op("f32x4.add").set(a);
          }
          f.inc(xp[i], 16);
        }
        f.inc(wa, 4 << wsh).inc(wb, 4 << wsh);
      };
      f.get(p.dp).i32(2).op("i32.shl").set(rowBytes);
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
          f.get(p.w).get(c).get(p.dp).op("i32.mul").i32(wsh).op("i32.shl").op("i32.add").set(wa);
          f.get(wa).get(p.dp).i32(wsh).op("i32.shl").op("i32.add").set(wb);
          f.loopWhileLess(xp[0], end, () => {
            // chunkEnd = min(xp0 + 32 floats, end)
            f.get(xp[0])
              .i32(4 * F32_CHUNK)
              .op("i32.add")
              .set(chunkEnd);
            f.get(chunkEnd)
              .get(end)
              .op("i32.gt_u")
              .ifElse(() => {
                f.get(end).set(chunkEnd);
              });
            trip(true);
            f.loopWhileLess(xp[0], chunkEnd, () => trip(false));
            for (let k = 0; k < 8; k++) addPromoted(f, acc[k], a32[k]);
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
      x: Float32Array,
      w: Float64Array | Float32Array,
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
          let s0 = 0;
          let s1 = 0;
          for (let j0 = 0; j0 < dp; j0 += F32_CHUNK) {
            const je = Math.min(j0 + F32_CHUNK, dp);
            let a0 = 0;
            let a1 = 0;
            let a2 = 0;
            let a3 = 0;
            for (let j = j0; j < je; j += 4) {
              a0 = fr(a0 + fr(x[xo + j] * fr(w[wo + j])));
              a1 = fr(a1 + fr(x[xo + j + 1] * fr(w[wo + j + 1])));
              a2 = fr(a2 + fr(x[xo + j + 2] * fr(w[wo + j + 2])));
              a3 = fr(a3 + fr(x[xo + j + 3] * fr(w[wo + j + 3])));
            }
            s0 = s0 + a0 + a2;
            s1 = s1 + a1 + a3;
          }
          z[q * l + c] = s0 + s1 + bias[c];
        }
      }
    },
    sample: (s) => {
      const nb = 4 * s.int(1, 3);
      const l = 2 * s.int(1, 3);
      const dp = 4 * s.int(1, 40);
      const w = wt === "f64" ? s.f64(l * dp) : s.f32(l * dp);
      return [s.f32(nb * dp), w, s.f64(l), s.f64(nb * l), nb, l, dp] as never;
    },
  });
}

/** Scores kernel taking W as float64 (rounded to float32 in the kernel). @internal */
export const rowsScoresF32 = scoresF32("rowsScoresF32", "f64");
/** The same with W already rounded to float32 (same bits; the rounding done once per pass). @internal */
export const rowsScoresF32W32 = scoresF32("rowsScoresF32W32", "f32");

/**
 * Transposed product of a block of rows, float32 products:
 *   g[c dp + j] = g[c dp + j] + fl32(..fl32(fl32(p_0 + p_1) + p_2).. + p_{m-1}),
 *   p_i = fl32(fl32(r[(q+i) l + c]) x[(q+i) dp + j]),
 * over groups of m = 8 rows q = 0, 8, .. (then one group of m = 4 when nb % 8 == 4), in
 * turn, columns in chunks of 1024, c < l, j < dp (each group's sum in float32, its addition
 * to g in float64). Needs nb % 4 == 0, dp % 4 == 0. Tile: 8 (or 4) rows x 1 class, 8
 * columns per trip.
 */
export const rowsAccTF32 = defineKernel({
  name: "rowsAccTF32",
  doc: "g[c dp + j] += fl32(..fl32(p0 + p1).. + p_{m-1}), p_i = fl32(fl32(r[(q+i) l + c]) x[(q+i) dp + j]), row groups of m = 8 (last m = 4 when nb % 8 == 4) in order; nb % 4 == 0, dp % 4 == 0",
  params: ["x: f32[]", "r: f64[]", "g: f64[]", "nb: i32", "l: i32", "dp: i32"] as const,
  wasm: (f, p) => {
    const [j0, jEnd, q, c, rowBytes, ga, gEnd, gEnd8, rr, rowG, q8, lBytes] = f.declare(12, "i32");
    const xp = f.declare(8, "i32");
    const rs = f.declare(8, "v128");
    const [t0, t1] = f.declare(2, "v128");
    f.get(p.dp).i32(2).op("i32.shl").set(rowBytes);
    f.get(p.dp).i32(3).op("i32.shl").set(rowG);
    f.get(p.l).i32(3).op("i32.shl").set(lBytes);
    f.get(p.nb).i32(-8).op("i32.and").set(q8);
    // g chunk += sum over the group's m rows, columns [j0, jEnd), class c (rows from q)
    const group = (m: number) => {
      f.i32(0).set(c);
      f.loopWhileLess(c, p.l, () => {
        // rr = r + (q l + c) * 8; splats of fl32(r) for rows q..q+m-1
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
        for (let i = 0; i < m; i++) {
          f.get(rr).op("f64.load", 3, 0).op("f32.demote_f64").op("f32x4.splat").set(rs[i]);
          if (i < m - 1) f.get(rr).get(lBytes).op("i32.add").set(rr);
        }
        f.get(p.x)
          .get(q)
          .get(rowBytes)
          .op("i32.mul")
          .op("i32.add")
          .get(j0)
          .i32(2)
          .op("i32.shl")
          .op("i32.add")
          .set(xp[0]);
        for (let i = 1; i < m; i++)
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
        f.get(ga).get(jEnd).get(j0).op("i32.sub").i32(3).op("i32.shl").op("i32.add").set(gEnd);
        f.get(ga)
          .get(jEnd)
          .get(j0)
          .op("i32.sub")
          .i32(-8)
          .op("i32.and")
          .i32(3)
          .op("i32.shl")
          .op("i32.add")
          .set(gEnd8);
        // u = 0..us-1: four columns each (x bytes 16 u, g bytes 32 u)
        const trip = (us: number) => {
          const ts = [t0, t1];
          for (let u = 0; u < us; u++) {
            f.get(rs[0])
              .get(xp[0])
              .load(16 * u, 2)
              .op("f32x4.mul")
              .set(ts[u]);
            for (let i = 1; i < m; i++)
              f.get(ts[u])
                .get(rs[i])
                .get(xp[i])
                .load(16 * u, 2)
                .op("f32x4.mul")
                .op("f32x4.add")
                .set(ts[u]);
          }
          for (let u = 0; u < us; u++) {
            const t = ts[u];
            f.get(ga)
              .get(ga)
              .load(32 * u)
              .get(t)
              .op("f64x2.promote_low_f32x4")
              .add()
              .store(32 * u);
            f.get(ga)
              .get(ga)
              .load(32 * u + 16)
              .get(t)
              .get(t)
              .op("i8x16.shuffle", ...HIGH_TO_LOW)
              .op("f64x2.promote_low_f32x4")
              .add()
              .store(32 * u + 16);
          }
          for (let i = 0; i < m; i++) f.inc(xp[i], 16 * us);
          f.inc(ga, 32 * us);
        };
        f.loopWhileLess(ga, gEnd8, () => trip(2));
        f.get(ga)
          .get(gEnd)
          .op("i32.lt_u")
          .ifElse(() => trip(1));
        f.inc(c, 1);
      });
    };
    f.i32(0).set(j0);
    f.loopWhileLess(j0, p.dp, () => {
      f.get(j0).i32(JC).op("i32.add").set(jEnd);
      f.get(jEnd)
        .get(p.dp)
        .op("i32.gt_u")
        .ifElse(() => {
          f.get(p.dp).set(jEnd);
        });
      f.i32(0).set(q);
      f.loopWhileLess(q, q8, () => {
        group(8);
        f.inc(q, 8);
      });
      f.get(q)
        .get(p.nb)
        .op("i32.lt_u")
        .ifElse(() => group(4));
      f.get(j0).i32(JC).op("i32.add").set(j0);
    });
  },
  ts: (_m, x: Float32Array, r: Float64Array, g: Float64Array, nb: number, l: number, dp: number) => {
    const rv = new Float64Array(8);
    const xo = new Int32Array(8);
    for (let j0 = 0; j0 < dp; j0 += JC) {
      const jEnd = Math.min(j0 + JC, dp);
      for (let q = 0; q < nb; ) {
        const m = q + 8 <= nb ? 8 : 4;
        for (let c = 0; c < l; c++) {
          for (let i = 0; i < m; i++) {
            rv[i] = fr(r[(q + i) * l + c]);
            xo[i] = (q + i) * dp;
          }
          const go = c * dp;
          for (let j = j0; j < jEnd; j++) {
            let s = fr(rv[0] * x[xo[0] + j]);
            for (let i = 1; i < m; i++) s = fr(s + fr(rv[i] * x[xo[i] + j]));
            g[go + j] += s;
          }
        }
        q += m;
      }
    }
  },
  sample: (s) => {
    const nb = 4 * s.int(1, 5);
    const l = s.int(1, 5);
    const dp = 4 * s.int(1, 300); // up to 1200 columns: more than one chunk of JC
    return [s.f32(nb * dp), s.f64(nb * l), s.f64(l * dp), nb, l, dp] as never;
  },
});
