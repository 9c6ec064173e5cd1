/**
 * {@link toWat}: a WAT-like text listing of a module built by {@link assembleModule}, for
 * reading kernels and for committed snapshots (a changed byte shows as a changed line).
 * @internal
 */
import { readSleb, readUleb } from "./leb";
import { type Immediate, SCALAR_OPS, SIMD_OPS, SIMD_PREFIX, VALUE_TYPES } from "./opcodes";

const TYPE_NAMES = new Map<number, string>(Object.entries(VALUE_TYPES).map(([n, b]) => [b, n]));
const SCALAR = new Map<number, [string, Immediate]>(
  Object.entries(SCALAR_OPS).map(([n, [c, k]]) => [c, [n, k]]),
);
const SIMD = new Map<number, [string, Immediate]>(Object.entries(SIMD_OPS).map(([n, [c, k]]) => [c, [n, k]]));

function typeName(b: number): string {
  const t = TYPE_NAMES.get(b);
  if (!t) throw new RangeError(`toWat: unknown value type 0x${b.toString(16)}`);
  return t;
}

function name(bytes: Uint8Array, at: number): [string, number] {
  const [len, p] = readUleb(bytes, at);
  return [String.fromCharCode(...bytes.subarray(p, p + len)), p + len];
}

/**
 * Text listing of a module: types as function signatures, the memory, one `func` per
 * function with its export name, parameters, locals and one instruction per line
 * (nested blocks indented, calls by callee name, constants as decimal numbers that read
 * back to the same bits). Only the sections and instructions scatterkit emits are known.
 * @internal
 */
export function toWat(bytes: Uint8Array): string {
  const out: string[] = ["(module"];
  const types: { params: string[] }[] = [];
  const funcTypes: number[] = [];
  const exportName = new Map<number, string>();
  let memoryLine = "";
  const bodies: [number, number][] = [];
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, p0] = readUleb(bytes, at + 1);
    const end = p0 + size;
    let p = p0;
    if (id === 1) {
      const [n, q] = readUleb(bytes, p);
      p = q;
      for (let i = 0; i < n; i++) {
        const [np, q1] = readUleb(bytes, p + 1);
        types.push({ params: Array.from(bytes.subarray(q1, q1 + np), typeName) });
        p = q1 + np;
        const [nr, q2] = readUleb(bytes, p);
        p = q2 + nr;
      }
    } else if (id === 2) {
      const [, q] = readUleb(bytes, p);
      const [mod, q1] = name(bytes, q);
      const [field, q2] = name(bytes, q1);
      const [min] = readUleb(bytes, q2 + 2);
      memoryLine = `  (import "${mod}" "${field}" (memory ${min}))`;
    } else if (id === 3) {
      const [n, q] = readUleb(bytes, p);
      p = q;
      for (let i = 0; i < n; i++) {
        const [t, q1] = readUleb(bytes, p);
        funcTypes.push(t);
        p = q1;
      }
    } else if (id === 5) {
      const [min] = readUleb(bytes, p + 2);
      memoryLine = `  (memory ${min})`;
    } else if (id === 7) {
      const [n, q] = readUleb(bytes, p);
      p = q;
      for (let i = 0; i < n; i++) {
        const [field, q1] = name(bytes, p);
        const kind = bytes[q1];
        const [idx, q2] = readUleb(bytes, q1 + 1);
        if (kind === 0) exportName.set(idx, field);
        else if (kind === 2) memoryLine = memoryLine.replace("(memory", `(memory (export "${field}")`);
        p = q2;
      }
    } else if (id === 10) {
      const [n, q] = readUleb(bytes, p);
      p = q;
      for (let i = 0; i < n; i++) {
        const [len, q1] = readUleb(bytes, p);
        bodies.push([q1, q1 + len]);
        p = q1 + len;
      }
    }
    at = end;
  }
  out.push(memoryLine);
  bodies.forEach(([from, to], f) => {
    const fname = exportName.get(f) ?? `f${f}`;
    const params = types[funcTypes[f]].params;
    out.push(`  (func $${fname} (export "${fname}") (param ${params.join(" ")})`);
    let p = from;
    const [groups, q] = readUleb(bytes, p);
    p = q;
    const locals: string[] = [];
    for (let g = 0; g < groups; g++) {
      const [count, q1] = readUleb(bytes, p);
      for (let c = 0; c < count; c++) locals.push(typeName(bytes[q1]));
      p = q1 + 1;
    }
    if (locals.length) out.push(`    (local ${locals.join(" ")})`);
    let depth = 2;
    while (p < to) {
      let code = bytes[p++];
      let entry: [string, Immediate] | undefined;
      if (code === SIMD_PREFIX) {
        const [c, q1] = readUleb(bytes, p);
        p = q1;
        code = c;
        entry = SIMD.get(c);
      } else entry = SCALAR.get(code);
      if (!entry) throw new RangeError(`toWat: unknown opcode 0x${code.toString(16)} in $${fname}`);
      const [op, kind] = entry;
      let arg = "";
      switch (kind) {
        case "none":
          break;
        case "block":
          arg = bytes[p] === 0x40 ? "" : ` (result ${typeName(bytes[p])})`;
          p++;
          break;
        case "label":
        case "local": {
          const [v, q1] = readUleb(bytes, p);
          arg = ` ${v}`;
          p = q1;
          break;
        }
        case "func": {
          const [v, q1] = readUleb(bytes, p);
          arg = ` $${exportName.get(v) ?? `f${v}`}`;
          p = q1;
          break;
        }
        case "memarg": {
          const [align, q1] = readUleb(bytes, p);
          const [offset, q2] = readUleb(bytes, q1);
          arg = `${offset ? ` offset=${offset}` : ""} align=${2 ** align}`;
          p = q2;
          break;
        }
        case "i32": {
          const [v, q1] = readSleb(bytes, p);
          arg = ` ${v}`;
          p = q1;
          break;
        }
        case "f32":
          arg = ` ${new Float32Array(bytes.slice(p, p + 4).buffer)[0]}`;
          p += 4;
          break;
        case "f64":
          arg = ` ${new Float64Array(bytes.slice(p, p + 8).buffer)[0]}`;
          p += 8;
          break;
        case "lane":
          arg = ` ${bytes[p++]}`;
          break;
        case "shuffle":
          arg = ` ${Array.from(bytes.subarray(p, p + 16)).join(" ")}`;
          p += 16;
          break;
        case "v128": {
          const v = new Float64Array(bytes.slice(p, p + 16).buffer);
          arg = ` f64x2 ${v[0]} ${v[1]}`;
          p += 16;
          break;
        }
      }
      if (op === "end" || op === "else") depth--;
      if (p === to && op === "end") break; // the body's own end
      out.push(`${"  ".repeat(depth)}${op}${arg}`);
      if (op === "block" || op === "loop" || op === "if" || op === "else") depth++;
    }
    out.push("  )");
  });
  out.push(")");
  return `${out.join("\n")}\n`;
}
