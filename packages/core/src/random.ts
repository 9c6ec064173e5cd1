/**
 * The one seeded pseudo-random generator of scatterkit (data generators, random
 * initialisations, shuffles, randomized solvers all draw from it).
 */
import { checkInteger } from "./checks";
import { ParameterError } from "./errors";

/** A saved {@link Random} state: the four xoshiro128** words and the cached second normal variate. */
export interface RandomState {
  /** The 128-bit state as four unsigned 32-bit integers (not all zero). */
  words: [number, number, number, number];
  /** The second variate of the last polar-method pair, returned by the next `normal()` call, or null. */
  spare: number | null;
}

/**
 * A small seeded pseudo-random generator: xoshiro128** (Blackman & Vigna, 2018)
 * with its 128-bit state filled from the 32-bit seed by SplitMix32. The same seed
 * gives the same sequence on every platform (only 32-bit integer arithmetic).
 */
export class Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare: number | null = null;

  /** @param seed any integer (taken modulo 2^32). */
  constructor(seed = 0) {
    checkInteger("seed", seed);
    let z = seed >>> 0;
    const next = (): number => {
      z = (z + 0x9e3779b9) >>> 0;
      let t = z;
      t = Math.imul(t ^ (t >>> 16), 0x85ebca6b);
      t = Math.imul(t ^ (t >>> 13), 0xc2b2ae35);
      return (t ^ (t >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next();
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** The current state (a copy), to resume this exact stream later with {@link Random.setState}. */
  getState(): RandomState {
    return { words: [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0], spare: this.spare };
  }

  /**
   * Restores a state from {@link Random.getState}: the draws that follow are exactly those
   * that followed when the state was saved. Returns this generator.
   */
  setState(state: RandomState): this {
    const w = (state as { words?: unknown } | null)?.words;
    if (
      !Array.isArray(w) ||
      w.length !== 4 ||
      w.some((v) => !Number.isInteger(v) || v < 0 || v > 0xffffffff) ||
      w.every((v) => v === 0)
    ) {
      throw new ParameterError("state.words", w, "four unsigned 32-bit integers, not all zero");
    }
    const spare = state.spare;
    if (spare !== null && !Number.isFinite(spare)) {
      throw new ParameterError("state.spare", spare, "a finite number or null");
    }
    [this.s0, this.s1, this.s2, this.s3] = w.map((v) => v | 0);
    this.spare = spare;
    return this;
  }

  /** Next unsigned 32-bit integer. */
  nextUint32(): number {
    const r = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return r;
  }

  /** Uniform double in [0, 1) with 53 random bits. */
  next(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform integer in [0, n) (rejection sampling, no modulo bias). */
  nextInt(n: number): number {
    checkInteger("n", n, 1, 2 ** 32);
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const v = this.nextUint32();
      if (v < limit) return v % n;
    }
  }

  /** Standard normal variate (Marsaglia polar method). */
  normal(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    for (;;) {
      const u = 2 * this.next() - 1;
      const v = 2 * this.next() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const f = Math.sqrt((-2 * Math.log(s)) / s);
        this.spare = v * f;
        return u * f;
      }
    }
  }

  /** Shuffles `a` in place (Fisher-Yates) and returns it. */
  shuffle<T extends { length: number; [i: number]: number }>(a: T): T {
    for (let i = a.length - 1; i > 0; i--) {
      const j = this.nextInt(i + 1);
      const t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /** A uniformly random permutation of 0..n-1. */
  permutation(n: number): Int32Array {
    checkInteger("n", n, 0);
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    return this.shuffle(p);
  }
}

/** 32-bit left rotation. */
function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
