/**
 * The one piece of module-level state of the fft's WebAssembly path: the instantiated
 * kernel module, a view of its memory, the bump allocator's top and the work areas that
 * every engine shares. Plus the allocator itself and the copies between JavaScript arrays
 * and module memory.
 * @internal
 */
import type { BoundKernels } from "@scatterkit/core";
import { fftKernels } from "./module";

/** A pair of work buffers (byte addresses) of `doubles` each. */
export interface Area {
  a: number;
  b: number;
  doubles: number;
}

/** Everything the WebAssembly path keeps between calls. */
export interface SimdState {
  /**
   * Kernels bound by name: the WebAssembly exports, or their TypeScript twins (see
   * {@link load}); undefined before the first load, null when unavailable.
   */
  kernels: BoundKernels<typeof fftKernels.kernels> | null | undefined;
  /** True while the kernels are the TypeScript twins over a plain WebAssembly.Memory. */
  twins: boolean;
  /** The memory the kernels work in (grown by {@link alloc}). */
  mem: WebAssembly.Memory | null;
  /** The memory as doubles (renewed after growth). */
  f64: Float64Array;
  /** Bump allocator: first free byte. */
  heapTop: number;
  /** Work buffers shared by every engine (grown on demand). */
  work: Area;
  /** Bins buffer of real transforms. */
  bins: { at: number; doubles: number };
  /** Column-gather scratch of n-D transforms. */
  gather: Area;
  /** Data and scratch of n-D transforms. */
  nd: Area;
}

function initialState(): SimdState {
  return {
    kernels: undefined,
    twins: false,
    mem: null,
    f64: new Float64Array(0),
    heapTop: 0,
    work: { a: 0, b: 0, doubles: 0 },
    bins: { at: 0, doubles: 0 },
    gather: { a: 0, b: 0, doubles: 0 },
    nd: { a: 0, b: 0, doubles: 0 },
  };
}

/** The state (one object; see {@link SimdState}). */
export const simd: SimdState = initialState();

/** @internal For tests: forget the kernels and memory (plans made before must be dropped too). */
export function resetSimdState(options: { twins?: boolean } = {}): void {
  Object.assign(simd, initialState());
  if (options.twins) useTwins();
}

/**
 * Takes an instance of the module. When the twins ran before (see {@link load}), their memory
 * is copied into the instance's memory first, so every address handed out stays valid and
 * plans made meanwhile continue on WebAssembly (with the same results, bit for bit).
 */
function adopt(inst: WebAssembly.Instance): NonNullable<SimdState["kernels"]> {
  const bound = fftKernels.bindInstance(inst);
  const mem = bound.memory;
  if (simd.twins && simd.mem) {
    const old = simd.mem.buffer;
    const need = old.byteLength - mem.buffer.byteLength;
    if (need > 0) mem.grow(need / 65536);
    new Uint8Array(mem.buffer).set(new Uint8Array(old));
  } else simd.heapTop = 64;
  simd.kernels = bound.kernels;
  simd.twins = false;
  simd.mem = mem;
  simd.f64 = new Float64Array(mem.buffer);
  return bound.kernels;
}

/** Runs the TypeScript twins of the kernels over a plain (growable) WebAssembly.Memory. */
function useTwins(): NonNullable<SimdState["kernels"]> {
  const mem = new WebAssembly.Memory({ initial: 1 });
  simd.kernels = fftKernels.bindTwins(mem);
  simd.twins = true;
  simd.mem = mem;
  simd.heapTop = 64;
  simd.f64 = new Float64Array(mem.buffer);
  return simd.kernels;
}

/**
 * The kernels, compiled and instantiated on first use; null when this engine has no
 * WebAssembly SIMD (then the TypeScript engines of engines.ts run everywhere, workers
 * included). When the module validates but synchronous compilation is refused (a browser's
 * main thread refuses modules above 4 KB), the kernels' TypeScript twins run in a plain
 * memory instead: the same plans and the same bits as the workers' WebAssembly, until
 * {@link initSimdKernels} has compiled the module.
 */
export function load(): SimdState["kernels"] {
  if (simd.kernels !== undefined) return simd.kernels;
  simd.kernels = null;
  const mod = fftKernels.compile();
  if (mod) {
    try {
      return adopt(new WebAssembly.Instance(mod, {}));
    } catch {
      simd.kernels = null;
    }
  } else if (typeof WebAssembly === "object" && WebAssembly.validate(fftKernels.bytes())) {
    return useTwins();
  }
  return simd.kernels;
}

/**
 * Compiles the SIMD kernels asynchronously when synchronous compilation was
 * refused (as on a browser's main thread); resolves to whether they are available.
 * Plans made before it resolves continue on the compiled kernels (same results).
 * @internal
 */
export async function initSimdKernels(): Promise<boolean> {
  if (load() && !simd.twins) return true;
  const mod = await fftKernels.compileAsync();
  if (!mod) return false;
  try {
    const instance = await WebAssembly.instantiate(mod, {});
    if (!simd.kernels || simd.twins) adopt(instance);
    return true;
  } catch {
    return false;
  }
}

/** True when the kernels run as compiled WebAssembly (not their TypeScript twins). */
export function simdCompiled(): boolean {
  return load() !== null && !simd.twins;
}

/**
 * True when the kernels are available here, compiled or as their twins (else the TypeScript
 * engines of engines.ts are used).
 */
export function wasmAvailable(): boolean {
  return load() !== null;
}

/** Reserves `bytes` (16-aligned) of module memory, growing it when needed; returns the address. */
export function alloc(bytes: number): number {
  load();
  const mem = simd.mem!;
  const at = (simd.heapTop + 15) & ~15;
  const need = at + bytes - mem.buffer.byteLength;
  // grow() throws a RangeError past the 4 GiB address space; heapTop is kept then.
  if (need > 0) mem.grow(Math.ceil(need / 65536));
  simd.heapTop = at + bytes;
  if (simd.f64.buffer !== mem.buffer) simd.f64 = new Float64Array(mem.buffer);
  return at;
}

/** Shared work area (two buffers) for every wasm engine: grown on demand. */
export function workArea(doubles: number): Area {
  if (simd.work.doubles < doubles) {
    const a = alloc(8 * doubles);
    const b = alloc(8 * doubles);
    simd.work = { a, b, doubles };
  }
  return simd.work;
}

/** Bins buffer of real transforms (byte address), grown on demand. */
export function binsBuffer(doubles: number): number {
  if (simd.bins.doubles < doubles) simd.bins = { at: alloc(8 * doubles), doubles };
  return simd.bins.at;
}

/** Column-gather scratch of n-D transforms, grown on demand. */
export function gatherArea(doubles: number): Area {
  if (simd.gather.doubles < doubles) simd.gather = { a: alloc(8 * doubles), b: alloc(8 * doubles), doubles };
  return simd.gather;
}

/** Data and scratch areas of n-D transforms, grown on demand. */
export function ndArea(doubles: number): Area {
  if (simd.nd.doubles < doubles) {
    const a = alloc(8 * doubles);
    const b = alloc(8 * doubles);
    simd.nd = { a, b, doubles };
  }
  return simd.nd;
}

/** @internal For tests: the module memory as float64 and a pair of work buffers of `doubles` each. */
export function testAccess(doubles: number): { mem: Float64Array; a: number; b: number } {
  const w = workArea(doubles);
  return { mem: simd.f64, a: w.a, b: w.b };
}

/**
 * Copies `count` complex values (interleaved doubles, first at index `i0`, complex
 * stride `step` in doubles) from `x` into module memory at byte address `at`.
 * Contiguous data is one memcpy (a view object; no data is allocated).
 */
export function copyIn(x: Float64Array, i0: number, step: number, at: number, count: number): void {
  const mem = simd.f64;
  const a0 = at / 8;
  if (step === 2) {
    mem.set(i0 === 0 && x.length === 2 * count ? x : x.subarray(i0, i0 + 2 * count), a0);
    return;
  }
  for (let v = 0, i = i0; v < 2 * count; v += 2, i += step) {
    mem[a0 + v] = x[i];
    mem[a0 + v + 1] = x[i + 1];
  }
}

/** Copies `count` complex values from module memory at byte address `at` to `y` (first at `o0`, stride `step` doubles). */
export function copyOut(at: number, y: Float64Array, o0: number, step: number, count: number): void {
  const mem = simd.f64;
  const b0 = at / 8;
  if (step === 2) {
    y.set(mem.subarray(b0, b0 + 2 * count), o0);
    return;
  }
  for (let v = 0, o = o0; v < 2 * count; v += 2, o += step) {
    y[o] = mem[b0 + v];
    y[o + 1] = mem[b0 + v + 1];
  }
}
