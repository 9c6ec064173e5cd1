/**
 * Padding and filters of the time-frequency scattering transform (Kymatio 0.4's
 * TimeFrequencyScatteringBase): the temporal padding of Scattering1D, the padded length of
 * the frequency axis, and the "spinned" frequential filter bank (the low-pass φ_{2^Jfr},
 * then the Morlet wavelets of Andén's generator at +ξ, then the same at -ξ) with the
 * frequential low-pass φ_F.
 * @module
 */
import { ParameterError } from "@scatterkit/core";
import { type Padding1D, reflectPad, scatteringPadding1D } from "../padding1d";
import {
  andenGenerator,
  gauss1d,
  maxDyadicSubsampling,
  morlet1d,
  periodizeFourier,
} from "@scatterkit/filter-banks";

/** Temporal padding of a length-N signal (Kymatio's Scattering1D rules). */
/** The temporal padding of time-frequency scattering is Scattering1D's (Kymatio's) padding. */
export type TimePadding = Padding1D;

/** Kymatio's temporal padding: {@link scatteringPadding1D}, the one Scattering1D uses. */
export const timePadding = scatteringPadding1D;

/** numpy's 'reflect' padding (edge sample not repeated): {@link reflectPad} of Scattering1D. */
export const reflectPadInto = reflectPad;

/** Adjoint of {@link reflectPadInto}: adds to dx[offset + i] every padded sample that copies x[i]. */
export function reflectPadAdj(
  dp: Float64Array,
  N: number,
  padLeft: number,
  padRight: number,
  dx: Float64Array,
  offset: number,
): void {
  for (let i = 0; i < N; i++) dx[offset + i] += dp[padLeft + i];
  for (let i = 0; i < padLeft; i++) dx[offset + i + 1] += dp[padLeft - 1 - i];
  const end = padLeft + N;
  for (let i = 0; i < padRight; i++) dx[offset + N - 2 - i] += dp[end + i];
}

/** One frequential filter (Kymatio's filters_fr[1][nFr]). */
export interface FrequencyFilter {
  /** Index in the spinned bank: 0 = low-pass φ_{2^Jfr}, then +ξ wavelets, then -ξ wavelets. */
  nFr: number;
  xi: number;
  sigma: number;
  /** log2 of the largest subsampling without aliasing (Jfr for the low-pass). */
  j: number;
  /** sign(ξ): +1 (up), -1 (down), 0 (the low-pass). */
  spin: -1 | 0 | 1;
  /** Fourier response over the padded frequency axis (length nPaddedFr). */
  h: Float64Array;
}

/** The frequential filter bank of a TimeFrequencyScattering. */
export interface FrequencyFilterBank {
  nPaddedFr: number;
  /** Spinned bank, Kymatio's order (n_fr = index). */
  psis: FrequencyFilter[];
  /** Frequential low-pass φ_F: levels[k] is its response periodised for a 2^k-subsampled axis. */
  phiF: { sigma: number; j: number; levels: Float64Array[] };
}

/**
 * Padded length of the frequency axis (Kymatio): the first-order axis holds (J + 1)·Q1
 * filters at most; it is zero-padded by at least 8·min(F, 2^Jfr), rounded down to a multiple
 * of 2^Jfr: nPaddedFr = floor(((J + 1) Q1 + 8 min(F, 2^Jfr)) / 2^Jfr) · 2^Jfr.
 */
export function paddedFrequencyLength(J: number, Q1: number, Jfr: number, F: number): number {
  const nInput = (J + 1) * Q1;
  const minToPad = 8 * Math.min(F, 2 ** Jfr);
  const K = 2 ** Jfr;
  return Math.floor((nInput + minToPad) / K) * K;
}

/**
 * Kymatio's frequential filters for a padded axis of nPaddedFr bins: φ_{2^Jfr} (σ = 0.1 / 2^Jfr,
 * j = Jfr), then morlet1d(nPaddedFr, ξ, σ) for each (ξ, σ) of andenGenerator(Jfr, Qfr), then the
 * same with -ξ; and φ_F = gauss1d(nPaddedFr, 0.1 / F) with levels 0 .. floor(log2 F).
 */
export function frequencyFilterBank(
  nPaddedFr: number,
  Jfr: number,
  Qfr: number,
  F: number,
): FrequencyFilterBank {
  const sigma0 = 0.1;
  const log2F = Math.floor(Math.log2(F));
  const phiF0 = gauss1d(nPaddedFr, sigma0 / F);
  const phiLevels = [phiF0];
  for (let level = 1; level <= log2F; level++) {
    if (nPaddedFr % 2 ** level !== 0) {
      throw new ParameterError(
        "F",
        F,
        `a value whose frequential subsampling 2^floor(log2 F) divides the padded frequency length ${nPaddedFr} (Kymatio cannot periodise the frequential low-pass otherwise)`,
      );
    }
    phiLevels.push(periodizeFourier(phiF0, 2 ** level));
  }
  const psis: FrequencyFilter[] = [];
  const sigmaLow = sigma0 / 2 ** Jfr;
  psis.push({ nFr: 0, xi: 0, sigma: sigmaLow, j: Jfr, spin: 0, h: gauss1d(nPaddedFr, sigmaLow) });
  const waves = andenGenerator(Jfr, Qfr);
  for (const sign of [1, -1] as const) {
    for (const { xi, sigma } of waves) {
      const j = maxDyadicSubsampling(sign * xi, sigma);
      if (!(Math.abs(xi) < 0.5 / 2 ** j)) {
        throw new ParameterError(
          "Qfr",
          Qfr,
          "a value whose frequential wavelets are alias-free (Kymatio's check)",
        );
      }
      psis.push({
        nFr: psis.length,
        xi: sign * xi,
        sigma,
        j,
        spin: sign,
        h: morlet1d(nPaddedFr, sign * xi, sigma),
      });
    }
  }
  return { nPaddedFr, psis, phiF: { sigma: sigma0 / F, j: log2F, levels: phiLevels } };
}
