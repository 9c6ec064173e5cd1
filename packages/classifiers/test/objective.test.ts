// The logistic objective on @scatterkit/linalg's PackedRows (used by fit) against the
// JavaScript kernel softmaxObjective (the fallback), and against finite differences.
import { describe, expect, it } from "vitest";
import { softmaxObjective } from "../src/kernels";
import { packedSoftmaxObjective } from "../src/objective";

function data(n: number, d: number, k: number, f32: boolean, seed: number) {
  let s = seed >>> 0 || 1;
  const r = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32 - 0.5;
  };
  const x = f32 ? new Float32Array(n * d) : new Float64Array(n * d);
  for (let i = 0; i < x.length; i++) x[i] = 2 * r();
  const y = Int32Array.from({ length: n }, (_, i) => i % k);
  const theta = Float64Array.from({ length: k * d + k }, () => r());
  return { x, y, theta };
}

describe("packedSoftmaxObjective", () => {
  it("equals softmaxObjective (value and gradient) on odd shapes, float32 and float64", () => {
    for (const f32 of [false, true]) {
      for (const [n, d, k] of [
        [1, 1, 2],
        [7, 33, 3],
        [37, 5, 10],
        [101, 130, 7],
      ]) {
        const { x, y, theta } = data(n, d, k, f32, n * d + k);
        const fg = packedSoftmaxObjective(x, n, d, k, y, 0.7, true, "float64");
        expect(fg).not.toBeNull();
        const g1 = new Float64Array(k * d + k);
        const g2 = new Float64Array(k * d + k);
        const f1 = fg!(theta, g1);
        const f2 = softmaxObjective(
          x,
          n,
          d,
          k,
          y,
          0.7,
          theta,
          g2,
          new Float64Array(4 * k),
          new Float64Array(4 * k),
        );
        expect(Math.abs(f1 - f2)).toBeLessThan(1e-12 * Math.abs(f2));
        let gmax = 0;
        let diff = 0;
        for (let i = 0; i < g1.length; i++) {
          gmax = Math.max(gmax, Math.abs(g2[i]));
          diff = Math.max(diff, Math.abs(g1[i] - g2[i]));
        }
        expect(diff).toBeLessThan(1e-12 * gmax);
      }
    }
  });

  it("float32 products (the default for float32 X) stay within their rounding bound of float64 products", () => {
    // each product x fl32(w) (or fl32(r) x) has relative error <= 2^-23 and at most 8 of them
    // are summed in float32: |error of z_ic| <= 2^-20 sum_j |x_ij w_cj| =: e_i, and
    // |error of G_cj| <= 2^-20 C sum_i |x_ij| + C sum_i e_i |x_ij| (|dr/dz| <= C)
    for (const [n, d, k] of [
      [7, 33, 3],
      [37, 5, 10],
      [101, 130, 7],
      [64, 301, 10],
    ]) {
      const { x, y, theta } = data(n, d, k, true, n + d + k);
      const C = 0.7;
      const fast = packedSoftmaxObjective(x, n, d, k, y, C)!;
      const exact = packedSoftmaxObjective(x, n, d, k, y, C, true, "float64")!;
      const g1 = new Float64Array(k * d + k);
      const g2 = new Float64Array(k * d + k);
      const f1 = fast(theta, g1);
      const f2 = exact(theta, g2);
      const e = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        let m = 0;
        for (let c = 0; c < k; c++) {
          let s = 0;
          for (let j = 0; j < d; j++) s += Math.abs(x[i * d + j] * theta[c * d + j]);
          m = Math.max(m, s);
        }
        e[i] = 2 ** -20 * m;
      }
      let fBound = 0;
      for (let i = 0; i < n; i++) fBound += 2 * C * e[i];
      expect(Math.abs(f1 - f2)).toBeLessThanOrEqual(fBound + 1e-12 * Math.abs(f2));
      let differs = false;
      for (let c = 0; c < k; c++) {
        for (let j = 0; j < d; j++) {
          let b = 0;
          for (let i = 0; i < n; i++) b += Math.abs(x[i * d + j]) * (2 ** -20 * C + C * e[i]);
          expect(Math.abs(g1[c * d + j] - g2[c * d + j])).toBeLessThanOrEqual(b + 1e-12);
          if (g1[c * d + j] !== g2[c * d + j]) differs = true;
        }
      }
      expect(differs, "the float32 products ran").toBe(true);
    }
  });

  it("gradient matches central finite differences", () => {
    const [n, d, k] = [23, 9, 4];
    const { x, y, theta } = data(n, d, k, false, 5);
    const fg = packedSoftmaxObjective(x, n, d, k, y, 1.3)!;
    const g = new Float64Array(k * d + k);
    fg(theta, g);
    const tmp = new Float64Array(k * d + k);
    for (const i of [0, 5, d + 3, k * d - 1, k * d, k * d + k - 1]) {
      const h = 1e-6;
      const tp = Float64Array.from(theta);
      const tm = Float64Array.from(theta);
      tp[i] += h;
      tm[i] -= h;
      const fd = (fg(tp, tmp) - fg(tm, tmp)) / (2 * h);
      expect(Math.abs(fd - g[i])).toBeLessThan(1e-6 * Math.max(1, Math.abs(g[i])));
    }
  });
});
