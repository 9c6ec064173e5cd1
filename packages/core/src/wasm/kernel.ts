/**
 * Kernels defined once: {@link defineKernel} holds a kernel's formula (doc), its parameters,
 * the builder of its WebAssembly body and its TypeScript twin (the same arithmetic in the
 * same order, so both give bit-identical results); {@link KernelModule} assembles a set of
 * kernels into one module, compiles it (strictly in tests: see {@link wasmStrict}) and binds
 * them by name, to the WebAssembly exports or to the TypeScript twins.
 * @internal
 */
import { ScatterkitError } from "../errors";
import { type WasmMemory, assembleModule } from "./assemble";
import { WasmBody } from "./body";
import { VALUE_TYPES } from "./opcodes";
import { toWat } from "./wat";

/**
 * Type of a kernel parameter: a number (`i32`: an integer or a byte address in module
 * memory; `f64`: a double), or a typed-array view (`f64[]`, `f32[]`, `i32[]`) that the
 * WebAssembly body receives as its byte address and the TypeScript twin as the view.
 * @internal
 */
export type ParamType = "i32" | "f64" | "f64[]" | "f32[]" | "i32[]";

/** One parameter as `"name: type"`, e.g. `"src: f64[]"` or `"count: i32"`. @internal */
export type ParamSpec = `${string}: ${ParamType}`;

type ArgOf<S> = S extends `${string}: f64[]`
  ? Float64Array
  : S extends `${string}: f32[]`
    ? Float32Array
    : S extends `${string}: i32[]`
      ? Int32Array
      : number;
type NameOf<S> = S extends `${infer N}: ${ParamType}` ? N : never;

/** The arguments of a kernel with parameters `P`, in order. @internal */
export type KernelArgs<P extends readonly ParamSpec[]> = { -readonly [K in keyof P]: ArgOf<P[K]> };
/** Local index of each parameter in the WebAssembly body, by parameter name. @internal */
export type KernelParams<P extends readonly ParamSpec[]> = { readonly [S in P[number] as NameOf<S>]: number };

/**
 * Views of a module's whole memory, for TypeScript twins that follow byte addresses
 * (`i32` parameters); refreshed when the memory grows. Twins with only view parameters
 * ignore it.
 * @internal
 */
export class KernelMemory {
  private buf: ArrayBufferLike;
  private views: { f64: Float64Array; f32: Float32Array; i32: Int32Array; u8: Uint8Array };
  /** @param source anything with a `buffer` (a WebAssembly.Memory), or null (no memory) */
  constructor(private readonly source: { readonly buffer: ArrayBufferLike } | null) {
    this.buf = source ? source.buffer : new ArrayBuffer(0);
    this.views = KernelMemory.viewsOf(this.buf);
  }
  private static viewsOf(b: ArrayBufferLike) {
    return {
      f64: new Float64Array(b),
      f32: new Float32Array(b),
      i32: new Int32Array(b),
      u8: new Uint8Array(b),
    };
  }
  private current() {
    if (this.source && this.source.buffer !== this.buf) {
      this.buf = this.source.buffer;
      this.views = KernelMemory.viewsOf(this.buf);
    }
    return this.views;
  }
  /** The memory as doubles (index = byte address / 8). */
  get f64(): Float64Array {
    return this.current().f64;
  }
  /** The memory as floats (index = byte address / 4). */
  get f32(): Float32Array {
    return this.current().f32;
  }
  /** The memory as 32-bit integers (index = byte address / 4). */
  get i32(): Int32Array {
    return this.current().i32;
  }
  /** The memory as bytes. */
  get u8(): Uint8Array {
    return this.current().u8;
  }
}

/**
 * Random inputs for a kernel, placed in one memory: what the bit-identity test gives a
 * kernel's `sample` to build arguments from.
 * @internal
 */
export interface KernelSampler {
  /** Uniform in [0, 1) (seeded). */
  rng(): number;
  /** Uniform integer in [lo, hi]. */
  int(lo: number, hi: number): number;
  /** A new 16-byte-aligned view of `length` doubles, uniform in [-1, 1) unless `fill` is given. */
  f64(length: number, fill?: (i: number) => number): Float64Array;
  /** A new view of `length` floats, uniform in [-1, 1) unless `fill` is given. */
  f32(length: number, fill?: (i: number) => number): Float32Array;
  /** A new view holding `values` as 32-bit integers. */
  i32(values: ArrayLike<number>): Int32Array;
}

/** What {@link defineKernel} takes. @internal */
export interface KernelDefinition<N extends string, P extends readonly ParamSpec[]> {
  /** Export name; bound kernels are called by it. */
  readonly name: N;
  /** What the kernel computes: the formula, in the notation of its parameters. */
  readonly doc: string;
  /** Parameters in call order. */
  readonly params: P;
  /** Emits the body into `f`; `p` maps parameter names to their local indices. */
  readonly wasm: (f: WasmBody, p: KernelParams<P>) => void;
  /** The TypeScript twin: the same arithmetic in the same order as the WebAssembly body. */
  readonly ts: (m: KernelMemory, ...args: KernelArgs<P>) => void;
  /** Random valid arguments, for the test that checks WebAssembly and twin agree bit for bit. */
  readonly sample?: (s: KernelSampler) => KernelArgs<P>;
}

/** A defined kernel (see {@link defineKernel}). @internal */
export interface Kernel<N extends string = string, P extends readonly ParamSpec[] = readonly ParamSpec[]>
  extends KernelDefinition<N, P> {
  /** Builds the WebAssembly body (parameters typed from `params`). */
  body(): WasmBody;
}

// biome-ignore lint/suspicious/noExplicitAny: kernels of any parameter list
export type AnyKernel = Kernel<string, any>;

const MAX_PARAMS = 12;

/**
 * Defines a kernel once: formula, parameters, WebAssembly body and TypeScript twin.
 *
 * @example
 * ```ts
 * // y[i] = a x[i] + y[i] for i < n (n even), two lanes at a time.
 * const axpy = defineKernel({
 *   name: "axpy",
 *   doc: "y[i] = a x[i] + y[i] for i < n (n even)",
 *   params: ["a: f64", "x: f64[]", "y: f64[]", "n: i32"],
 *   wasm: (f, p) => {
 *     const [end, av] = [f.local("i32"), f.local("v128")];
 *     f.get(p.a).op("f64x2.splat").set(av);
 *     f.get(p.x).get(p.n).i32(3).op("i32.shl").op("i32.add").set(end);
 *     f.loopWhileLess(p.x, end, () => {
 *       f.get(p.y);
 *       f.get(p.x).load().get(av).mul().get(p.y).load().add();
 *       f.store();
 *       f.inc(p.x, 16).inc(p.y, 16);
 *     });
 *   },
 *   ts: (_m, a, x, y, n) => {
 *     for (let i = 0; i < n; i++) y[i] = x[i] * a + y[i];
 *   },
 *   sample: (s) => [s.rng(), s.f64(8), s.f64(8), 8],
 * });
 * ```
 * @internal
 */
export function defineKernel<const N extends string, const P extends readonly ParamSpec[]>(
  def: KernelDefinition<N, P>,
): Kernel<N, P> {
  if (def.params.length > MAX_PARAMS) {
    throw new RangeError(`defineKernel(${def.name}): ${def.params.length} parameters; at most ${MAX_PARAMS}`);
  }
  for (const s of def.params) {
    if (!PARAM_TYPES.includes(paramType(s)) || !/^\s*\w+\s*:/.test(s)) {
      throw new RangeError(
        `defineKernel(${def.name}): parameter "${s}"; expected "name: type" with type one of ${PARAM_TYPES.join(", ")}`,
      );
    }
  }
  return {
    ...def,
    body(): WasmBody {
      const types = def.params.map((s) => (paramType(s) === "f64" ? VALUE_TYPES.f64 : VALUE_TYPES.i32));
      const f = new WasmBody(types);
      const locals: Record<string, number> = {};
      def.params.forEach((s, i) => {
        locals[s.slice(0, s.indexOf(":"))] = i;
      });
      def.wasm(f, locals as KernelParams<P>);
      return f;
    },
  };
}

const PARAM_TYPES: readonly string[] = ["i32", "f64", "f64[]", "f32[]", "i32[]"];

function paramType(s: ParamSpec): ParamType {
  return s.slice(s.indexOf(":") + 1).trim() as ParamType;
}

/**
 * True when an invalid or uncompilable kernel module must throw instead of falling back
 * to the TypeScript twins: the environment variable `SCATTERKIT_WASM_STRICT=1` (set by the
 * workspace's vitest base config, so a broken module fails every test that uses it).
 * @internal
 */
export function wasmStrict(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.SCATTERKIT_WASM_STRICT === "1";
}

/** Error of a kernel module that does not validate or compile (thrown in strict mode). @internal */
export class WasmModuleError extends ScatterkitError {}

/** A bound kernel: the WebAssembly export (views passed as byte addresses) or the TypeScript twin. */
type Bound<K> = K extends Kernel<string, infer P> ? (...args: KernelArgs<P>) => void : never;

/** The kernels of a module bound by name. @internal */
export type BoundKernels<K extends readonly AnyKernel[]> = {
  readonly [E in K[number] as E["name"]]: Bound<E>;
};

/**
 * A set of kernels assembled into one WebAssembly module with one memory. Keeps its
 * assembled bytes and compiled module (the one piece of state, built on first use).
 * @internal
 */
export class KernelModule<K extends readonly AnyKernel[] = readonly AnyKernel[]> {
  private state: { bytes?: Uint8Array<ArrayBuffer>; compiled?: WebAssembly.Module | null } = {};
  /**
   * @param name module name (for messages)
   * @param kernels the kernels, exported in this order
   * @param memory the module's memory: imported (each instance brings its own) or defined and exported
   */
  constructor(
    readonly name: string,
    readonly kernels: K,
    readonly memory: WasmMemory,
  ) {}
  /** The kernel called `name`. */
  kernel(name: string): AnyKernel {
    const k = this.kernels.find((x) => x.name === name);
    if (!k) throw new RangeError(`${this.name}: no kernel "${name}"`);
    return k;
  }
  /** The module's bytes (assembled once). */
  bytes(): Uint8Array<ArrayBuffer> {
    this.state.bytes ??= assembleModule(
      this.kernels.map((k) => ({ name: k.name, body: k.body() })),
      this.memory,
    );
    return this.state.bytes;
  }
  /** WAT-like text of the module (see {@link toWat}). */
  wat(): string {
    return toWat(this.bytes());
  }
  /**
   * The compiled module, or null when this engine has no WebAssembly SIMD or refuses to
   * compile synchronously (then the TypeScript twins run). In strict mode ({@link wasmStrict})
   * every such failure throws a {@link WasmModuleError} instead.
   */
  compile(): WebAssembly.Module | null {
    if (this.state.compiled !== undefined) return this.state.compiled;
    if (typeof WebAssembly !== "object") return this.fail("WebAssembly is not available");
    try {
      this.state.compiled = new WebAssembly.Module(this.bytes());
    } catch (e) {
      return this.fail(String(e));
    }
    return this.state.compiled;
  }
  /** Asynchronous {@link compile} (browsers' main threads refuse large synchronous compiles). */
  async compileAsync(): Promise<WebAssembly.Module | null> {
    if (this.state.compiled) return this.state.compiled;
    if (typeof WebAssembly !== "object") return this.fail("WebAssembly is not available");
    try {
      this.state.compiled = await WebAssembly.compile(this.bytes());
    } catch (e) {
      return this.fail(String(e));
    }
    return this.state.compiled;
  }
  /** Strict mode: throws (every time); else remembers that the twins run. */
  private fail(why: string): null {
    if (wasmStrict()) {
      throw new WasmModuleError(
        `WebAssembly module "${this.name}" unusable (SCATTERKIT_WASM_STRICT=1): ${why}`,
      );
    }
    this.state.compiled = null;
    return null;
  }
  /**
   * Instantiates the compiled module (with `memory` as its import when the module imports
   * one) and binds its kernels by name; null when there is no compiled module.
   */
  instantiate(memory?: WebAssembly.Memory): {
    kernels: BoundKernels<K>;
    memory: WebAssembly.Memory;
    exports: WebAssembly.Exports;
  } | null {
    const mod = this.compile();
    if (!mod) return null;
    return this.bindInstance(new WebAssembly.Instance(mod, this.imports(memory)), memory);
  }
  /** The import object for `memory` (empty when the memory is defined by the module). */
  imports(memory?: WebAssembly.Memory): WebAssembly.Imports {
    if (!("import" in this.memory)) return {};
    if (!memory) throw new RangeError(`${this.name}: the module imports its memory; none given`);
    return { [this.memory.import.module]: { [this.memory.import.name]: memory } };
  }
  /** Binds the kernels of an instance of this module by name. */
  bindInstance(
    inst: WebAssembly.Instance,
    memory?: WebAssembly.Memory,
  ): { kernels: BoundKernels<K>; memory: WebAssembly.Memory; exports: WebAssembly.Exports } {
    const mem = "export" in this.memory ? (inst.exports[this.memory.export] as WebAssembly.Memory) : memory!;
    const out: Record<string, unknown> = {};
    for (const k of this.kernels) out[k.name] = bindExport(k, inst.exports[k.name] as Export, mem);
    return { kernels: out as BoundKernels<K>, memory: mem, exports: inst.exports };
  }
  /** Binds the TypeScript twins by name (`memory`: what twins that follow byte addresses read). */
  bindTwins(memory: { readonly buffer: ArrayBufferLike } | null = null): BoundKernels<K> {
    const m = new KernelMemory(memory);
    const out: Record<string, unknown> = {};
    for (const k of this.kernels) out[k.name] = bindTwin(k, m);
    return out as BoundKernels<K>;
  }
}

type Export = (...args: number[]) => void;
type Arg = number | Float64Array | Float32Array | Int32Array;

/** The export itself when every parameter is a number; else a wrapper passing views' byte addresses. */
function bindExport(k: AnyKernel, fn: Export, mem: WebAssembly.Memory): unknown {
  const views = (k.params as readonly ParamSpec[]).map((s) => paramType(s).endsWith("[]"));
  if (!views.some(Boolean)) return fn;
  // In strict mode (tests) every view is checked to lie in the module's memory; otherwise
  // the call costs one property read per view.
  const at = wasmStrict()
    ? (x: Arg): number => {
        if (typeof x !== "object") return x; // a number (or undefined past the last parameter)
        if (x.buffer !== mem.buffer) {
          throw new RangeError(`kernel ${k.name}: a view argument is not in module memory`);
        }
        return x.byteOffset;
      }
    : (x: Arg): number => (typeof x === "object" ? x.byteOffset : x);
  return arity(views.length, fn, at);
}

/**
 * `(x1..xn) => fn(at(x1), .., at(xn))` with exactly n parameters (no rest array, no extra
 * arguments for the WebAssembly call).
 */
function arity(n: number, fn: Export, at: (x: Arg) => number): unknown {
  type A = Arg;
  switch (n) {
    case 1:
      return (a: A) => fn(at(a));
    case 2:
      return (a: A, b: A) => fn(at(a), at(b));
    case 3:
      return (a: A, b: A, c: A) => fn(at(a), at(b), at(c));
    case 4:
      return (a: A, b: A, c: A, d: A) => fn(at(a), at(b), at(c), at(d));
    case 5:
      return (a: A, b: A, c: A, d: A, e: A) => fn(at(a), at(b), at(c), at(d), at(e));
    case 6:
      return (a: A, b: A, c: A, d: A, e: A, g: A) => fn(at(a), at(b), at(c), at(d), at(e), at(g));
    case 7:
      return (a: A, b: A, c: A, d: A, e: A, g: A, h: A) =>
        fn(at(a), at(b), at(c), at(d), at(e), at(g), at(h));
    case 8:
      return (a: A, b: A, c: A, d: A, e: A, g: A, h: A, i: A) =>
        fn(at(a), at(b), at(c), at(d), at(e), at(g), at(h), at(i));
    case 9:
      return (a: A, b: A, c: A, d: A, e: A, g: A, h: A, i: A, j: A) =>
        fn(at(a), at(b), at(c), at(d), at(e), at(g), at(h), at(i), at(j));
    default:
      // 10 to 12 parameters (a WebAssembly function ignores arguments past its last parameter)
      return (a: A, b: A, c: A, d: A, e: A, g: A, h: A, i: A, j: A, l: A, o: A, q: A) =>
        fn(at(a), at(b), at(c), at(d), at(e), at(g), at(h), at(i), at(j), at(l), at(o), at(q));
  }
}

/** The TypeScript twin with its memory argument bound. */
function bindTwin(k: AnyKernel, m: KernelMemory): unknown {
  const ts = k.ts as (m: KernelMemory, ...args: Arg[]) => void;
  return (a: Arg, b: Arg, c: Arg, d: Arg, e: Arg, g: Arg, h: Arg, i: Arg, j: Arg, l: Arg, n: Arg, o: Arg) =>
    ts(m, a, b, c, d, e, g, h, i, j, l, n, o);
}
