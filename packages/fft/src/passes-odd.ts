/**
 * The odd-radix Stockham passes of `kernels.ts` (radix 3, 5, and the generic O(r^2) pass for
 * any small r) on interleaved complex Float64Arrays; the pass conventions are documented there.
 * @internal
 * @module
 */

const S3 = Math.sqrt(3) / 2;

/** Radix-3 pass. */
export function pass3(
  x: Float64Array,
  xo: number,
  xs: number,
  y: Float64Array,
  yo: number,
  ys: number,
  m: number,
  S: number,
  tw: Float64Array,
  sign: number,
  scale: number,
): void {
  const X = 2 * xs;
  const Y = 2 * ys;
  const j1 = X * S * m;
  const j2 = 2 * j1;
  const k1 = Y * S;
  const k2 = 2 * k1;
  const s3 = sign * S3;
  const last = m === 1;
  for (let p = 0; p < m; p++) {
    const w1r = last ? scale : tw[4 * p];
    const w1i = last ? 0 : tw[4 * p + 1];
    const w2r = last ? scale : tw[4 * p + 2];
    const w2i = last ? 0 : tw[4 * p + 3];
    const w0 = last ? scale : 1;
    let i = 2 * xo + X * S * p;
    let o = 2 * yo + Y * S * 3 * p;
    for (let q = 0; q < S; q++, i += X, o += Y) {
      const a0r = x[i];
      const a0i = x[i + 1];
      const a1r = x[i + j1];
      const a1i = x[i + j1 + 1];
      const a2r = x[i + j2];
      const a2i = x[i + j2 + 1];
      const tr = a1r + a2r;
      const ti = a1i + a2i;
      const cr = a0r - 0.5 * tr;
      const ci = a0i - 0.5 * ti;
      // sign * (sqrt(3)/2) * i * (a1 - a2)
      const dr = -s3 * (a1i - a2i);
      const di = s3 * (a1r - a2r);
      y[o] = (a0r + tr) * w0;
      y[o + 1] = (a0i + ti) * w0;
      const b1r = cr + dr;
      const b1i = ci + di;
      y[o + k1] = b1r * w1r - b1i * w1i;
      y[o + k1 + 1] = b1r * w1i + b1i * w1r;
      const b2r = cr - dr;
      const b2i = ci - di;
      y[o + k2] = b2r * w2r - b2i * w2i;
      y[o + k2 + 1] = b2r * w2i + b2i * w2r;
    }
  }
}

const C51 = Math.cos((2 * Math.PI) / 5);
const C52 = Math.cos((4 * Math.PI) / 5);
const S51 = Math.sin((2 * Math.PI) / 5);
const S52 = Math.sin((4 * Math.PI) / 5);

/** Radix-5 pass. */
export function pass5(
  x: Float64Array,
  xo: number,
  xs: number,
  y: Float64Array,
  yo: number,
  ys: number,
  m: number,
  S: number,
  tw: Float64Array,
  sign: number,
  scale: number,
): void {
  const X = 2 * xs;
  const Y = 2 * ys;
  const j1 = X * S * m;
  const j2 = 2 * j1;
  const j3 = 3 * j1;
  const j4 = 4 * j1;
  const k1 = Y * S;
  const k2 = 2 * k1;
  const k3 = 3 * k1;
  const k4 = 4 * k1;
  const s1 = sign * S51;
  const s2 = sign * S52;
  const last = m === 1;
  for (let p = 0; p < m; p++) {
    const b = 8 * p;
    const w1r = last ? scale : tw[b];
    const w1i = last ? 0 : tw[b + 1];
    const w2r = last ? scale : tw[b + 2];
    const w2i = last ? 0 : tw[b + 3];
    const w3r = last ? scale : tw[b + 4];
    const w3i = last ? 0 : tw[b + 5];
    const w4r = last ? scale : tw[b + 6];
    const w4i = last ? 0 : tw[b + 7];
    const w0 = last ? scale : 1;
    let i = 2 * xo + X * S * p;
    let o = 2 * yo + Y * S * 5 * p;
    for (let q = 0; q < S; q++, i += X, o += Y) {
      const a0r = x[i];
      const a0i = x[i + 1];
      const a1r = x[i + j1];
      const a1i = x[i + j1 + 1];
      const a2r = x[i + j2];
      const a2i = x[i + j2 + 1];
      const a3r = x[i + j3];
      const a3i = x[i + j3 + 1];
      const a4r = x[i + j4];
      const a4i = x[i + j4 + 1];
      const b1r = a1r + a4r;
      const b1i = a1i + a4i;
      const b2r = a2r + a3r;
      const b2i = a2i + a3i;
      const d1r = a1r - a4r;
      const d1i = a1i - a4i;
      const d2r = a2r - a3r;
      const d2i = a2i - a3i;
      y[o] = (a0r + b1r + b2r) * w0;
      y[o + 1] = (a0i + b1i + b2i) * w0;
      const e1r = a0r + C51 * b1r + C52 * b2r;
      const e1i = a0i + C51 * b1i + C52 * b2i;
      const e2r = a0r + C52 * b1r + C51 * b2r;
      const e2i = a0i + C52 * b1i + C51 * b2i;
      // i * (s1 d1 + s2 d2) and i * (s2 d1 - s1 d2)
      const f1r = -(s1 * d1i + s2 * d2i);
      const f1i = s1 * d1r + s2 * d2r;
      const f2r = -(s2 * d1i - s1 * d2i);
      const f2i = s2 * d1r - s1 * d2r;
      let cr = e1r + f1r;
      let ci = e1i + f1i;
      y[o + k1] = cr * w1r - ci * w1i;
      y[o + k1 + 1] = cr * w1i + ci * w1r;
      cr = e2r + f2r;
      ci = e2i + f2i;
      y[o + k2] = cr * w2r - ci * w2i;
      y[o + k2 + 1] = cr * w2i + ci * w2r;
      cr = e2r - f2r;
      ci = e2i - f2i;
      y[o + k3] = cr * w3r - ci * w3i;
      y[o + k3 + 1] = cr * w3i + ci * w3r;
      cr = e1r - f1r;
      ci = e1i - f1i;
      y[o + k4] = cr * w4r - ci * w4i;
      y[o + k4 + 1] = cr * w4i + ci * w4r;
    }
  }
}

/**
 * Generic radix-r pass (any small r, O(r^2) per butterfly): the r-point DFT
 * with roots `roots[2 t] + i roots[2 t + 1] = e^{sign 2 pi i t / r}`, using `tmp`
 * (2 r doubles) as scratch.
 */
export function passGeneric(
  r: number,
  roots: Float64Array,
  tmp: Float64Array,
  x: Float64Array,
  xo: number,
  xs: number,
  y: Float64Array,
  yo: number,
  ys: number,
  m: number,
  S: number,
  tw: Float64Array,
  scale: number,
): void {
  const X = 2 * xs;
  const Y = 2 * ys;
  const jx = X * S * m;
  const ky = Y * S;
  const last = m === 1;
  for (let p = 0; p < m; p++) {
    let i = 2 * xo + X * S * p;
    let o = 2 * yo + Y * S * r * p;
    const tb = 2 * p * (r - 1);
    for (let q = 0; q < S; q++, i += X, o += Y) {
      for (let j = 0, ii = i; j < r; j++, ii += jx) {
        tmp[2 * j] = x[ii];
        tmp[2 * j + 1] = x[ii + 1];
      }
      for (let k = 0; k < r; k++) {
        let sr = 0;
        let si = 0;
        for (let j = 0, t = 0; j < r; j++) {
          const ar = tmp[2 * j];
          const ai = tmp[2 * j + 1];
          const cr = roots[2 * t];
          const ci = roots[2 * t + 1];
          sr += ar * cr - ai * ci;
          si += ar * ci + ai * cr;
          t += k;
          if (t >= r) t -= r;
        }
        let wr = scale;
        let wi = 0;
        if (!last && k > 0) {
          wr = tw[tb + 2 * (k - 1)];
          wi = tw[tb + 2 * (k - 1) + 1];
        }
        const oo = o + k * ky;
        y[oo] = sr * wr - si * wi;
        y[oo + 1] = sr * wi + si * wr;
      }
    }
  }
}
