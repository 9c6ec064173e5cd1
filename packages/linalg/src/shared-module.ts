/**
 * linalg's kernel module with its memory import declared shared: the same functions (the same
 * code section, byte for byte) as {@link linalgModule}, so the same bits, but instantiable on a
 * shared WebAssembly.Memory that one thread fills and another thread computes on (no copy of
 * the rows into a second memory).
 * @internal
 */
import { readUleb, uleb } from "@scatterkit/core";
import { getEngineChoice } from "./engine.js";
import { linalgModule } from "./kernels.js";

/** Maximum (64 KiB pages) declared by the shared import: a given memory may declare at most this. */
export const SHARED_MAX_PAGES = 65536;

/**
 * Rewrites a module whose one import is a memory with limits (0x00, min) into the same module
 * importing a shared memory with limits (0x03, min, max); every other section is kept as is.
 * Throws a RangeError when the bytes are not such a module.
 * @internal
 */
export function withSharedMemoryImport(
  bytes: Uint8Array,
  maxPages = SHARED_MAX_PAGES,
): Uint8Array<ArrayBuffer> {
  const out: number[] = Array.from(bytes.subarray(0, 8));
  let at = 8;
  let rewritten = false;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, start] = readUleb(bytes, at + 1);
    const payload = bytes.subarray(start, start + size);
    let body: ArrayLike<number> = payload;
    if (id === 2) {
      // vec(1) of: module name, field name, kind 0x02 (memory), limits 0x00 min
      let p = 0;
      const [count, p1] = readUleb(payload, p);
      p = p1;
      for (let s = 0; s < 2; s++) {
        const [len, q] = readUleb(payload, p);
        p = q + len;
      }
      if (count !== 1 || payload[p] !== 0x02 || payload[p + 1] !== 0x00) {
        throw new RangeError("withSharedMemoryImport: the module's import is not one unshared memory");
      }
      const [min, end] = readUleb(payload, p + 2);
      if (end !== payload.length) throw new RangeError("withSharedMemoryImport: unexpected import section");
      body = [...payload.subarray(0, p + 1), 0x03, ...uleb(min), ...uleb(maxPages)];
      rewritten = true;
    }
    out.push(id, ...uleb(body.length));
    for (let i = 0; i < body.length; i++) out.push(body[i]);
    at = start + size;
  }
  if (!rewritten) throw new RangeError("withSharedMemoryImport: the module imports no memory");
  return new Uint8Array(out);
}

let shared: WebAssembly.Module | null | undefined;

/**
 * linalg's kernels compiled against a shared memory import (env.mem, shared, at most
 * {@link SHARED_MAX_PAGES} pages): instantiate with
 * `new WebAssembly.Memory({ initial, maximum, shared: true })`. Null where linalg's module does
 * not compile, shared memory is unavailable, or the TypeScript engine was chosen.
 * @internal
 */
export function compiledKernelsShared(): WebAssembly.Module | null {
  if (getEngineChoice() === "typescript" || linalgModule.compile() === null) return null;
  if (shared === undefined) {
    try {
      shared = new WebAssembly.Module(withSharedMemoryImport(linalgModule.bytes()));
    } catch {
      shared = null;
    }
  }
  return shared;
}
