/**
 * {@link WasmBody}: the instruction emitter for one function body. Instructions are named as
 * in the WebAssembly text format (`f.op("i32.add")`, `f.op("f64x2.mul")`); a few structured
 * helpers (loops, blocks, if/else, calls by function name) keep kernel builders readable.
 * @internal
 */
import { pushSleb, pushUleb } from "./leb";
import {
  type Immediate,
  type OpName,
  SCALAR_OPS,
  SIMD_OPS,
  SIMD_PREFIX,
  VALUE_TYPES,
  type ValueTypeName,
} from "./opcodes";

const OPS: Record<string, readonly [number, Immediate, boolean]> = {};
for (const [name, [code, imm]] of Object.entries(SCALAR_OPS)) OPS[name] = [code, imm, false];
for (const [name, [code, imm]] of Object.entries(SIMD_OPS)) OPS[name] = [code, imm, true];

/** Number of immediate arguments `op` expects per immediate kind (block: 0 or 1). */
const ARITY: Record<Immediate, number> = {
  none: 0,
  block: 1,
  label: 1,
  func: 1,
  local: 1,
  memarg: 2,
  i32: 1,
  f32: 1,
  f64: 1,
  lane: 1,
  shuffle: 16,
  v128: 16,
};

/** The 16 bytes of the v128 holding the two doubles (lo, hi). @internal */
export function f64x2Bytes(lo: number, hi: number): number[] {
  return [...new Uint8Array(new Float64Array([lo, hi]).buffer)];
}

/** i8x16.shuffle lanes that swap the two 64-bit halves of one v128 (used with the same operand twice). @internal */
export const SWAP_HALVES = [8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7] as const;

/**
 * Instruction emitter for one function body. Locals are numbered after the parameters;
 * every method appends instructions and returns `this` for chaining.
 * @internal
 */
export class WasmBody {
  /** Instruction bytes so far (without the final `end`). */
  readonly code: number[] = [];
  /** Value types of the declared locals, in order. */
  readonly locals: number[] = [];
  /** Calls by function name: position in `code` and callee (the index is filled in by the module). */
  readonly calls: { at: number; name: string }[] = [];
  /** @param params value types of the parameters (type bytes, e.g. {@link VALUE_TYPES}.i32) */
  constructor(readonly params: readonly number[]) {}
  /** Declares a local of value type `type` (name or type byte); returns its index. */
  local(type: ValueTypeName | number): number {
    this.locals.push(typeof type === "string" ? VALUE_TYPES[type] : type);
    return this.params.length + this.locals.length - 1;
  }
  /** Declares `n` locals of one type; returns their indices. */
  declare(n: number, type: ValueTypeName): number[] {
    return Array.from({ length: n }, () => this.local(type));
  }
  /**
   * Emits the instruction `name` (its WAT name) with its immediates: a block type (optional,
   * default no result), a label depth, a local index, (alignment exponent, byte offset) for
   * memory access, a constant, a lane index, or 16 lane / constant bytes.
   */
  op(name: OpName, ...imm: number[]): this {
    const entry = OPS[name];
    const kind = entry[1];
    const want = ARITY[kind];
    if (imm.length !== want && !(kind === "block" && imm.length === 0)) {
      throw new RangeError(`WasmBody.op("${name}"): got ${imm.length} immediates; expected ${want}`);
    }
    const code = this.code;
    if (entry[2]) {
      code.push(SIMD_PREFIX);
      pushUleb(code, entry[0]);
    } else code.push(entry[0]);
    switch (kind) {
      case "none":
        break;
      case "block":
        code.push(imm.length ? imm[0] : 0x40);
        break;
      case "label":
      case "func":
      case "local":
        pushUleb(code, imm[0]);
        break;
      case "memarg":
        pushUleb(code, imm[0]);
        pushUleb(code, imm[1]);
        break;
      case "i32":
        pushSleb(code, imm[0]);
        break;
      case "f32":
        pushBytes(code, new Uint8Array(new Float32Array([imm[0]]).buffer));
        break;
      case "f64":
        pushBytes(code, new Uint8Array(new Float64Array([imm[0]]).buffer));
        break;
      case "lane":
        code.push(imm[0]);
        break;
      case "shuffle":
      case "v128":
        pushBytes(code, imm);
        break;
    }
    return this;
  }
  /** local.get i */
  get(i: number): this {
    this.code.push(0x20); // local.get (the most frequent instruction: no table lookup)
    pushUleb(this.code, i);
    return this;
  }
  /** local.set i */
  set(i: number): this {
    this.code.push(0x21); // local.set
    pushUleb(this.code, i);
    return this;
  }
  /** local.tee i */
  tee(i: number): this {
    return this.op("local.tee", i);
  }
  /** i32.const v */
  i32(v: number): this {
    this.code.push(0x41); // i32.const
    pushSleb(this.code, v);
    return this;
  }
  /** f64.const v */
  f64(v: number): this {
    return this.op("f64.const", v);
  }
  /** v128.const holding the doubles (lo, hi). */
  f64x2(lo: number, hi: number): this {
    return this.op("v128.const", ...f64x2Bytes(lo, hi));
  }
  /** v128.load from the address on the stack (+ constant offset; alignment 2^align bytes). */
  load(offset = 0, align = 3): this {
    return this.op("v128.load", align, offset);
  }
  /** v128.store of (address, value) on the stack (+ constant offset; alignment 2^align bytes). */
  store(offset = 0, align = 3): this {
    return this.op("v128.store", align, offset);
  }
  /** f64x2.add */
  add(): this {
    return this.op("f64x2.add");
  }
  /** f64x2.sub */
  sub(): this {
    return this.op("f64x2.sub");
  }
  /** f64x2.mul */
  mul(): this {
    return this.op("f64x2.mul");
  }
  /** Pushes local v128 `v` with its two 64-bit lanes swapped: (v.hi, v.lo). */
  swapped(v: number): this {
    this.get(v).get(v);
    this.code.push(SIMD_PREFIX, SIMD_OPS["i8x16.shuffle"][0]); // i8x16.shuffle (frequent: no spread)
    pushBytes(this.code, SWAP_HALVES);
    return this;
  }
  /** local l += c (i32). */
  inc(l: number, c: number): this {
    return this.get(l).i32(c).op("i32.add").set(l);
  }
  /** call of the function exported as `name` in the same module. */
  call(name: string): this {
    this.code.push(0x10); // `call`; its function index is inserted by bytes()
    this.calls.push({ at: this.code.length, name });
    return this;
  }
  /** block ... end: `body` may branch to depth 0 to leave the block. */
  block(body: () => void): this {
    this.op("block");
    body();
    return this.op("end");
  }
  /** loop ... end: `body` may branch to depth 0 to repeat. */
  loop(body: () => void): this {
    this.op("loop");
    body();
    return this.op("end");
  }
  /** if (i32 on the stack) then ... [else ...] end. */
  ifElse(then: () => void, otherwise?: () => void): this {
    this.op("if");
    then();
    if (otherwise) {
      this.op("else");
      otherwise();
    }
    return this.op("end");
  }
  /** block; loop; (br_if out when local a >= local b, unsigned) ... body ... br loop; end; end */
  loopWhileLess(a: number, b: number, body: () => void): this {
    return this.block(() =>
      this.loop(() => {
        this.get(a).get(b).op("i32.ge_u").op("br_if", 1);
        body();
        this.op("br", 0);
      }),
    );
  }
  /**
   * The code-section entry: size, local declarations (one group per local), code, end.
   * `index(name)` gives the function index of a callee named in {@link call}.
   */
  bytes(index: (name: string) => number = noCalls): number[] {
    const b: number[] = [];
    pushUleb(b, this.locals.length);
    for (const t of this.locals) b.push(1, t);
    let from = 0;
    for (const c of this.calls) {
      for (let i = from; i < c.at; i++) b.push(this.code[i]);
      pushUleb(b, index(c.name));
      from = c.at;
    }
    for (let i = from; i < this.code.length; i++) b.push(this.code[i]);
    b.push(0x0b);
    const out: number[] = [];
    pushUleb(out, b.length);
    pushBytes(out, b);
    return out;
  }
}

/** Appends `bytes` to `out` (a loop: no argument spreading of long arrays). */
export function pushBytes(out: number[], bytes: ArrayLike<number>): void {
  for (let i = 0; i < bytes.length; i++) out.push(bytes[i]);
}

function noCalls(name: string): number {
  throw new RangeError(`WasmBody.bytes: call to "${name}" needs the module's function index`);
}
