/**
 * Per-voxel kernels of HarmonicScattering3D on an M x N x O grid (pair corrections of
 * packed spectra, moduli, the Hermitian split of a packed pair), each defined once
 * (WebAssembly body and TypeScript twin).
 * @internal
 */
import { defineKernel } from "@scatterkit/core";
import { IM_IM, SWAP, pairConst, parity } from "./shuffles";

/** addPair3: see its doc. */
export const addPair3 = defineKernel({
  name: "addPair3",
  doc:
    "addPair3(Y, acc, qa, qb, qc, M, N, O, s): acc[v] += |u|^2 + |s conj(u) + e|^2 with u = Y[v] and, at " +
    "v = (a, b, c) of an M x N x O grid (O even), e = (-1)^a qa[b, c] + (-1)^b qb[a, c] + (-1)^c qc[a, b]; " +
    "summed as (ur^2 + nr^2) + (ui^2 + ni^2).",
  params: [
    "Y: f64[]",
    "acc: f64[]",
    "qa: f64[]",
    "qb: f64[]",
    "qc: f64[]",
    "M: i32",
    "N: i32",
    "O: i32",
    "s: f64",
  ],
  wasm: (f, p) => {
    const [a, b, c, pa, pb, pc] = f.declare(6, "i32");
    const [sa, sb, qcv, conjS, u, n, t, e] = f.declare(8, "v128");
    const sf = f.local("f64");
    f.get(p.s).op("f64x2.splat").get(p.s).op("f64.neg").op("f64x2.replace_lane", 1).set(conjS); // (s, -s)
    f.i32(0).set(a);
    f.loopWhileLess(a, p.M, () => {
      parity(f, a);
      f.set(sf);
      f.get(sf).op("f64x2.splat").set(sa);
      f.i32(0).set(b);
      f.loopWhileLess(b, p.N, () => {
        parity(f, b);
        f.op("f64x2.splat").set(sb);
        f.get(p.qa).get(b).get(p.O).op("i32.mul").i32(4).op("i32.shl").op("i32.add").set(pa);
        f.get(p.qb).get(a).get(p.O).op("i32.mul").i32(4).op("i32.shl").op("i32.add").set(pb);
        f.get(p.qc)
          .get(a)
          .get(p.N)
          .op("i32.mul")
          .get(b)
          .op("i32.add")
          .i32(4)
          .op("i32.shl")
          .op("i32.add")
          .set(pc);
        f.get(pc).op("v128.load", 4, 0).set(qcv);
        f.i32(0).set(c);
        f.loopWhileLess(c, p.O, () => {
          for (const odd of [false, true]) {
            // e = (qa sa + qb sb) +- qc
            f.get(pa)
              .op("v128.load", 4, odd ? 16 : 0)
              .get(sa)
              .op("f64x2.mul");
            f.get(pb)
              .op("v128.load", 4, odd ? 16 : 0)
              .get(sb)
              .op("f64x2.mul");
            f.op("f64x2.add")
              .get(qcv)
              .op(odd ? "f64x2.sub" : "f64x2.add")
              .set(e);
            f.get(p.Y).op("v128.load", 4, 0).set(u);
            f.get(u).get(conjS).op("f64x2.mul").get(e).op("f64x2.add").set(n);
            f.get(u).get(u).op("f64x2.mul").get(n).get(n).op("f64x2.mul").op("f64x2.add").set(t);
            f.get(p.acc);
            f.get(p.acc).op("f64.load", 3, 0);
            f.get(t).op("f64x2.extract_lane", 0).get(t).op("f64x2.extract_lane", 1).op("f64.add");
            f.op("f64.add").op("f64.store", 3, 0);
            f.inc(p.Y, 16).inc(p.acc, 8);
          }
          f.inc(pa, 32).inc(pb, 32).inc(c, 2);
        });
        f.inc(b, 1);
      });
      f.inc(a, 1);
    });
  },
  ts: (_m, Y, acc, qa, qb, qc, M, N, O, s) => {
    for (let a = 0, v = 0; a < M; a++) {
      const sa = a & 1 ? -1 : 1;
      for (let b = 0; b < N; b++) {
        const sb = b & 1 ? -1 : 1;
        for (let c = 0; c < O; c++, v++) {
          const sc = c & 1 ? -1 : 1;
          const ia = 2 * (b * O + c);
          const ib = 2 * (a * O + c);
          const ic = 2 * (a * N + b);
          const er = qa[ia] * sa + qb[ib] * sb + qc[ic] * sc;
          const ei = qa[ia + 1] * sa + qb[ib + 1] * sb + qc[ic + 1] * sc;
          const ur = Y[2 * v];
          const ui = Y[2 * v + 1];
          const nr = ur * s + er;
          const ni = ui * -s + ei;
          acc[v] += ur * ur + nr * nr + (ui * ui + ni * ni);
        }
      }
    }
  },
  sample: (s) => {
    const [M, N, O] = [s.int(1, 4), s.int(1, 4), 2 * s.int(1, 3)];
    return [
      s.f64(2 * M * N * O),
      s.f64(M * N * O),
      s.f64(2 * N * O),
      s.f64(2 * M * O),
      s.f64(2 * M * N),
      M,
      N,
      O,
      s.rng() < 0.5 ? -1 : 1,
    ];
  },
});

/** mod2: see its doc. */
export const mod2 = defineKernel({
  name: "mod2",
  doc:
    "mod2(Y, acc, acc2, qa, qb, qc, ra, rb, rc, M, N, O): with eai, ebi the imaginary parts of " +
    "(-1)^a qa + (-1)^b qb + (-1)^c qc and of the same for r (grid M x N x O, O even): " +
    "acc = (Re Y + ebi)^2 + eai^2, acc2 = (Im Y - eai)^2 + ebi^2.",
  params: [
    "Y: f64[]",
    "acc: f64[]",
    "acc2: f64[]",
    "qa: f64[]",
    "qb: f64[]",
    "qc: f64[]",
    "ra: f64[]",
    "rb: f64[]",
    "rc: f64[]",
    "M: i32",
    "N: i32",
    "O: i32",
  ],
  wasm: (f, p) => {
    const [a, b, c, pa, pb, ra, rb, pc] = f.declare(8, "i32");
    const [sa, sb, qcv, rcv, q, r, E, u, res, pm] = f.declare(10, "v128");
    pairConst(f, 1, -1);
    f.set(pm);
    f.i32(0).set(a);
    f.loopWhileLess(a, p.M, () => {
      parity(f, a);
      f.op("f64x2.splat").set(sa);
      f.i32(0).set(b);
      f.loopWhileLess(b, p.N, () => {
        parity(f, b);
        f.op("f64x2.splat").set(sb);
        f.get(b).get(p.O).op("i32.mul").i32(4).op("i32.shl").set(pa);
        f.get(p.qa).get(pa).op("i32.add").set(pa);
        f.get(p.ra).get(b).get(p.O).op("i32.mul").i32(4).op("i32.shl").op("i32.add").set(ra);
        f.get(p.qb).get(a).get(p.O).op("i32.mul").i32(4).op("i32.shl").op("i32.add").set(pb);
        f.get(p.rb).get(a).get(p.O).op("i32.mul").i32(4).op("i32.shl").op("i32.add").set(rb);
        f.get(a).get(p.N).op("i32.mul").get(b).op("i32.add").i32(4).op("i32.shl").set(pc);
        f.get(p.qc).get(pc).op("i32.add").op("v128.load", 4, 0).set(qcv);
        f.get(p.rc).get(pc).op("i32.add").op("v128.load", 4, 0).set(rcv);
        f.i32(0).set(c);
        f.loopWhileLess(c, p.O, () => {
          for (const odd of [false, true]) {
            const off = odd ? 16 : 0;
            const pm3 = odd ? "f64x2.sub" : "f64x2.add";
            f.get(pa).op("v128.load", 4, off).get(sa).op("f64x2.mul");
            f.get(pb).op("v128.load", 4, off).get(sb).op("f64x2.mul");
            f.op("f64x2.add").get(qcv).op(pm3).set(q);
            f.get(ra).op("v128.load", 4, off).get(sa).op("f64x2.mul");
            f.get(rb).op("v128.load", 4, off).get(sb).op("f64x2.mul");
            f.op("f64x2.add").get(rcv).op(pm3).set(r);
            f.get(r)
              .get(q)
              .op("i8x16.shuffle", ...IM_IM)
              .set(E); // (ebi, eai)
            f.get(p.Y).op("v128.load", 4, 0).get(E).get(pm).op("f64x2.mul").op("f64x2.add").set(u); // (ur, wr)
            f.get(u).get(u).op("f64x2.mul");
            f.get(E).get(E).op("f64x2.mul").set(E);
            f.get(E)
              .get(E)
              .op("i8x16.shuffle", ...SWAP)
              .op("f64x2.add")
              .set(res);
            f.get(p.acc).get(res).op("f64x2.extract_lane", 0).op("f64.store", 3, 0);
            f.get(p.acc2).get(res).op("f64x2.extract_lane", 1).op("f64.store", 3, 0);
            f.inc(p.Y, 16).inc(p.acc, 8).inc(p.acc2, 8);
          }
          f.inc(pa, 32).inc(pb, 32).inc(ra, 32).inc(rb, 32).inc(c, 2);
        });
        f.inc(b, 1);
      });
      f.inc(a, 1);
    });
  },
  ts: (_m, Y, acc, acc2, qa, qb, qc, ra, rb, rc, M, N, O) => {
    for (let a = 0, v = 0; a < M; a++) {
      const sa = a & 1 ? -1 : 1;
      for (let b = 0; b < N; b++) {
        const sb = b & 1 ? -1 : 1;
        for (let c = 0; c < O; c++, v++) {
          const sc = c & 1 ? -1 : 1;
          const ia = 2 * (b * O + c) + 1;
          const ib = 2 * (a * O + c) + 1;
          const ic = 2 * (a * N + b) + 1;
          const eai = qa[ia] * sa + qb[ib] * sb + qc[ic] * sc;
          const ebi = ra[ia] * sa + rb[ib] * sb + rc[ic] * sc;
          const ur = Y[2 * v] + ebi;
          const wr = Y[2 * v + 1] - eai;
          acc[v] = ur * ur + eai * eai;
          acc2[v] = wr * wr + ebi * ebi;
        }
      }
    }
  },
  sample: (s) => {
    const [M, N, O] = [s.int(1, 4), s.int(1, 4), 2 * s.int(1, 3)];
    const v = M * N * O;
    return [
      s.f64(2 * v),
      s.f64(v),
      s.f64(v),
      s.f64(2 * N * O),
      s.f64(2 * M * O),
      s.f64(2 * M * N),
      s.f64(2 * N * O),
      s.f64(2 * M * O),
      s.f64(2 * M * N),
      M,
      N,
      O,
    ];
  },
});

/** split3: see its doc. */
export const split3 = defineKernel({
  name: "split3",
  doc:
    "split3(Z, A, B, M, d1, d2): spectra of a and b from the spectrum Z of a + i b (a, b real) on an " +
    "M x d1 x d2 grid: with W = Z[-k], A = (Z + conj W) / 2, B = (Z - conj W) / (2i).",
  params: ["Z: f64[]", "A: f64[]", "B: f64[]", "M: i32", "d1: i32", "d2: i32"],
  wasm: (f, x) => {
    const [a, b, na, nb, p, q, c] = f.declare(7, "i32");
    const [half, pm, z, w] = f.declare(4, "v128");
    pairConst(f, 0.5, 0.5);
    f.set(half);
    pairConst(f, 1, -1);
    f.set(pm);
    const one = () => {
      f.get(x.Z).get(p).op("i32.add").op("v128.load", 4, 0).set(z);
      f.get(x.Z).get(q).op("i32.add").op("v128.load", 4, 0).set(w);
      f.get(x.A).get(p).op("i32.add");
      f.get(z).get(w).get(pm).op("f64x2.mul").op("f64x2.add").get(half).op("f64x2.mul");
      f.op("v128.store", 4, 0);
      f.get(x.B).get(p).op("i32.add");
      f.get(z)
        .get(z)
        .op("i8x16.shuffle", ...SWAP)
        .get(pm)
        .op("f64x2.mul");
      f.get(w)
        .get(w)
        .op("i8x16.shuffle", ...SWAP)
        .op("f64x2.add")
        .get(half)
        .op("f64x2.mul");
      f.op("v128.store", 4, 0);
    };
    // n_x = x == 0 ? 0 : n - x  (select)
    const mirror = (i: number, n: number, out: number) => {
      f.i32(0).get(n).get(i).op("i32.sub").get(i).op("i32.eqz").op("select").set(out);
    };
    f.i32(0).set(a);
    f.loopWhileLess(a, x.M, () => {
      mirror(a, x.M, na);
      f.i32(0).set(b);
      f.loopWhileLess(b, x.d1, () => {
        mirror(b, x.d1, nb);
        // p = 16 (a d1 + b) d2, q = 16 (na d1 + nb) d2 (c = 0)
        f.get(a)
          .get(x.d1)
          .op("i32.mul")
          .get(b)
          .op("i32.add")
          .get(x.d2)
          .op("i32.mul")
          .i32(4)
          .op("i32.shl")
          .set(p);
        f.get(na)
          .get(x.d1)
          .op("i32.mul")
          .get(nb)
          .op("i32.add")
          .get(x.d2)
          .op("i32.mul")
          .i32(4)
          .op("i32.shl")
          .set(q);
        one();
        // c = 1 .. d2-1 pairs with d2 - c
        f.get(q).get(x.d2).i32(4).op("i32.shl").op("i32.add").set(q); // q at c = 0 + d2 -> step back before use
        f.i32(1).set(c);
        f.loopWhileLess(c, x.d2, () => {
          f.inc(p, 16);
          f.get(q).i32(16).op("i32.sub").set(q);
          one();
          f.inc(c, 1);
        });
        f.inc(b, 1);
      });
      f.inc(a, 1);
    });
  },
  ts: (_m, Z, A, B, M, d1, d2) => {
    for (let a = 0; a < M; a++) {
      const na = a === 0 ? 0 : M - a;
      for (let b = 0; b < d1; b++) {
        const nb = b === 0 ? 0 : d1 - b;
        for (let c = 0; c < d2; c++) {
          const nc = c === 0 ? 0 : d2 - c;
          const p = 2 * ((a * d1 + b) * d2 + c);
          const q = 2 * ((na * d1 + nb) * d2 + nc);
          const zr = Z[p];
          const zi = Z[p + 1];
          const wr = Z[q];
          const wi = Z[q + 1];
          A[p] = (zr + wr) * 0.5;
          A[p + 1] = (zi + -wi) * 0.5;
          B[p] = (zi + wi) * 0.5;
          B[p + 1] = (-zr + wr) * 0.5;
        }
      }
    }
  },
  sample: (s) => {
    const [M, d1, d2] = [s.int(1, 4), s.int(1, 4), s.int(1, 5)];
    const v = 2 * M * d1 * d2;
    return [s.f64(v), s.f64(v), s.f64(v), M, d1, d2];
  },
});
