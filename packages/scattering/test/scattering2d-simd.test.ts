import { describe, expect, it } from "vitest";
import { solidHarmonicFilterBank } from "@scatterkit/filter-banks";
import { HarmonicScattering3D } from "../src/harmonic3d";
import { Scattering2D } from "../src/scattering2d";
import { activeRuns } from "../src/scattering2d-kernels";
import { mulFold, mulFoldRuns, splitPair } from "./reference-kernels";
import { KernelArena, denseFoldRuns, simdSettings, sparseFoldRuns } from "../src/scattering2d-simd";

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/** Runs the three kernels on one arena (SIMD or not) and returns their outputs. */
function kernels(simd: boolean, M: number, N: number, k: number, sparseTol: number | null) {
  const keep = simdSettings.enabled;
  simdSettings.enabled = simd;
  try {
    const r = rng(3);
    const filt0 = Float64Array.from(
      { length: M * N },
      (_, i) => Math.exp(-(((i % N) - N / 3) ** 2) / 4) * r(),
    );
    const runs0 =
      sparseTol === null
        ? denseFoldRuns(M, N, k)
        : sparseFoldRuns(activeRuns(filt0, M, N, N / k, sparseTol), N, M / k, N / k);
    const K = new KernelArena();
    const ids = [
      K.f64(2 * M * N),
      K.f64(M * N),
      K.f64(2 * M * N),
      K.i32(runs0.length),
      K.f64(M * N),
      K.f64(2 * M * N),
    ];
    const b = K.finish();
    const [src, filt, dst, runs, real, pair] = ids.map((i) => b[i]) as [
      Float64Array,
      Float64Array,
      Float64Array,
      Int32Array,
      Float64Array,
      Float64Array,
    ];
    for (let i = 0; i < src.length; i++) src[i] = r() * 2 - 1;
    filt.set(filt0);
    runs.set(runs0);
    dst.fill(7); // fold must clear it
    const bins = (M / k) * (N / k);
    K.fold(src, filt, dst, runs, bins);
    K.modReal(dst, real, bins);
    K.modPair(dst, src, pair, bins);
    return {
      simd: K.simd,
      src: Float64Array.from(src),
      filt: filt0,
      fold: dst.slice(0, 2 * bins),
      real: real.slice(0, bins),
      pair: pair.slice(0, 2 * bins),
    };
  } finally {
    simdSettings.enabled = keep;
  }
}

describe("Scattering2D SIMD kernels", () => {
  for (const [M, N, k] of [
    [8, 6, 1],
    [40, 40, 2],
    [24, 16, 4],
  ] as const) {
    it(`fold / modulus equal the TypeScript kernels and mulFold (${M}x${N}, k = ${k})`, () => {
      const w = kernels(true, M, N, k, null);
      const t = kernels(false, M, N, k, null);
      expect(w.simd).toBe(true); // Node.js 20 has WebAssembly SIMD
      expect(t.simd).toBe(false);
      expect(Array.from(w.fold)).toEqual(Array.from(t.fold));
      expect(Array.from(w.real)).toEqual(Array.from(t.real));
      expect(Array.from(w.pair)).toEqual(Array.from(t.pair));
      // fold with the filter pre-scaled by 1/k^2 is mulFold
      const ref = new Float64Array(w.fold.length);
      const unscaled = w.filt.map((v) => v * k * k);
      mulFold(w.src, unscaled, M, N, k, ref);
      for (let i = 0; i < ref.length; i++) expect(w.fold[i]).toBeCloseTo(ref[i], 13);
      const bins = (M / k) * (N / k);
      for (let i = 0; i < bins; i++) {
        const re = w.fold[2 * i];
        const im = w.fold[2 * i + 1];
        expect(w.real[i]).toBe(Math.sqrt(re * re + im * im));
        expect(w.pair[2 * i]).toBe(w.real[i]);
        const sr = w.src[2 * i];
        const si = w.src[2 * i + 1];
        expect(w.pair[2 * i + 1]).toBe(Math.sqrt(sr * sr + si * si));
      }
    });
  }

  it("sparse fold runs equal mulFoldRuns", () => {
    const M = 32;
    const N = 24;
    const k = 4;
    const w = kernels(true, M, N, k, 1e-3);
    const t = kernels(false, M, N, k, 1e-3);
    expect(Array.from(w.fold)).toEqual(Array.from(t.fold));
    const rows = activeRuns(w.filt, M, N, N / k, 1e-3);
    const ref = new Float64Array(w.fold.length);
    mulFoldRuns(
      w.src,
      w.filt.map((v) => v * k * k),
      N,
      M / k,
      N / k,
      k,
      rows,
      ref,
    );
    for (let i = 0; i < ref.length; i++) expect(w.fold[i]).toBeCloseTo(ref[i], 13);
    let nonzero = 0;
    for (let i = 0; i < ref.length; i++) if (ref[i] !== 0) nonzero++;
    expect(nonzero).toBeGreaterThan(10);
  });

  it("Scattering2D gives the same coefficients with and without the SIMD kernels", () => {
    const r = rng(11);
    const x = Float64Array.from({ length: 3 * 28 * 28 }, () => r() * 2 - 1);
    const run = (simd: boolean) => {
      const keep = simdSettings.enabled;
      simdSettings.enabled = simd;
      try {
        return new Scattering2D({ J: 3, shape: [28, 28], L: 3 }).forward({ data: x, shape: [3, 28, 28] })
          .data;
      } finally {
        simdSettings.enabled = keep;
      }
    };
    const a = run(true);
    const b = run(false);
    let e = 0;
    let m = 0;
    for (let i = 0; i < a.length; i++) {
      e = Math.max(e, Math.abs(a[i] - b[i]));
      m = Math.max(m, Math.abs(b[i]));
    }
    expect(m).toBeGreaterThan(0.01);
    expect(e / m).toBeLessThan(1e-13);
  });
});

describe("HarmonicScattering3D SIMD kernels", () => {
  function run3(simd: boolean) {
    const keep = simdSettings.enabled;
    simdSettings.enabled = simd;
    try {
      const K = new KernelArena();
      const [M, N, O] = [4, 6, 8];
      const V = M * N * O;
      const sizes: [string, number][] = [
        ["A", 2 * V],
        ["pa", 2 * V],
        ["B", 2 * V],
        ["pb", 2 * V],
        ["Y", 2 * V],
        ["acc", V],
        ["acc2", V],
        ["qa", 2 * N * O],
        ["qb", 2 * M * O],
        ["qc", 2 * M * N],
        ["ra", 2 * N * O],
        ["rb", 2 * M * O],
        ["rc", 2 * M * N],
      ];
      const ids = sizes.map(([name, n]) => (name === "pa" || name === "pb" ? K.f32(n) : K.f64(n)));
      const b = K.finish();
      const v = Object.fromEntries(sizes.map(([name], i) => [name, b[ids[i]]])) as Record<
        string,
        Float64Array
      >;
      const r = rng(17);
      for (const name of ["A", "pa", "B", "pb", "qa", "qb", "qc", "ra", "rb", "rc"]) {
        for (let i = 0; i < v[name].length; i++) v[name][i] = r() - 0.5;
      }
      const pa = v.pa as unknown as Float32Array;
      const pb = v.pb as unknown as Float32Array;
      const res: number[][] = [];
      K.cmul(v.A, pa, v.Y, V);
      res.push(Array.from(v.Y));
      K.cmul2(v.A, pa, v.B, pb, v.Y, V);
      res.push(Array.from(v.Y));
      v.acc.fill(0.25);
      K.addPair3(v.Y, v.acc, [v.qa, v.qb, v.qc], M, N, O, -1);
      res.push(Array.from(v.acc));
      K.mod2(v.Y, v.acc, v.acc2, [v.qa, v.qb, v.qc], [v.ra, v.rb, v.rc], M, N, O);
      res.push(Array.from(v.acc), Array.from(v.acc2));
      K.sqrtInPlace(v.acc, V);
      res.push(Array.from(v.acc));
      const sums = [0, 0, 0];
      K.sums(v.acc, V, sums);
      res.push(sums);
      return { simd: K.simd, res, v };
    } finally {
      simdSettings.enabled = keep;
    }
  }

  it("cmul, cmul2, addPair3, mod2, sqrt and sums equal their TypeScript twins bit for bit", () => {
    const w = run3(true);
    const t = run3(false);
    expect(w.simd).toBe(true);
    expect(t.simd).toBe(false);
    expect(w.res).toEqual(t.res);
    // spot checks against the formulas
    const { v } = t;
    const sums = t.res[6];
    let h = 0;
    let o = 0;
    let q = 0;
    for (const a of v.acc) {
      h += Math.sqrt(a);
      o += a;
      q += a * a;
    }
    expect(sums[0]).toBeCloseTo(h, 12);
    expect(sums[1]).toBeCloseTo(o, 12);
    expect(sums[2]).toBeCloseTo(q, 12);
    const cm = t.res[0];
    const pa = v.pa as unknown as Float32Array;
    expect(cm[6]).toBeCloseTo(v.A[6] * pa[6] - v.A[7] * pa[7], 14);
    expect(cm[7]).toBeCloseTo(v.A[6] * pa[7] + v.A[7] * pa[6], 14);
  });

  it("HarmonicScattering3D gives the same integrals with and without the SIMD kernels", () => {
    const r = rng(23);
    const x = Float64Array.from({ length: 2 * 12 * 10 * 8 }, () => r() * 2 - 1);
    const run = (simd: boolean) => {
      const keep = simdSettings.enabled;
      simdSettings.enabled = simd;
      try {
        return new HarmonicScattering3D({ J: 1, L: 2, shape: [12, 10, 8] }).forward({
          data: x,
          shape: [2, 12, 10, 8],
        }).data;
      } finally {
        simdSettings.enabled = keep;
      }
    };
    const a = run(true);
    const b = run(false);
    expect(Array.from(a)).toEqual(Array.from(b));
  });
});

describe("HarmonicScattering3D filters in the kernels' memory", () => {
  it("are the bank's values (built in place through `allocate`)", () => {
    const H = new HarmonicScattering3D({ J: 1, L: 2, shape: [8, 6, 4] });
    const ref = solidHarmonicFilterBank({ shape: [8, 6, 4], J: 1, L: 2 });
    expect(H.filters.filters.length).toBe(3);
    let count = 0;
    ref.filters.forEach((perJ, l) => {
      perJ.forEach((list, j) => {
        list.forEach((f, m) => {
          const g = H.filters.filters[l][j][m];
          expect([g.l, g.j, g.m]).toEqual([f.l, f.j, f.m]);
          expect(Array.from(g.data)).toEqual(Array.from(f.data));
          count++;
        });
      });
    });
    expect(count).toBe(2 * (1 + 3 + 5));
  });

  it("solidHarmonicFilterBank rejects an allocate that returns the wrong storage", () => {
    expect(() =>
      solidHarmonicFilterBank({ shape: [4, 4, 4], J: 0, L: 0, allocate: (n) => new Float32Array(n - 1) }),
    ).toThrow(/Invalid allocate/);
    const seen: number[] = [];
    solidHarmonicFilterBank({
      shape: [4, 4, 2],
      J: 1,
      L: 1,
      allocate: (n) => {
        seen.push(n);
        return new Float32Array(n);
      },
    });
    expect(seen).toEqual(Array(2 * (1 + 3)).fill(2 * 32));
  });
});

describe("split3 (spectra of a and b from the spectrum of a + i b)", () => {
  for (const [M, d1, d2] of [
    [1, 6, 10],
    [4, 6, 8],
    [3, 5, 7],
  ] as const) {
    it(`SIMD equals TypeScript bit for bit and splits real signals exactly (${M}x${d1}x${d2})`, () => {
      const n = M * d1 * d2;
      const run = (simd: boolean) => {
        const keep = simdSettings.enabled;
        simdSettings.enabled = simd;
        try {
          const K = new KernelArena();
          const ids = [K.f64(2 * n), K.f64(2 * n), K.f64(2 * n)];
          const b = K.finish() as Float64Array[];
          const [Z, A, B] = ids.map((i) => b[i]);
          // z = a + i b for real a, b; Z = fftn(z) computed by the direct DFT
          const r = rng(5 + n);
          const a = Array.from({ length: n }, () => r() - 0.5);
          const bb = Array.from({ length: n }, () => r() - 0.5);
          for (let k = 0; k < n; k++) {
            const [k0, k1, k2] = [Math.floor(k / (d1 * d2)), Math.floor(k / d2) % d1, k % d2];
            let re = 0;
            let im = 0;
            for (let v = 0; v < n; v++) {
              const [x0, x1, x2] = [Math.floor(v / (d1 * d2)), Math.floor(v / d2) % d1, v % d2];
              const ang = -2 * Math.PI * ((k0 * x0) / M + (k1 * x1) / d1 + (k2 * x2) / d2);
              re += a[v] * Math.cos(ang) - bb[v] * Math.sin(ang);
              im += a[v] * Math.sin(ang) + bb[v] * Math.cos(ang);
            }
            Z[2 * k] = re;
            Z[2 * k + 1] = im;
          }
          K.split3(Z, A, B, M, d1, d2);
          // A(0) = sum a, B(0) = sum b (real)
          return {
            A: Array.from(A),
            B: Array.from(B),
            sa: a.reduce((s, v) => s + v, 0),
            sb: bb.reduce((s, v) => s + v, 0),
            Z,
          };
        } finally {
          simdSettings.enabled = keep;
        }
      };
      const w = run(true);
      const t = run(false);
      expect(w.A).toEqual(t.A);
      expect(w.B).toEqual(t.B);
      expect(w.A[0]).toBeCloseTo(w.sa, 12);
      expect(w.A[1]).toBeCloseTo(0, 12);
      expect(w.B[0]).toBeCloseTo(w.sb, 12);
      expect(w.B[1]).toBeCloseTo(0, 12);
      // A + i B = Z everywhere
      for (let i = 0; i < 2 * n; i += 2) {
        expect(w.A[i] - w.B[i + 1]).toBeCloseTo(w.Z[i], 12);
        expect(w.A[i + 1] + w.B[i]).toBeCloseTo(w.Z[i + 1], 12);
      }
      if (M === 1) {
        const A2 = new Float64Array(2 * n);
        const B2 = new Float64Array(2 * n);
        splitPair(w.Z, d1, d2, A2, B2);
        expect(Array.from(A2)).toEqual(w.A);
        expect(Array.from(B2)).toEqual(w.B);
      }
    });
  }
});

describe("HarmonicScattering3D path bookkeeping (unpaired moduli share FFTs)", () => {
  for (const J of [2, 3, 4]) {
    for (const maxOrder of [1, 2]) {
      it(`J = ${J}, maxOrder = ${maxOrder}: pair tricks on and off give the same integrals`, () => {
        const shape = [16, 12, 10];
        const r = rng(40 + J);
        const x = Float64Array.from({ length: 2 * 16 * 12 * 10 }, () => r() - 0.3);
        const opts = { J, shape, L: 2, maxOrder };
        const a = new HarmonicScattering3D(opts).forward({ data: x, shape: [2, ...shape] });
        // pairSymmetry false: every m and every scale filtered on its own (no shared FFT)
        const b = new HarmonicScattering3D({ ...opts, pairSymmetry: false }).forward({
          data: x,
          shape: [2, ...shape],
        });
        expect(a.shape).toEqual(b.shape);
        let e = 0;
        let m = 0;
        for (let i = 0; i < a.data.length; i++) {
          e = Math.max(e, Math.abs(a.data[i] - b.data[i]) / (Math.abs(b.data[i]) + 1e-30));
          m = Math.max(m, Math.abs(b.data[i]));
        }
        expect(m).toBeGreaterThan(1);
        expect(e).toBeLessThan(1e-5);
      });
    }
  }
});
