/**
 * Entry of this package's worker script (bundled whole by the build and embedded as text,
 * see worker-source.ts), run by @scatterkit/core's worker pool: the init message builds one
 * object of any transform class the package exports (`new lib[className](options)`), and each
 * request transforms one block with its `forward` and sends the values back (their buffer
 * moved, not copied).
 * @internal
 */
import { type FloatArray, serveWorker } from "@scatterkit/core";
import * as lib from "../index";

type Forwardable = { forward(x: { data: FloatArray; shape: number[] }): { data: FloatArray } };

serveWorker((init: { className: string; options: unknown }) => {
  const C = (lib as unknown as Record<string, unknown>)[init.className] as
    | (new (
        o: unknown,
      ) => Forwardable)
    | undefined;
  if (typeof C !== "function") throw new Error(`no class ${init.className} in the worker script`);
  const obj = new C(init.options);
  return (block: { data: FloatArray; shape: number[] }) => {
    const y = obj.forward(block);
    return { value: y.data, transfer: [y.data.buffer as ArrayBuffer] };
  };
});
