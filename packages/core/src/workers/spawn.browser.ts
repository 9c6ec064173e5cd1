/**
 * Browser / Web Worker spawn layer of the worker pool (core's browser build uses this file
 * instead of spawn.ts): a worker is a module Web Worker started from a Blob URL holding the
 * script's text, so no file has to be found next to the application's bundle and no bundler
 * configuration is needed.
 * @internal
 */
import { SERVE_SOURCE } from "./protocol";
import type { SpawnedWorker } from "./spawn";

export type { SpawnedWorker } from "./spawn";

/** Which platform this build of the pool serves. @internal */
export const WORKER_PLATFORM: "node" | "browser" = "browser";

/** In a browser the calling thread (often the page's main thread) never computes a share. @internal */
export const CALLER_COMPUTES: boolean = false;

/** Total memory of the machine in bytes: unknown in a browser (0). @internal */
export function machineMemoryBytes(): number {
  return 0;
}

/** Number of Web Workers to start: hardwareConcurrency - 1, at least 1 and at most 7. @internal */
export async function defaultWorkerCount(): Promise<number> {
  const n =
    (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 2;
  return Math.max(1, Math.min(n - 1, 7));
}

/** Browser prelude of every worker script: the port to the pool (the worker's global scope). */
const PORT_SOURCE = `
globalThis.__scatterkitPort = {
  post: (m, t) => self.postMessage(m, t || []),
  listen: (f) => self.addEventListener("message", (e) => f(e.data)),
};
`;

/** The full text a worker runs: platform prelude, request loop, then `source`. @internal */
export function workerScript(source: string): string {
  return `${PORT_SOURCE}${SERVE_SOURCE}\n${source}`;
}

const urls = new Map<string, string>();

/**
 * Starts one module Web Worker running `source`, or returns null when Web Workers are
 * unavailable.
 * @internal
 */
export async function spawnWorker(source: string): Promise<SpawnedWorker | null> {
  const g = globalThis as unknown as {
    Worker?: new (url: string, opts: { type: "module"; name?: string }) => Worker;
    Blob?: typeof Blob;
    URL?: typeof URL;
  };
  if (!g.Worker || !g.Blob || !g.URL?.createObjectURL) return null;
  let url = urls.get(source);
  if (!url) {
    url = g.URL.createObjectURL(new g.Blob([workerScript(source)], { type: "text/javascript" }));
    urls.set(source, url);
  }
  let w: Worker;
  try {
    w = new g.Worker(url, { type: "module", name: "scatterkit" });
  } catch {
    return null;
  }
  return {
    post: (m, t) => w.postMessage(m, (t ?? []) as ArrayBuffer[]),
    onMessage: (f) => w.addEventListener("message", (e) => f((e as MessageEvent).data)),
    onError: (f) => {
      w.addEventListener("error", (e) => {
        (e as Event).preventDefault?.();
        f(new Error((e as ErrorEvent).message || "worker failed to start"));
      });
      w.addEventListener("messageerror", () => f(new Error("a message from the worker could not be read")));
    },
    ref: () => {},
    unref: () => {},
    terminate: async () => w.terminate(),
  };
}
