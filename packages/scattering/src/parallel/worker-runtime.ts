/**
 * The message loop of a pool worker, the same in Node.js (`worker_threads`, started with
 * `eval: true`) and in browsers (module Web Worker). The first message builds the worker's
 * object: `new registry[className](options)`; each later message transforms one block with its
 * `forward` and sends the values back (their buffer moved, not copied).
 * @internal
 */

/** What a worker can build: any class whose instances have `forward({ data, shape })`. */
export type WorkerRegistry = Record<string, unknown>;

type Forwardable = {
  forward(x: { data: Float32Array | Float64Array; shape: number[] }): { data: Float32Array | Float64Array };
};
type Port = { post(m: unknown, transfer?: ArrayBuffer[]): void; listen(f: (m: unknown) => void): void };

declare const require: ((id: string) => unknown) | undefined;

function port(): Port {
  // A Web Worker has WorkerGlobalScope; a Node.js eval worker has `require`.
  const web = typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== "undefined";
  if (!web && typeof require === "function") {
    const { parentPort } = require("node:worker_threads") as {
      parentPort: {
        postMessage(m: unknown, t?: ArrayBuffer[]): void;
        on(e: string, f: (m: unknown) => void): void;
      };
    };
    return { post: (m, t) => parentPort.postMessage(m, t), listen: (f) => parentPort.on("message", f) };
  }
  const self = globalThis as unknown as {
    postMessage(m: unknown, t?: ArrayBuffer[]): void;
    addEventListener(e: string, f: (e: { data: unknown }) => void): void;
  };
  return {
    post: (m, t) => self.postMessage(m, t ?? []),
    listen: (f) => self.addEventListener("message", (e) => f(e.data)),
  };
}

const message = (e: unknown) => String((e as Error)?.message ?? e);

/** Runs the worker's message loop with the classes of `registry`. */
export function runWorker(registry: WorkerRegistry): void {
  const p = port();
  let obj: Forwardable | undefined;
  p.listen((raw) => {
    const msg = raw as {
      type: string;
      id?: number;
      className?: string;
      options?: unknown;
      data?: Float32Array | Float64Array;
      shape?: number[];
    };
    if (msg.type === "init") {
      try {
        const C = registry[msg.className ?? ""] as (new (o: unknown) => Forwardable) | undefined;
        if (typeof C !== "function") throw new Error(`no class ${msg.className} in the worker script`);
        obj = new C(msg.options);
        p.post({ type: "ready" });
      } catch (e) {
        p.post({ type: "fatal", message: message(e) });
      }
      return;
    }
    try {
      if (!obj) throw new Error("worker not initialised");
      const y = obj.forward({ data: msg.data as Float32Array | Float64Array, shape: msg.shape as number[] });
      p.post({ type: "done", id: msg.id, data: y.data }, [y.data.buffer as ArrayBuffer]);
    } catch (e) {
      p.post({ type: "error", id: msg.id, message: message(e) });
    }
  });
}
