/**
 * {@link KernelArena}: the buffers and kernels of one transform. Buffers are requested during
 * layout and placed by {@link KernelArena.finish} in one WebAssembly memory (the kernels then
 * run as WebAssembly SIMD) or, where WebAssembly SIMD is unavailable or switched off, as plain
 * typed arrays (the kernels' TypeScript twins run; same results bit for bit).
 * @internal
 */
import type { BoundKernels } from "@scatterkit/core";
import { scatteringKernels } from "./module";

/** @internal Switch for tests: false forces the TypeScript twins for transforms built afterwards. */
export const simdSettings = { enabled: true };

type Kernels = BoundKernels<typeof scatteringKernels.kernels>;
type Request = { kind: "f64" | "i32" | "f32"; length: number };

/** Bytes a request takes, rounded up to 16. */
const size = (r: Request) => Math.ceil(((r.kind === "f64" ? 8 : 4) * r.length) / 16) * 16;

/** A view of `r` at byte `at` of `buf`, or a new array when `buf` is null. */
function view(buf: ArrayBuffer | null, at: number, r: Request): Float64Array | Int32Array | Float32Array {
  if (r.kind === "f64") return buf ? new Float64Array(buf, at, r.length) : new Float64Array(r.length);
  if (r.kind === "f32") return buf ? new Float32Array(buf, at, r.length) : new Float32Array(r.length);
  return buf ? new Int32Array(buf, at, r.length) : new Int32Array(r.length);
}

/**
 * Buffers and kernels of one transform. Buffers are requested with {@link f64} / {@link i32} /
 * {@link f32} during layout, then {@link finish} places them (in WebAssembly memory when
 * available) and returns the views in request order. The kernel methods below take those views.
 */
export class KernelArena {
  private readonly requests: Request[] = [];
  private sumsBuf: Float64Array = new Float64Array(3);
  /** The kernels by name: WebAssembly exports after a successful finish(), else the twins. */
  private k: Kernels = scatteringKernels.bindTwins();
  /** The twins (odd counts of sqrtInPlace / sums, which the SIMD bodies do not handle). */
  private readonly twins: Kernels = this.k;
  /** True when the kernels run as WebAssembly SIMD. */
  simd = false;
  /** Requests `length` doubles; returns the request's index. */
  f64(length: number): number {
    this.requests.push({ kind: "f64", length });
    return this.requests.length - 1;
  }
  /** Requests `length` 32-bit integers; returns the request's index. */
  i32(length: number): number {
    this.requests.push({ kind: "i32", length });
    return this.requests.length - 1;
  }
  /** Requests `length` floats; returns the request's index. */
  f32(length: number): number {
    this.requests.push({ kind: "f32", length });
    return this.requests.length - 1;
  }
  /** Places every requested buffer; returns them in request order. */
  finish(): (Float64Array | Int32Array | Float32Array)[] {
    const mod = simdSettings.enabled ? scatteringKernels.compile() : null;
    if (mod) {
      const reqs: Request[] = [...this.requests, { kind: "f64", length: 4 }]; // last: scratch of `sums`
      let bytes = 16;
      for (const r of reqs) bytes += size(r);
      if (bytes < 2 ** 31) {
        try {
          const pages = Math.ceil(bytes / 65536);
          const mem = new WebAssembly.Memory({ initial: pages, maximum: pages });
          const inst = scatteringKernels.bindInstance(
            new WebAssembly.Instance(mod, scatteringKernels.imports(mem)),
            mem,
          );
          const out: (Float64Array | Int32Array | Float32Array)[] = [];
          let at = 16;
          for (const r of reqs) {
            out.push(view(mem.buffer, at, r));
            at += size(r);
          }
          this.sumsBuf = out.pop() as Float64Array;
          this.k = inst.kernels;
          this.simd = true;
          return out;
        } catch {
          // memory refused: fall through to the TypeScript twins
        }
      }
    }
    return this.requests.map((r) => view(null, 0, r));
  }

  /** dst[0 .. dstBins) = 0, then dst[d + t] += src[s + t] * filt[s + t] for every run (s, d, len). */
  fold(src: Float64Array, filt: Float64Array, dst: Float64Array, runs: Int32Array, dstBins: number): void {
    this.k.fold(src, filt, dst, runs, runs.length / 3, dstBins);
  }
  /** dst[i] = |y[i]| for i < count (count even). */
  modReal(y: Float64Array, dst: Float64Array, count: number): void {
    this.k.modReal(y, dst, count);
  }
  /** z[i] = |ya[i]| + i |yb[i]| for i < count. */
  modPair(ya: Float64Array, yb: Float64Array, z: Float64Array, count: number): void {
    this.k.modPair(ya, yb, z, count);
  }
  /** dst[v] = spec[v] * filt[v] (complex; filt float32) for v < count. */
  cmul(spec: Float64Array, filt: Float32Array, dst: Float64Array, count: number): void {
    this.k.cmul(spec, filt, dst, count);
  }
  /** dst = specA pa + i specB pb (complex products; pa, pb float32) for v < count. */
  cmul2(
    specA: Float64Array,
    pa: Float32Array,
    specB: Float64Array,
    pb: Float32Array,
    dst: Float64Array,
    count: number,
  ): void {
    this.k.cmul2(specA, pa, specB, pb, dst, count);
  }
  /**
   * acc[v] += |u|^2 + |s conj(u) + e|^2 with u = Y[v] and, at v = (a, b, c) of an M x N x O grid
   * (O even), e = (-1)^a qa[b, c] + (-1)^b qb[a, c] + (-1)^c qc[a, b].
   */
  addPair3(
    Y: Float64Array,
    acc: Float64Array,
    q: Float64Array[],
    M: number,
    N: number,
    O: number,
    s: number,
  ): void {
    this.k.addPair3(Y, acc, q[0], q[1], q[2], M, N, O, s);
  }
  /**
   * With eai, ebi the imaginary parts of (-1)^a qa + (-1)^b qb + (-1)^c qc and of the same for r:
   * acc = (Re Y + ebi)^2 + eai^2, acc2 = (Im Y - eai)^2 + ebi^2 (grid M x N x O, O even).
   */
  mod2(
    Y: Float64Array,
    acc: Float64Array,
    acc2: Float64Array,
    q: Float64Array[],
    r: Float64Array[],
    M: number,
    N: number,
    O: number,
  ): void {
    this.k.mod2(Y, acc, acc2, q[0], q[1], q[2], r[0], r[1], r[2], M, N, O);
  }
  /**
   * Spectra of a and b from the spectrum Z of z = a + i b (a, b real) on an M x d1 x d2 grid:
   * A[k] = (Z[k] + conj Z[-k]) / 2, B[k] = (Z[k] - conj Z[-k]) / (2i).
   */
  split3(Z: Float64Array, A: Float64Array, B: Float64Array, M: number, d1: number, d2: number): void {
    this.k.split3(Z, A, B, M, d1, d2);
  }
  /** p[i] = sqrt(p[i]) for i < count. */
  sqrtInPlace(p: Float64Array, count: number): void {
    (count % 2 === 0 ? this.k : this.twins).sqrtInPlace(p, count);
  }
  /** out = [sum sqrt p, sum p, sum p^2] over i < count (even and odd i summed apart, then added). */
  sums(p: Float64Array, count: number, out: number[]): void {
    const b = this.sumsBuf;
    (count % 2 === 0 ? this.k : this.twins).sums(p, count, b);
    out[0] = b[0];
    out[1] = b[1];
    out[2] = b[2];
  }
}
