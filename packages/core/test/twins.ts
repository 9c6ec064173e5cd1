/**
 * Test helper: runs one kernel of a module on random arguments (its `sample`) twice from the
 * same memory contents, once as WebAssembly and once as its TypeScript twin, and returns the
 * memory bytes after each run. Used by every package's kernel tests.
 */
import type { AnyKernel, KernelModule, KernelSampler } from "../src/index";

/** xorshift32 in [0, 1). */
function xorshift(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

const PAGES = 16;

export interface TwinRun {
  /** Memory before the runs, after the WebAssembly run, after the TypeScript run. */
  before: Uint8Array;
  wasm: Uint8Array;
  ts: Uint8Array;
}

/** What runTwins needs of a {@link KernelModule} (structural: modules from src/ or dist/ both fit). */
export interface ModuleLike {
  readonly name: string;
  readonly memory: KernelModule["memory"];
  kernel(name: string): Pick<AnyKernel, "sample">;
  instantiate(memory?: WebAssembly.Memory): { kernels: object; memory: WebAssembly.Memory } | null;
  bindTwins(memory: { readonly buffer: ArrayBufferLike } | null): object;
}

/** Runs kernel `name` of `module` as WebAssembly and as its twin on the same random inputs. */
export function runTwins(module: ModuleLike, name: string, seed: number): TwinRun {
  const k = module.kernel(name);
  if (!k.sample) throw new Error(`kernel ${name} has no sample()`);
  const imported = "import" in module.memory;
  const given = imported ? new WebAssembly.Memory({ initial: PAGES }) : undefined;
  const inst = module.instantiate(given);
  if (!inst) throw new Error(`module ${module.name} did not compile`);
  const mem = inst.memory;
  if (mem.buffer.byteLength < PAGES * 65536) mem.grow(PAGES - mem.buffer.byteLength / 65536);
  const buf = mem.buffer;
  const rng = xorshift(seed);
  let top = 64;
  const take = (bytes: number): number => {
    const at = (top + 15) & ~15;
    top = at + bytes;
    if (top > buf.byteLength) throw new Error(`sample of ${name} needs more than ${PAGES} pages`);
    return at;
  };
  const sampler: KernelSampler = {
    rng,
    int: (lo, hi) => lo + Math.floor(rng() * (hi - lo + 1)),
    f64: (n, fill) => {
      const v = new Float64Array(buf, take(8 * n), n);
      for (let i = 0; i < n; i++) v[i] = fill ? fill(i) : 2 * rng() - 1;
      return v;
    },
    f32: (n, fill) => {
      const v = new Float32Array(buf, take(4 * n), n);
      for (let i = 0; i < n; i++) v[i] = fill ? fill(i) : 2 * rng() - 1;
      return v;
    },
    i32: (values) => {
      const v = new Int32Array(buf, take(4 * values.length), values.length);
      v.set(Array.from(values));
      return v;
    },
  };
  const args = (k.sample as (s: KernelSampler) => unknown[])(sampler);
  const u8 = new Uint8Array(buf);
  const before = u8.slice();
  (inst.kernels as Record<string, (...a: unknown[]) => void>)[name](...args);
  const wasm = u8.slice();
  u8.set(before);
  (module.bindTwins(mem) as Record<string, (...a: unknown[]) => void>)[name](...args);
  const ts = u8.slice();
  return { before, wasm, ts };
}

/** Index of the first byte where a and b differ, or -1. */
export function firstDifference(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : a.length;
}
