/**
 * {@link WasmEngine}: the mixed-radix (4, 2, 3, 5) Stockham engine on the WebAssembly
 * kernels, with its twiddles and pass program in module memory.
 * @internal
 */
import type { BoundKernels } from "@scatterkit/core";
import { type Engine, radices } from "../engines";
import { PROGRAM_STRIDE } from "./blocks";
import type { fftKernels } from "./module";
import { alloc, copyIn, copyOut, load, simd, workArea } from "./state";

type Kernels = BoundKernels<typeof fftKernels.kernels>;
/** A pass kernel: (x, y, m, S, tw, sign, last, scale). */
export type PassFn = Kernels["pass2"];

/** The pass kernel of each radix, by name. */
const PASSES: Record<number, (k: Kernels) => PassFn> = {
  2: (k) => k.pass2,
  3: (k) => k.pass3,
  4: (k) => k.pass4,
  5: (k) => k.pass5,
};

/** True when n >= 2 factors into 2, 3, 4, 5 passes and the SIMD kernels are available. */
export function wasmSupports(n: number): boolean {
  return n >= 2 && radices(n).every((r) => r <= 5) && load() != null;
}

/**
 * Mixed-radix (4, 2, 3, 5) Stockham engine on the SIMD kernels for 5-smooth n.
 * Data are copied into module memory (a memcpy when contiguous), transformed
 * there and copied out with the caller's offsets and strides.
 */
export class WasmEngine implements Engine {
  readonly kind: string;
  readonly n: number;
  private readonly radices: number[];
  private readonly twF: number[] = [];
  private readonly twI: number[] = [];
  constructor(n: number) {
    this.n = n;
    const k = load();
    if (!k || !wasmSupports(n)) throw new Error(`WebAssembly SIMD engine unavailable for n = ${n}`);
    this.kind = (n & (n - 1)) === 0 ? "radix4-wasm" : "mixed-wasm";
    this.radices = radices(n);
    let L = n;
    for (const r of this.radices) {
      const m = L / r;
      for (const sign of [-1, 1]) {
        const at = alloc(16 * 2 * (r - 1) * m);
        const base = at / 8;
        for (let p = 0; p < m; p++) {
          for (let kk = 1; kk < r; kk++) {
            const a = (sign * 2 * Math.PI * ((p * kk) % L)) / L;
            const c = Math.cos(a);
            const s = Math.sin(a);
            const o = base + 4 * (p * (r - 1) + kk - 1);
            simd.f64[o] = c;
            simd.f64[o + 1] = c;
            simd.f64[o + 2] = -s;
            simd.f64[o + 3] = s;
          }
        }
        (sign < 0 ? this.twF : this.twI).push(at);
      }
      L = m;
    }
    // pass program for the blocks() driver: radix, m, s, forward tw, inverse tw
    this.prog = alloc(PROGRAM_STRIDE * this.radices.length);
    const prog = new Int32Array(simd.f64.buffer, this.prog, 5 * this.radices.length);
    L = n;
    let sMul = 1;
    this.radices.forEach((r, i) => {
      const m = L / r;
      prog.set([r, m, sMul, this.twF[i], this.twI[i]], 5 * i);
      sMul *= r;
      L = m;
    });
  }
  private readonly prog: number;
  /**
   * Transforms `count` consecutive blocks (block c at base + c blockBytes, each a
   * [n, batch] complex array) with one call into the module; returns the address
   * where the results start (`base`, or `scratch` when the pass count is odd).
   */
  runBlocks(
    base: number,
    scratch: number,
    count: number,
    blockBytes: number,
    batch: number,
    sign: number,
    scale: number,
  ): number {
    simd.kernels!.blocks(
      this.prog,
      this.radices.length,
      base,
      scratch,
      count,
      blockBytes,
      batch,
      sign,
      scale,
    );
    return this.radices.length % 2 === 1 ? scratch : base;
  }
  exec(
    x: Float64Array,
    xo: number,
    xs: number,
    y: Float64Array,
    yo: number,
    ys: number,
    batch: number,
    sign: number,
    scale: number,
  ): void {
    const total = this.n * batch;
    const w = workArea(2 * total);
    copyIn(x, 2 * xo, 2 * xs, w.a, total);
    const res = this.run(w.a, w.b, batch, sign, scale);
    copyOut(res, y, 2 * yo, 2 * ys, total);
  }
  /**
   * Runs the passes on module memory: input at byte address `a` ([n, batch] complex),
   * `b` a second buffer of the same size; returns the address holding the result
   * (`a` or `b`; `a` is overwritten when there is more than one pass).
   */
  run(a: number, b: number, batch: number, sign: number, scale: number): number {
    return this.runBlocks(a, b, 1, 0, batch, sign, scale);
  }
  /** The same as {@link run} with one JavaScript-to-WebAssembly call per pass (reference path). */
  runPerPass(a: number, b: number, batch: number, sign: number, scale: number): number {
    let src = a;
    let dst = b;
    const rad = this.radices;
    const tws = sign < 0 ? this.twF : this.twI;
    let s = batch;
    let L = this.n;
    for (let i = 0; i < rad.length; i++) {
      const r = rad[i];
      const m = L / r;
      PASSES[r](simd.kernels!)(src, dst, m, s, tws[i], sign, i === rad.length - 1 ? 1 : 0, scale);
      const t = src;
      src = dst;
      dst = t;
      s *= r;
      L = m;
    }
    return src;
  }
}
