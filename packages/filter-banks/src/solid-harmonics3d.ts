/**
 * 3-D solid harmonic wavelets and Gaussian low-pass filters in the Fourier domain,
 * equal to Kymatio 0.4's `scattering3d.filter_bank` (complex64 values).
 *
 * psi_{j,l,m}(w) = c_l (2 pi)^{3/2} (-i)^l (|w| sigma)^l exp(-|w|^2 sigma^2 / 2) Y_l^m(w / |w|),
 * sigma = sigma0 2^j, with c_l = 1 / (2 pi sqrt(l + 1/2) (l + 1)!!) for even l and
 * c_l = 1 / (2^{(l+3)/2} sqrt(pi (2 l + 1)) ((l + 1) / 2)!) for odd l; for l = 0 the
 * filter is the plain Gaussian exp(-|w|^2 sigma^2 / 2).
 *
 * Compatibility choices: frequencies are Kymatio's float32 grid (an ifftshift of
 * `arange(-M//2, -M//2 + M)` times 2 pi / M, which for odd sizes is not centred at
 * index 0), the polar angle is atan2(z, sqrt(x^2 + y^2)) + pi/2 with (z, y, x) the
 * three axes, Y_l^m is scipy's `sph_harm` (Condon-Shortley phase), and every value
 * is rounded to float32, as Kymatio stores its filters in complex64.
 */
import { ParameterError, checkInteger, checkNumber, checkOptions, checkShape } from "@scatterkit/core";

/** One solid harmonic wavelet (Fourier domain) with its indices. */
export interface SolidHarmonic3DFilter {
  readonly j: number;
  readonly l: number;
  readonly m: number;
  /** Spatial width sigma0 * 2^j. */
  readonly sigma: number;
  /** Interleaved complex (re, im) M x N x O values, row-major, float32 numbers. */
  readonly data: Float32Array;
}

/** Kymatio's 3-D bank: filters[l][j][m + l] for l = 0..L, j = 0..J, m = -l..l. */
export interface SolidHarmonic3DFilterBank {
  readonly shape: [number, number, number];
  readonly J: number;
  readonly L: number;
  readonly sigma0: number;
  readonly filters: SolidHarmonic3DFilter[][][];
}

/** Options of {@link solidHarmonicFilterBank}. */
export interface SolidHarmonic3DOptions {
  shape: readonly [number, number, number] | readonly number[];
  /** Largest scale index J >= 0 (scales j = 0..J). */
  J: number;
  /** Largest degree L >= 0 (l = 0..L). */
  L: number;
  /** Width of the mother wavelet (default 1). */
  sigma0?: number;
  /**
   * Storage for each filter's data (default `new Float32Array(length)`): called once per filter,
   * in the order l, j, m, with length = 2 M N O; must return a zero-filled Float32Array of that
   * length (lets a caller place the filters where its kernels read them, without a copy).
   */
  allocate?: (length: number) => Float32Array;
}

/**
 * Kymatio's angular-frequency grid for one axis of length n: value at index i is
 * float32(float32(a[(i + floor(n/2)) mod n]) * float32(2 pi / n)) with a[k] = floor(-n/2) + k.
 * With `fourier: false` the integer offsets themselves (spatial grid).
 */
export function kymatioAxisGrid3d(n: number, fourier = true): Float64Array {
  checkInteger("n", n, 1);
  const out = new Float64Array(n);
  const h = Math.floor(n / 2);
  const start = Math.floor(-n / 2);
  const step = Math.fround((2 * Math.PI) / n);
  for (let i = 0; i < n; i++) {
    const v = start + ((i + h) % n);
    out[i] = fourier ? Math.fround(v * step) : v;
  }
  return out;
}

function factorial(n: number): number {
  let r = 1;
  for (let i = 2; i <= n; i++) r *= i;
  return r;
}

function doubleFactorial(n: number): number {
  let r = 1;
  for (let i = n; i > 0; i -= 2) r *= i;
  return r;
}

/** Kymatio's normalisation c_l (see the module comment). */
export function solidHarmonicNorm(l: number): number {
  if (l % 2 === 0) return 1 / (2 * Math.PI * Math.sqrt(l + 0.5) * doubleFactorial(l + 1));
  return 1 / (2 ** (0.5 * (l + 3)) * Math.sqrt(Math.PI * (2 * l + 1)) * factorial((l + 1) / 2));
}

/**
 * Associated Legendre functions P_l^m(x) for m = 0..l (Condon-Shortley phase, as scipy),
 * by the standard three-term recurrence in l. Writes into `out[m]`.
 */
function legendreRow(l: number, x: number, s: number, out: Float64Array): void {
  // s = sqrt(1 - x^2) >= 0
  for (let m = 0; m <= l; m++) {
    // P_m^m = (-1)^m (2m-1)!! s^m
    let pmm = 1;
    for (let i = 1; i <= m; i++) pmm *= -(2 * i - 1) * s;
    if (l === m) {
      out[m] = pmm;
      continue;
    }
    let pm1 = x * (2 * m + 1) * pmm;
    if (l === m + 1) {
      out[m] = pm1;
      continue;
    }
    let pm2 = pmm;
    for (let ll = m + 2; ll <= l; ll++) {
      const p = (x * (2 * ll - 1) * pm1 - (ll + m - 1) * pm2) / (ll - m);
      pm2 = pm1;
      pm1 = p;
    }
    out[m] = pm1;
  }
}

/**
 * Kymatio's solid harmonic filter bank for an M x N x O input: for l = 0..L and j = 0..J,
 * the 2l + 1 filters psi_{j,l,m} (m = -l..l) in the Fourier domain (see the module comment).
 */
export function solidHarmonicFilterBank(options: SolidHarmonic3DOptions): SolidHarmonic3DFilterBank {
  checkOptions("options", options, {
    required: true,
    expected: "an object { shape: [M, N, O], J, L, sigma0? }",
  });
  const [M, N, O] = checkShape("shape", options.shape, 3);
  const J = checkInteger("J", options.J, 0, 30);
  const L = checkInteger("L", options.L, 0, 30);
  const sigma0 = checkNumber("sigma0", options.sigma0 ?? 1, { min: 0, minExclusive: true });
  const allocate = options.allocate ?? ((n: number) => new Float32Array(n));
  if (typeof allocate !== "function") {
    throw new ParameterError("allocate", options.allocate, "a function (length) => Float32Array");
  }
  const gz = kymatioAxisGrid3d(M);
  const gy = kymatioAxisGrid3d(N);
  const gx = kymatioAxisGrid3d(O);
  const V = M * N * O;
  // Per-voxel geometry: r^2 (float32 as Kymatio), cos(polar), sin(polar), azimuth.
  const r2 = new Float64Array(V);
  const cosP = new Float64Array(V);
  const sinP = new Float64Array(V);
  const az = new Float64Array(V);
  for (let a = 0, v = 0; a < M; a++) {
    const z = gz[a];
    for (let b = 0; b < N; b++) {
      const y = gy[b];
      for (let c = 0; c < O; c++, v++) {
        const x = gx[c];
        const rr = Math.fround(Math.fround(Math.fround(z * z) + Math.fround(y * y)) + Math.fround(x * x));
        r2[v] = rr;
        const rxy = Math.sqrt(x * x + y * y);
        const polar = Math.atan2(z, rxy) + Math.PI / 2;
        cosP[v] = Math.cos(polar);
        sinP[v] = Math.sin(polar);
        az[v] = Math.atan2(y, x);
      }
    }
  }
  const filters: SolidHarmonic3DFilter[][][] = [];
  const P = new Float64Array(L + 1);
  const ang: Float64Array[] = []; // per m >= 0: interleaved Y_l^m values
  for (let l = 0; l <= L; l++) {
    // Angular parts Y_l^m for m = 0..l.
    ang.length = 0;
    for (let m = 0; m <= l; m++) ang.push(new Float64Array(2 * V));
    if (l > 0) {
      const K = new Float64Array(l + 1);
      for (let m = 0; m <= l; m++)
        K[m] = Math.sqrt(((2 * l + 1) / (4 * Math.PI)) * (factorial(l - m) / factorial(l + m)));
      for (let v = 0; v < V; v++) {
        legendreRow(l, cosP[v], sinP[v], P);
        for (let m = 0; m <= l; m++) {
          const amp = K[m] * P[m];
          ang[m][2 * v] = amp * Math.cos(m * az[v]);
          ang[m][2 * v + 1] = amp * Math.sin(m * az[v]);
        }
      }
    }
    // (-i)^l * norm * (2 pi)^1.5
    const cl = l === 0 ? 1 : solidHarmonicNorm(l) * (2 * Math.PI) ** 1.5;
    const ph = [
      [1, 0],
      [0, -1],
      [-1, 0],
      [0, 1],
    ][l % 4];
    const perJ: SolidHarmonic3DFilter[][] = [];
    for (let j = 0; j <= J; j++) {
      const sigma = sigma0 * 2 ** j;
      const _s = 1 / sigma;
      const radial = new Float64Array(V);
      for (let v = 0; v < V; v++) {
        const g = Math.exp((-0.5 * r2[v]) / (_s * _s));
        radial[v] = l === 0 ? g : (Math.sqrt(r2[v] ** l) * g) / _s ** l;
      }
      const list: SolidHarmonic3DFilter[] = [];
      for (let im = 0; im <= 2 * l; im++) {
        const m = im - l;
        const data = allocate(2 * V);
        if (!(data instanceof Float32Array) || data.length !== 2 * V) {
          throw new ParameterError("allocate", data, `a Float32Array of length ${2 * V}`);
        }
        if (l === 0) {
          for (let v = 0; v < V; v++) data[2 * v] = radial[v];
        } else {
          const am = ang[Math.abs(m)];
          // Y_l^{-m} = (-1)^m conj(Y_l^m)
          const sgn = m < 0 && Math.abs(m) % 2 === 1 ? -1 : 1;
          const conj = m < 0 ? -1 : 1;
          const cr = cl * ph[0];
          const ci = cl * ph[1];
          for (let v = 0; v < V; v++) {
            const yr = sgn * am[2 * v] * radial[v];
            const yi = sgn * conj * am[2 * v + 1] * radial[v];
            data[2 * v] = yr * cr - yi * ci;
            data[2 * v + 1] = yr * ci + yi * cr;
          }
        }
        list.push({ j, l, m, sigma, data });
      }
      perJ.push(list);
    }
    filters.push(perJ);
  }
  return { shape: [M, N, O], J, L, sigma0, filters };
}

/**
 * Kymatio's 3-D Gaussian (`gaussian_3d`): in Fourier exp(-|w|^2 sigma^2 / 2) on the
 * float32 grid; in space exp(-|u|^2 / (2 sigma^2)) / ((2 pi)^{3/2} sigma^3). Real, M x N x O.
 */
export function gaussian3d(M: number, N: number, O: number, sigma: number, fourier = true): Float64Array {
  checkNumber("sigma", sigma, { min: 0, minExclusive: true });
  const gz = kymatioAxisGrid3d(M, fourier);
  const gy = kymatioAxisGrid3d(N, fourier);
  const gx = kymatioAxisGrid3d(O, fourier);
  const s = fourier ? 1 / sigma : sigma;
  const out = new Float64Array(M * N * O);
  const norm = fourier ? 1 : (2 * Math.PI) ** 1.5 * s ** 3;
  for (let a = 0, v = 0; a < M; a++) {
    for (let b = 0; b < N; b++) {
      for (let c = 0; c < O; c++, v++) {
        const rr = gz[a] * gz[a] + gy[b] * gy[b] + gx[c] * gx[c];
        out[v] = Math.exp((-0.5 * rr) / (s * s)) / norm;
      }
    }
  }
  return out;
}

/**
 * Kymatio's `gaussian_filter_bank(M, N, O, J, sigma0)`: the low-pass Gaussians of
 * widths sigma0 2^j for j = 0..J (Fourier domain unless `fourier` is false).
 */
export function gaussianFilterBank3d(
  shape: readonly [number, number, number] | readonly number[],
  J: number,
  sigma0 = 1,
  fourier = true,
): { j: number; sigma: number; data: Float64Array }[] {
  if (!Array.isArray(shape) || shape.length !== 3) {
    throw new ParameterError("shape", shape, "an array [M, N, O] of three positive integers");
  }
  const [M, N, O] = shape.map((s, i) => checkInteger(`shape[${i}]`, s, 1));
  checkInteger("J", J, 0, 30);
  const out = [];
  for (let j = 0; j <= J; j++) {
    const sigma = sigma0 * 2 ** j;
    out.push({ j, sigma, data: gaussian3d(M, N, O, sigma, fourier) });
  }
  return out;
}
