/**
 * The power-of-two Stockham passes of `kernels.ts` (radix 2, 4, with its first-pass variant,
 * and 8) on interleaved complex Float64Arrays; the pass conventions are documented there.
 * @internal
 * @module
 */

/** Radix-2 pass. */
export function pass2(
  x: Float64Array,
  xo: number,
  xs: number,
  y: Float64Array,
  yo: number,
  ys: number,
  m: number,
  S: number,
  tw: Float64Array,
  _sign: number,
  scale: number,
): void {
  const X = 2 * xs;
  const Y = 2 * ys;
  const jx = X * S * m;
  const ky = Y * S;
  if (m === 1) {
    let i = 2 * xo;
    let o = 2 * yo;
    for (let q = 0; q < S; q++, i += X, o += Y) {
      const ar = x[i];
      const ai = x[i + 1];
      const br = x[i + jx];
      const bi = x[i + jx + 1];
      y[o] = (ar + br) * scale;
      y[o + 1] = (ai + bi) * scale;
      y[o + ky] = (ar - br) * scale;
      y[o + ky + 1] = (ai - bi) * scale;
    }
    return;
  }
  for (let p = 0; p < m; p++) {
    const wr = tw[2 * p];
    const wi = tw[2 * p + 1];
    let i = 2 * xo + X * S * p;
    let o = 2 * yo + Y * S * 2 * p;
    for (let q = 0; q < S; q++, i += X, o += Y) {
      const ar = x[i];
      const ai = x[i + 1];
      const br = x[i + jx];
      const bi = x[i + jx + 1];
      y[o] = ar + br;
      y[o + 1] = ai + bi;
      const dr = ar - br;
      const di = ai - bi;
      y[o + ky] = dr * wr - di * wi;
      y[o + ky + 1] = dr * wi + di * wr;
    }
  }
}

/** Radix-4 pass. */
export function pass4(
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
  const k1 = Y * S;
  const k2 = 2 * k1;
  const k3 = 3 * k1;
  if (m === 1) {
    let i = 2 * xo;
    let o = 2 * yo;
    for (let q = 0; q < S; q++, i += X, o += Y) {
      const a0r = x[i];
      const a0i = x[i + 1];
      const a1r = x[i + j1];
      const a1i = x[i + j1 + 1];
      const a2r = x[i + j2];
      const a2i = x[i + j2 + 1];
      const a3r = x[i + j3];
      const a3i = x[i + j3 + 1];
      const t0r = a0r + a2r;
      const t0i = a0i + a2i;
      const t1r = a0r - a2r;
      const t1i = a0i - a2i;
      const t2r = a1r + a3r;
      const t2i = a1i + a3i;
      // sign * i * (a1 - a3)
      const t3r = -sign * (a1i - a3i);
      const t3i = sign * (a1r - a3r);
      y[o] = (t0r + t2r) * scale;
      y[o + 1] = (t0i + t2i) * scale;
      y[o + k1] = (t1r + t3r) * scale;
      y[o + k1 + 1] = (t1i + t3i) * scale;
      y[o + k2] = (t0r - t2r) * scale;
      y[o + k2 + 1] = (t0i - t2i) * scale;
      y[o + k3] = (t1r - t3r) * scale;
      y[o + k3 + 1] = (t1i - t3i) * scale;
    }
    return;
  }
  if (S === 1) {
    pass4s1(x, 2 * xo, X, y, 2 * yo, Y, m, tw, sign);
    return;
  }
  for (let p = 0; p < m; p++) {
    const w1r = tw[6 * p];
    const w1i = tw[6 * p + 1];
    const w2r = tw[6 * p + 2];
    const w2i = tw[6 * p + 3];
    const w3r = tw[6 * p + 4];
    const w3i = tw[6 * p + 5];
    let i = 2 * xo + X * S * p;
    let o = 2 * yo + Y * S * 4 * p;
    for (let q = 0; q < S; q++, i += X, o += Y) {
      const a0r = x[i];
      const a0i = x[i + 1];
      const a1r = x[i + j1];
      const a1i = x[i + j1 + 1];
      const a2r = x[i + j2];
      const a2i = x[i + j2 + 1];
      const a3r = x[i + j3];
      const a3i = x[i + j3 + 1];
      const t0r = a0r + a2r;
      const t0i = a0i + a2i;
      const t1r = a0r - a2r;
      const t1i = a0i - a2i;
      const t2r = a1r + a3r;
      const t2i = a1i + a3i;
      const t3r = -sign * (a1i - a3i);
      const t3i = sign * (a1r - a3r);
      y[o] = t0r + t2r;
      y[o + 1] = t0i + t2i;
      const b1r = t1r + t3r;
      const b1i = t1i + t3i;
      y[o + k1] = b1r * w1r - b1i * w1i;
      y[o + k1 + 1] = b1r * w1i + b1i * w1r;
      const b2r = t0r - t2r;
      const b2i = t0i - t2i;
      y[o + k2] = b2r * w2r - b2i * w2i;
      y[o + k2 + 1] = b2r * w2i + b2i * w2r;
      const b3r = t1r - t3r;
      const b3i = t1i - t3i;
      y[o + k3] = b3r * w3r - b3i * w3i;
      y[o + k3 + 1] = b3r * w3i + b3i * w3r;
    }
  }
}

/** Radix-4 pass with S = 1 (a first pass): one loop over p, output rows 4 p .. 4 p + 3 adjacent. */
function pass4s1(
  x: Float64Array,
  i: number,
  X: number,
  y: Float64Array,
  o: number,
  Y: number,
  m: number,
  tw: Float64Array,
  sign: number,
): void {
  const j1 = X * m;
  const j2 = 2 * j1;
  const j3 = 3 * j1;
  for (let p = 0, t = 0; p < m; p++, i += X, o += 4 * Y, t += 6) {
    const a0r = x[i];
    const a0i = x[i + 1];
    const a1r = x[i + j1];
    const a1i = x[i + j1 + 1];
    const a2r = x[i + j2];
    const a2i = x[i + j2 + 1];
    const a3r = x[i + j3];
    const a3i = x[i + j3 + 1];
    const t0r = a0r + a2r;
    const t0i = a0i + a2i;
    const t1r = a0r - a2r;
    const t1i = a0i - a2i;
    const t2r = a1r + a3r;
    const t2i = a1i + a3i;
    const t3r = -sign * (a1i - a3i);
    const t3i = sign * (a1r - a3r);
    y[o] = t0r + t2r;
    y[o + 1] = t0i + t2i;
    // w^p from the table; w^2p and w^3p by complex products (fewer loads, measured faster here)
    const w1r = tw[t];
    const w1i = tw[t + 1];
    const w2r = w1r * w1r - w1i * w1i;
    const w2i = 2 * w1r * w1i;
    const w3r = w1r * w2r - w1i * w2i;
    const w3i = w1r * w2i + w1i * w2r;
    const b1r = t1r + t3r;
    const b1i = t1i + t3i;
    y[o + Y] = b1r * w1r - b1i * w1i;
    y[o + Y + 1] = b1r * w1i + b1i * w1r;
    const b2r = t0r - t2r;
    const b2i = t0i - t2i;
    y[o + 2 * Y] = b2r * w2r - b2i * w2i;
    y[o + 2 * Y + 1] = b2r * w2i + b2i * w2r;

    const b3r = t1r - t3r;
    const b3i = t1i - t3i;
    y[o + 3 * Y] = b3r * w3r - b3i * w3i;
    y[o + 3 * Y + 1] = b3r * w3i + b3i * w3r;
  }
}

const R2 = Math.SQRT1_2;

/** Radix-8 pass: two radix-4 halves after a first radix-2 split with the eighth roots of unity. */
export function pass8(
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
  const k1 = Y * S;
  const last = m === 1;
  for (let p = 0; p < m; p++) {
    const b = 14 * p;
    let i = 2 * xo + X * S * p;
    let o = 2 * yo + Y * S * 8 * p;
    for (let q = 0; q < S; q++, i += X, o += Y) {
      const a0r = x[i];
      const a0i = x[i + 1];
      const a1r = x[i + j1];
      const a1i = x[i + j1 + 1];
      const a2r = x[i + 2 * j1];
      const a2i = x[i + 2 * j1 + 1];
      const a3r = x[i + 3 * j1];
      const a3i = x[i + 3 * j1 + 1];
      const a4r = x[i + 4 * j1];
      const a4i = x[i + 4 * j1 + 1];
      const a5r = x[i + 5 * j1];
      const a5i = x[i + 5 * j1 + 1];
      const a6r = x[i + 6 * j1];
      const a6i = x[i + 6 * j1 + 1];
      const a7r = x[i + 7 * j1];
      const a7i = x[i + 7 * j1 + 1];
      // t_j = a_j + a_{j+4}; u_j = (a_j - a_{j+4}) W8^j
      const t0r = a0r + a4r;
      const t0i = a0i + a4i;
      const t1r = a1r + a5r;
      const t1i = a1i + a5i;
      const t2r = a2r + a6r;
      const t2i = a2i + a6i;
      const t3r = a3r + a7r;
      const t3i = a3i + a7i;
      const u0r = a0r - a4r;
      const u0i = a0i - a4i;
      let dr = a1r - a5r;
      let di = a1i - a5i;
      const u1r = R2 * (dr - sign * di);
      const u1i = R2 * (di + sign * dr);
      dr = a2r - a6r;
      di = a2i - a6i;
      const u2r = -sign * di;
      const u2i = sign * dr;
      dr = a3r - a7r;
      di = a3i - a7i;
      const u3r = -R2 * (dr + sign * di);
      const u3i = R2 * (sign * dr - di);
      // DFT4 of t -> y0, y2, y4, y6; of u -> y1, y3, y5, y7
      let c0r = t0r + t2r;
      let c0i = t0i + t2i;
      let c1r = t0r - t2r;
      let c1i = t0i - t2i;
      let c2r = t1r + t3r;
      let c2i = t1i + t3i;
      let c3r = -sign * (t1i - t3i);
      let c3i = sign * (t1r - t3r);
      const y0r = c0r + c2r;
      const y0i = c0i + c2i;
      const y2r = c1r + c3r;
      const y2i = c1i + c3i;
      const y4r = c0r - c2r;
      const y4i = c0i - c2i;
      const y6r = c1r - c3r;
      const y6i = c1i - c3i;
      c0r = u0r + u2r;
      c0i = u0i + u2i;
      c1r = u0r - u2r;
      c1i = u0i - u2i;
      c2r = u1r + u3r;
      c2i = u1i + u3i;
      c3r = -sign * (u1i - u3i);
      c3i = sign * (u1r - u3r);
      const y1r = c0r + c2r;
      const y1i = c0i + c2i;
      const y3r = c1r + c3r;
      const y3i = c1i + c3i;
      const y5r = c0r - c2r;
      const y5i = c0i - c2i;
      const y7r = c1r - c3r;
      const y7i = c1i - c3i;
      if (last) {
        y[o] = y0r * scale;
        y[o + 1] = y0i * scale;
        y[o + k1] = y1r * scale;
        y[o + k1 + 1] = y1i * scale;
        y[o + 2 * k1] = y2r * scale;
        y[o + 2 * k1 + 1] = y2i * scale;
        y[o + 3 * k1] = y3r * scale;
        y[o + 3 * k1 + 1] = y3i * scale;
        y[o + 4 * k1] = y4r * scale;
        y[o + 4 * k1 + 1] = y4i * scale;
        y[o + 5 * k1] = y5r * scale;
        y[o + 5 * k1 + 1] = y5i * scale;
        y[o + 6 * k1] = y6r * scale;
        y[o + 6 * k1 + 1] = y6i * scale;
        y[o + 7 * k1] = y7r * scale;
        y[o + 7 * k1 + 1] = y7i * scale;
      } else {
        y[o] = y0r;
        y[o + 1] = y0i;
        let wr = tw[b];
        let wi = tw[b + 1];
        y[o + k1] = y1r * wr - y1i * wi;
        y[o + k1 + 1] = y1r * wi + y1i * wr;
        wr = tw[b + 2];
        wi = tw[b + 3];
        y[o + 2 * k1] = y2r * wr - y2i * wi;
        y[o + 2 * k1 + 1] = y2r * wi + y2i * wr;
        wr = tw[b + 4];
        wi = tw[b + 5];
        y[o + 3 * k1] = y3r * wr - y3i * wi;
        y[o + 3 * k1 + 1] = y3r * wi + y3i * wr;
        wr = tw[b + 6];
        wi = tw[b + 7];
        y[o + 4 * k1] = y4r * wr - y4i * wi;
        y[o + 4 * k1 + 1] = y4r * wi + y4i * wr;
        wr = tw[b + 8];
        wi = tw[b + 9];
        y[o + 5 * k1] = y5r * wr - y5i * wi;
        y[o + 5 * k1 + 1] = y5r * wi + y5i * wr;
        wr = tw[b + 10];
        wi = tw[b + 11];
        y[o + 6 * k1] = y6r * wr - y6i * wi;
        y[o + 6 * k1 + 1] = y6r * wi + y6i * wr;
        wr = tw[b + 12];
        wi = tw[b + 13];
        y[o + 7 * k1] = y7r * wr - y7i * wi;
        y[o + 7 * k1 + 1] = y7r * wi + y7i * wr;
      }
    }
  }
}
