/**
 * VectorBank: float64 vectors of one length held in kernel memory, with the level-1 kernels
 * that limited-memory quasi-Newton solvers repeat on them (the L-BFGS two-loop recursion:
 * p += c x fused with the next dot product). WebAssembly SIMD (f64x2) when available,
 * otherwise the TypeScript twins; the same bits either way.
 */
import { ParameterError, checkInteger } from "@scatterkit/core";
import { getEngineChoice } from "./engine.js";
import { linalgModule } from "./kernels.js";
import { compiledKernelsShared } from "./shared-module.js";

type Bound = {
  axpyDot: (
    x: Float64Array,
    p: Float64Array,
    u: Float64Array,
    out: Float64Array,
    c: number,
    n: number,
  ) => void;
  dotPair: (a: Float64Array, b: Float64Array, out: Float64Array, n: number) => void;
};

/**
 * `count` float64 vectors of length n in kernel memory (WebAssembly memory when the SIMD
 * engine runs, else a plain buffer), zero-filled, each 16-byte aligned. `vectors[i]` are
 * ordinary Float64Array views; {@link axpyDot} and {@link dot} run the SIMD kernels on them.
 */
export class VectorBank {
  /** The vectors (views into the bank's memory). */
  readonly vectors: Float64Array[];
  /** Length of each vector. */
  readonly n: number;
  /** "wasm-simd" or "typescript". */
  readonly engine: string;
  private readonly k: Bound;
  private readonly out: Float64Array;
  private readonly buffer: ArrayBuffer;

  /**
   * Bytes of memory that `count` vectors of length `n` take (vector i starts at byte
   * {@link VectorBank.offset}(i, n)).
   */
  static byteLength(count: number, n: number): number {
    return 8 * (Math.ceil(n / 2) * 2 * count + 2);
  }

  /** Byte offset of vector i in the bank's memory, for vectors of length n. */
  static offset(i: number, n: number): number {
    return 8 * Math.ceil(n / 2) * 2 * i;
  }

  /**
   * Allocates `count` vectors of length `n` (both >= 1). `options.memory`: a shared
   * WebAssembly.Memory of at least {@link VectorBank.byteLength} bytes, zero-filled, to hold the
   * vectors instead of a memory of the bank's own (another thread may then fault in its pages
   * ahead of use); ignored where the TypeScript engine runs.
   */
  constructor(count: number, n: number, options: { memory?: WebAssembly.Memory } = {}) {
    checkInteger("count", count, 1);
    checkInteger("n", n, 1);
    const stride = Math.ceil(n / 2) * 2;
    const bytes = 8 * (stride * count + 2);
    let memory: WebAssembly.Memory | null = null;
    let kernels: Bound | null = null;
    const given = options.memory;
    const sharedMod = given ? compiledKernelsShared() : null;
    if (given && !(given instanceof WebAssembly.Memory && given.buffer.byteLength >= bytes)) {
      throw new ParameterError(
        "options.memory",
        given,
        `a shared WebAssembly.Memory of at least ${bytes} bytes`,
      );
    }
    if (given && sharedMod && given.buffer instanceof SharedArrayBuffer) {
      memory = given;
      const inst = new WebAssembly.Instance(sharedMod, linalgModule.imports(given));
      kernels = linalgModule.bindInstance(inst, given).kernels as unknown as Bound;
    } else if (getEngineChoice() !== "typescript" && linalgModule.compile() !== null) {
      memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) + 1 });
      const inst = linalgModule.instantiate(memory);
      if (inst) kernels = inst.kernels as unknown as Bound;
    }
    const buffer = memory ? (memory.buffer as ArrayBuffer) : new ArrayBuffer(bytes);
    this.engine = kernels ? "wasm-simd" : "typescript";
    this.k = kernels ?? (linalgModule.bindTwins() as unknown as Bound);
    this.n = n;
    this.vectors = Array.from({ length: count }, (_, i) => new Float64Array(buffer, 8 * stride * i, n));
    this.out = new Float64Array(buffer, 8 * stride * count, 1);
    this.buffer = buffer;
  }

  /** Throws unless v is a length-n view into this bank's memory (the kernels take addresses). */
  private check(name: string, v: Float64Array): void {
    if (!(v instanceof Float64Array) || v.buffer !== this.buffer || v.length !== this.n) {
      throw new ParameterError(name, v, `a vector of this VectorBank (length ${this.n})`);
    }
  }

  /**
   * p = p + c x (in place) and returns u . p (p updated) summed as (even-index sum) +
   * (odd-index sum), or 0 when u is null. x, p, u: vectors of this bank.
   */
  axpyDot(c: number, x: Float64Array, p: Float64Array, u: Float64Array | null): number {
    const n = this.n;
    this.check("x", x);
    this.check("p", p);
    if (u === null) {
      for (let i = 0; i < n; i++) p[i] += c * x[i];
      return 0;
    }
    this.check("u", u);
    this.k.axpyDot(x, p, u, this.out, c, n);
    return this.out[0];
  }

  /** a . b summed as (even-index sum) + (odd-index sum); a, b: vectors of this bank. */
  dot(a: Float64Array, b: Float64Array): number {
    this.check("a", a);
    this.check("b", b);
    this.k.dotPair(a, b, this.out, this.n);
    return this.out[0];
  }
}
