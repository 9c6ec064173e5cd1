/**
 * The split and merge steps of real FFTs of even length n = 2h computed through one complex
 * FFT of length h (z[j] = x[2j] + i x[2j+1]), each defined once (WebAssembly body and
 * TypeScript twin). Twiddles are (WR, WI) = ((wr, wr), (-wi, wi)) pairs, 32 bytes per k.
 * @internal
 */
import { defineKernel } from "@scatterkit/core";
import { cmul } from "./passes";

/** rsplit: see its doc. */
export const rsplit = defineKernel({
  name: "rsplit",
  doc:
    "rsplit(z, out, tw, h): for k = 1..floor(h/2), with Z = z[k], C = conj z[h-k], E = (Z + C)/2, " +
    "O = -i (Z - C)/2, T = w^k O (tw: pairs of e^{-2 pi i k/n}): out[k] = E + T, out[h-k] = conj(E - T). " +
    "Bins 0 and h are left to the caller.",
  params: ["z: i32", "out: i32", "tw: i32", "h: i32"],
  wasm: (f, p) => {
    const [k, lim, zk, zc, ok, oc, tk] = f.declare(7, "i32");
    const [conj, half, a, c, e, d, t] = f.declare(7, "v128");
    const [wr, wi] = f.declare(2, "v128");
    f.f64x2(1, -1).set(conj);
    f.f64x2(0.5, 0.5).set(half);
    f.get(p.h).i32(1).op("i32.shr_s").set(lim); // h >> 1
    f.i32(1).set(k);
    f.get(p.z).i32(16).op("i32.add").set(zk);
    f.get(p.z).get(p.h).i32(1).op("i32.sub").i32(4).op("i32.shl").op("i32.add").set(zc); // z + 16 (h - 1)
    f.get(p.out).i32(16).op("i32.add").set(ok);
    f.get(p.out).get(p.h).i32(1).op("i32.sub").i32(4).op("i32.shl").op("i32.add").set(oc);
    f.get(p.tw).i32(32).op("i32.add").set(tk);
    f.block(() =>
      f.loop(() => {
        f.get(k).get(lim).op("i32.gt_s").op("br_if", 1); // k > lim: done
        f.get(zk).load().set(a);
        f.get(zc).load().get(conj).mul().set(c);
        f.get(a).get(c).add().get(half).mul().set(e);
        f.get(a).get(c).sub().get(half).mul().set(d);
        f.swapped(d).get(conj).mul().set(d); // O = -i D
        f.get(tk).load(0).set(wr);
        f.get(tk).load(16).set(wi);
        cmul(f, d, wr, wi);
        f.set(t);
        f.get(ok).get(e).get(t).add().store();
        f.get(oc).get(e).get(t).sub().get(conj).mul().store();
        f.get(k).i32(1).op("i32.add").set(k);
        f.get(zk).i32(16).op("i32.add").set(zk);
        f.get(zc).i32(16).op("i32.sub").set(zc);
        f.get(ok).i32(16).op("i32.add").set(ok);
        f.get(oc).i32(16).op("i32.sub").set(oc);
        f.get(tk).i32(32).op("i32.add").set(tk);
        f.op("br", 0);
      }),
    );
  },
  ts: (m, z, out, tw, h) => {
    const x = m.f64;
    const lim = h >> 1;
    for (let k = 1; k <= lim; k++) {
      const zk = z / 8 + 2 * k;
      const zc = z / 8 + 2 * (h - k);
      const ar = x[zk];
      const ai = x[zk + 1];
      const cr = x[zc] * 1;
      const ci = x[zc + 1] * -1;
      const er = (ar + cr) * 0.5;
      const ei = (ai + ci) * 0.5;
      const d0 = (ar - cr) * 0.5;
      const d1 = (ai - ci) * 0.5;
      const dr = d1 * 1; // swap(d) * (1, -1)
      const di = d0 * -1;
      const w = tw / 8 + 4 * k;
      const tr = dr * x[w] + di * x[w + 2];
      const ti = di * x[w + 1] + dr * x[w + 3];
      const ok = out / 8 + 2 * k;
      x[ok] = er + tr;
      x[ok + 1] = ei + ti;
      const oc = out / 8 + 2 * (h - k);
      x[oc] = (er - tr) * 1;
      x[oc + 1] = (ei - ti) * -1;
    }
  },
  sample: (s) => {
    const h = s.int(2, 13);
    return [s.f64(2 * h).byteOffset, s.f64(2 * (h + 1)).byteOffset, s.f64(4 * (h + 1)).byteOffset, h];
  },
});

/** rmerge: see its doc. */
export const rmerge = defineKernel({
  name: "rmerge",
  doc:
    "rmerge(x, z, twc, h): for k = 1..h-1, with A = x[k], B = conj x[h-k], E = (A + B)/2, " +
    "O = conj(w^k) (A - B)/2 (twc: pairs of e^{+2 pi i k/n}): z[k] = E + i O. z[0] is left to the caller.",
  params: ["x: i32", "z: i32", "twc: i32", "h: i32"],
  wasm: (f, p) => {
    const [k, xk, xc, zk, tk] = f.declare(5, "i32");
    const [conj, half, ipos, a, b, e, d, wr, wi] = f.declare(9, "v128");
    f.f64x2(1, -1).set(conj);
    f.f64x2(0.5, 0.5).set(half);
    f.f64x2(-1, 1).set(ipos);
    f.i32(1).set(k);
    f.get(p.x).i32(16).op("i32.add").set(xk);
    f.get(p.x).get(p.h).i32(1).op("i32.sub").i32(4).op("i32.shl").op("i32.add").set(xc);
    f.get(p.z).i32(16).op("i32.add").set(zk);
    f.get(p.twc).i32(32).op("i32.add").set(tk);
    f.block(() =>
      f.loop(() => {
        f.get(k).get(p.h).op("i32.ge_s").op("br_if", 1); // k >= h: done
        f.get(xk).load().set(a);
        f.get(xc).load().get(conj).mul().set(b);
        f.get(a).get(b).add().get(half).mul().set(e);
        f.get(a).get(b).sub().get(half).mul().set(d);
        f.get(tk).load(0).set(wr);
        f.get(tk).load(16).set(wi);
        cmul(f, d, wr, wi);
        f.set(d);
        f.get(zk).get(e).swapped(d).get(ipos).mul().add().store();
        f.get(k).i32(1).op("i32.add").set(k);
        f.get(xk).i32(16).op("i32.add").set(xk);
        f.get(xc).i32(16).op("i32.sub").set(xc);
        f.get(zk).i32(16).op("i32.add").set(zk);
        f.get(tk).i32(32).op("i32.add").set(tk);
        f.op("br", 0);
      }),
    );
  },
  ts: (m, x, z, twc, h) => {
    const v = m.f64;
    for (let k = 1; k < h; k++) {
      const xk = x / 8 + 2 * k;
      const xc = x / 8 + 2 * (h - k);
      const ar = v[xk];
      const ai = v[xk + 1];
      const br = v[xc] * 1;
      const bi = v[xc + 1] * -1;
      const er = (ar + br) * 0.5;
      const ei = (ai + bi) * 0.5;
      const d0 = (ar - br) * 0.5;
      const d1 = (ai - bi) * 0.5;
      const w = twc / 8 + 4 * k;
      const dr = d0 * v[w] + d1 * v[w + 2];
      const di = d1 * v[w + 1] + d0 * v[w + 3];
      const zk = z / 8 + 2 * k;
      v[zk] = er + di * -1; // e + swap(d) * (-1, 1)
      v[zk + 1] = ei + dr * 1;
    }
  },
  sample: (s) => {
    const h = s.int(2, 13);
    return [s.f64(2 * (h + 1)).byteOffset, s.f64(2 * h).byteOffset, s.f64(4 * h).byteOffset, h];
  },
});
