/**
 * Module assembly: one type per function, the single memory (imported or defined and
 * exported), every function exported under its name, and the code section.
 * @internal
 */
import { type WasmBody, pushBytes } from "./body";
import { pushUleb, uleb } from "./leb";

/**
 * Where a module's single memory comes from: imported as `module.name`, or defined
 * here and exported as `export`; `min` pages of 64 KiB, no maximum.
 * @internal
 */
export type WasmMemory =
  | { import: { module: string; name: string }; min: number }
  | { export: string; min: number };

function section(id: number, payload: number[]): number[] {
  const out = [id];
  pushUleb(out, payload.length);
  pushBytes(out, payload);
  return out;
}

function vec(items: number[][]): number[] {
  const out: number[] = [];
  pushUleb(out, items.length);
  for (const item of items) pushBytes(out, item);
  return out;
}

function str(s: string): number[] {
  const b = [...s].map((c) => c.charCodeAt(0));
  return [...uleb(b.length), ...b];
}

/**
 * Assembles a module: one type per function (params of its body, no results), the
 * memory (imported, or defined and exported first), the functions exported under
 * their names in order, and their code. Calls by name ({@link WasmBody.call}) are
 * resolved to the callee's position in `functions`.
 * @internal
 */
export function assembleModule(
  functions: readonly { name: string; body: WasmBody }[],
  memory: WasmMemory,
): Uint8Array<ArrayBuffer> {
  const index = (name: string): number => {
    const i = functions.findIndex((f) => f.name === name);
    if (i < 0) throw new RangeError(`assembleModule: call to unknown function "${name}"`);
    return i;
  };
  const limits = [0x00, ...uleb(memory.min)];
  const types = functions.map(({ body }) => [0x60, ...uleb(body.params.length), ...body.params, 0]);
  const exports = functions.map(({ name }, i) => [...str(name), 0x00, ...uleb(i)]);
  const parts: number[][] = [[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], section(1, vec(types))];
  if ("import" in memory) {
    parts.push(
      section(2, vec([[...str(memory.import.module), ...str(memory.import.name), 0x02, ...limits]])),
    );
  }
  parts.push(section(3, vec(functions.map((_, i) => uleb(i)))));
  if ("export" in memory) {
    parts.push(section(5, vec([limits])));
    exports.unshift([...str(memory.export), 0x02, 0]);
  }
  parts.push(section(7, vec(exports)));
  parts.push(section(10, vec(functions.map(({ body }) => body.bytes(index)))));
  const bytes: number[] = [];
  for (const part of parts) pushBytes(bytes, part);
  return new Uint8Array(bytes);
}
