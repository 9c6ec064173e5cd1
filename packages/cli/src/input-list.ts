/**
 * Operations on a run's ordered input list: its hash (how merge and resume recognise the same
 * inputs) and the list without the run's own output.
 * @module
 */
import { createHash } from "node:crypto";
import { basename, resolve as resolvePath } from "node:path";
import type { InputList } from "./inputs";

/** sha256 (hex) of the ordered list of paths (each followed by a newline). */
export function hashList(files: readonly string[] | InputList): string {
  const h = createHash("sha256");
  if (Array.isArray(files)) for (const f of files) h.update(`${f}\n`);
  else for (let i = 0; i < files.length; i++) h.update(`${(files as InputList).get(i)}\n`);
  return h.digest("hex");
}

/** The list without the path that resolves to `skip` (a run's own output). */
export function withoutPath(list: InputList, skip: string): InputList {
  let hit = -1;
  const base = basename(skip);
  for (let i = 0; i < list.length && hit < 0; i++) {
    const p = list.get(i);
    if (p.endsWith(base) && resolvePath(p) === skip) hit = i;
  }
  if (hit < 0) return list;
  const out = new (list.constructor as new () => InputList)();
  for (let i = 0; i < list.length; i++) if (i !== hit) out.push("", [list.get(i)]);
  return out;
}
