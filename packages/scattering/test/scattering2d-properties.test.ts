import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Scattering2D } from "../src/scattering2d";

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** numpy 'reflect' padding of an M x N image to Kymatio's padded grid. */
function padReflect(x: Float64Array, S: Scattering2D): Float64Array {
  const [M, N] = S.shape;
  const [Mp, Np] = S.paddedShape;
  const [top, , left] = S.padding;
  const refl = (i: number, n: number) => {
    const p = 2 * (n - 1);
    const r = ((i % p) + p) % p;
    return r < n ? r : p - r;
  };
  const out = new Float64Array(Mp * Np);
  for (let i = 0; i < Mp; i++)
    for (let j = 0; j < Np; j++) out[i * Np + j] = x[refl(i - top, M) * N + refl(j - left, N)];
  return out;
}

describe("Scattering2D: translation invariance of the 2^J-averaged coefficients", () => {
  // A smooth textured blob away from the borders, shifted by dx pixels along the rows.
  const M = 64;
  const image = (dx: number) => {
    const z = new Float64Array(M * M);
    for (let i = 0; i < M; i++)
      for (let j = 0; j < M; j++)
        z[i * M + j] =
          Math.exp(-((i - 32 - dx) ** 2 + (j - 30) ** 2) / 50) *
          (1 + 0.5 * Math.cos(0.8 * (i - dx) + 0.3 * j));
    return z;
  };
  const rel = (a: ArrayLike<number>, b: ArrayLike<number>) => {
    let d = 0;
    let n = 0;
    for (let i = 0; i < a.length; i++) {
      d += (a[i] - b[i]) ** 2;
      n += b[i] ** 2;
    }
    return Math.sqrt(d / n);
  };

  it("||S x_shift - S x|| / ||S x|| <= 1.5 |shift| / 2^J (measured: <= 0.94 |shift| / 2^J) and shrinks as J grows", () => {
    const byJ: number[] = [];
    for (const J of [2, 3, 4]) {
      const S = new Scattering2D({ J, shape: [M, M] });
      const s0 = S.forward({ data: image(0), shape: [M, M] }).data;
      for (const dx of [1, 2, 3]) {
        const s1 = S.forward({ data: image(dx), shape: [M, M] }).data;
        const r = rel(s1, s0);
        expect(r).toBeLessThan((1.5 * dx) / 2 ** J);
        // the raw image changes far more than its scattering coefficients
        expect(r).toBeLessThan(0.7 * rel(image(dx), image(0)));
        if (dx === 1) byJ.push(r);
      }
    }
    expect(byJ[1]).toBeLessThan(byJ[0]);
    expect(byJ[2]).toBeLessThan(byJ[1]);
  });
});

describe("Scattering2D: non-expansiveness", () => {
  it("||S x - S y|| 2^J <= sqrt(A) ||pad(x) - pad(y)||, A = max Littlewood-Paley sum of the bank", () => {
    // A(w) = |phi(w)|^2 + 1/2 sum_lambda (|psi_lambda(w)|^2 + |psi_lambda(-w)|^2) bounds each layer
    // (real inputs), the modulus is contractive, and cropping only drops energy; the factor 2^J
    // accounts for each output sample standing for a 2^J x 2^J cell (the Gaussian phi_J is
    // negligible beyond the subsampled band, so aliasing adds nothing measurable).
    const M = 32;
    const J = 2;
    const S = new Scattering2D({ J, shape: [M, M] });
    const [Mp, Np] = S.paddedShape;
    let A = 0;
    for (let i = 0; i < Mp; i++)
      for (let j = 0; j < Np; j++) {
        const k = i * Np + j;
        const km = ((Mp - i) % Mp) * Np + ((Np - j) % Np);
        let a = S.filters.phi.levels[0][k] ** 2;
        for (const p of S.filters.psi) a += 0.5 * (p.levels[0][k] ** 2 + p.levels[0][km] ** 2);
        A = Math.max(A, a);
      }
    expect(A).toBeGreaterThan(0.99);
    expect(A).toBeLessThan(1.001); // Kymatio's bank is (almost) a tight frame; 3.1415 adds 6e-5
    const bound = Math.sqrt(A * Math.max(1, A));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e9 }),
        fc.double({ min: 0.01, max: 10, noNaN: true }),
        (seed, amp) => {
          const r = rng(seed);
          const x = Float64Array.from({ length: M * M }, () => r() - 0.5);
          const y = Float64Array.from(x, (v, i) => v + amp * (r() - 0.5) * (i % 3 === 0 ? 1 : 0.2));
          const sx = S.forward({ data: x, shape: [M, M] }).data;
          const sy = S.forward({ data: y, shape: [M, M] }).data;
          let num = 0;
          for (let i = 0; i < sx.length; i++) num += (sx[i] - sy[i]) ** 2;
          const px = padReflect(x, S);
          const py = padReflect(y, S);
          let den = 0;
          for (let i = 0; i < px.length; i++) den += (px[i] - py[i]) ** 2;
          const ratio = Math.sqrt((num * 4 ** J) / den);
          return ratio <= bound && ratio > 0.05;
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe("Scattering2D: batching, dtypes and the packed-pair paths", () => {
  it("a batch of 3 (one packed pair + one single) equals each image alone; float32 out for float32 in", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.constantFrom(1, 2, 3), (seed, L) => {
        const r = rng(seed);
        const S = new Scattering2D({ J: 2, shape: [12, 10], L });
        const x = Float64Array.from({ length: 3 * 120 }, () => r() * 4 - 2);
        const all = S.forward({ data: x, shape: [3, 12, 10] });
        expect(all.shape).toEqual([3, S.nPaths, S.outputShape[0], S.outputShape[1]]);
        const per = all.data.length / 3;
        for (let b = 0; b < 3; b++) {
          const one = S.forward({ data: x.slice(b * 120, (b + 1) * 120), shape: [12, 10] }).data;
          for (let i = 0; i < per; i++) expect(Math.abs(one[i] - all.data[b * per + i])).toBeLessThan(1e-12);
        }
        const f32 = S.forward({ data: Float32Array.from(x), shape: [3, 12, 10] });
        expect(f32.data).toBeInstanceOf(Float32Array);
        return true;
      }),
      { numRuns: 6 },
    );
  });

  it("skipping second-order filter bins below 1e-9 of the maximum changes nothing measurable", () => {
    const r = rng(99);
    const x = Float64Array.from({ length: 64 * 64 }, () => r() * 2 - 1);
    const S = new Scattering2D({ J: 3, shape: [64, 64], L: 4 });
    // the sparse path is really taken for some (n, level): fewer runs bins than the level has
    const inner = (S as unknown as { backend: { psiRuns: Int32Array[][]; psiF: Float64Array[][] } }).backend;
    let sparse = 0;
    inner.psiRuns.forEach((levels, n) => {
      levels.forEach((runs, r) => {
        let bins = 0;
        for (let t = 2; t < runs.length; t += 3) bins += runs[t];
        if (bins < inner.psiF[n][r].length) sparse++;
      });
    });
    expect(sparse).toBeGreaterThan(0);
    const a = S.forward({ data: x, shape: [64, 64] });
    const keep = Scattering2D.skipTolerance;
    Scattering2D.skipTolerance = 0;
    try {
      const b = new Scattering2D({ J: 3, shape: [64, 64], L: 4 }).forward({ data: x, shape: [64, 64] });
      let e = 0;
      let m = 0;
      for (let i = 0; i < a.data.length; i++) {
        e = Math.max(e, Math.abs(a.data[i] - b.data[i]));
        m = Math.max(m, Math.abs(b.data[i]));
      }
      expect(e / m).toBeLessThan(1e-9);
    } finally {
      Scattering2D.skipTolerance = keep;
    }
  });

  it("the spatial and the FFT low-pass routes give the same coefficients", () => {
    const r = rng(5);
    const x = Float64Array.from({ length: 3 * 28 * 28 }, () => r() * 3 - 1);
    const run = (route: "fft" | "spatial") => {
      const keep = Scattering2D.lowpassRoute;
      Scattering2D.lowpassRoute = route;
      try {
        return new Scattering2D({ J: 2, shape: [28, 28], L: 4 }).forward({ data: x, shape: [3, 28, 28] })
          .data;
      } finally {
        Scattering2D.lowpassRoute = keep;
      }
    };
    const a = run("fft");
    const b = run("spatial");
    let e = 0;
    let m = 0;
    for (let i = 0; i < a.length; i++) {
      e = Math.max(e, Math.abs(a[i] - b[i]));
      m = Math.max(m, Math.abs(b[i]));
    }
    expect(e / m).toBeLessThan(1e-12);
  });

  it("the dense cropped inverse DFT and the final inverse FFT give the same coefficients", () => {
    const x = Float64Array.from({ length: 2 * 30 * 45 }, (_, i) => Math.sin(i * 0.37) + ((i * 31) % 7) / 7);
    const a = new Scattering2D({ J: 2, shape: [30, 45], L: 3 }).forward({ data: x, shape: [2, 30, 45] });
    const keep = Scattering2D.finalFFTMinSize;
    Scattering2D.finalFFTMinSize = Number.POSITIVE_INFINITY;
    try {
      const b = new Scattering2D({ J: 2, shape: [30, 45], L: 3 }).forward({ data: x, shape: [2, 30, 45] });
      let e = 0;
      let m = 0;
      for (let i = 0; i < a.data.length; i++) {
        e = Math.max(e, Math.abs(a.data[i] - b.data[i]));
        m = Math.max(m, Math.abs(b.data[i]));
      }
      expect(e / m).toBeLessThan(1e-12);
    } finally {
      Scattering2D.finalFFTMinSize = keep;
    }
  });

  it("non-square, non-power-of-two shapes give Kymatio's padded and output sizes", () => {
    const S = new Scattering2D({ J: 3, shape: [30, 45], L: 4 });
    expect(S.paddedShape).toEqual([40, 56]);
    expect(S.outputShape).toEqual([3, 5]);
    expect(S.nPaths).toBe(1 + 3 * 4 + (16 * 3 * 2) / 2);
    const y = S.forward({ data: new Float64Array(30 * 45).fill(1), shape: [30, 45] });
    // a constant image: wavelet coefficients vanish (zero-mean filters), order 0 is the constant
    const blk = 15;
    for (let i = 0; i < blk; i++) expect(y.data[i]).toBeCloseTo(1, 3);
    let maxHigher = 0;
    for (let i = blk; i < y.data.length; i++) maxHigher = Math.max(maxHigher, Math.abs(y.data[i]));
    expect(maxHigher).toBeLessThan(1e-5);
    const m = S.meta();
    expect(m.order.length).toBe(S.nPaths);
  });
});
