/**
 * Browser / Web Worker side of the worker pool (the browser build uses this file instead of
 * platform.ts): workers are module Web Workers started from a Blob URL holding the text of
 * the library's own worker script, so no file has to be found next to the application's
 * bundle and no bundler configuration is needed.
 * @internal
 */
import type { PoolWorker } from "./platform";

export type { PoolWorker } from "./platform";

/** Total memory of the machine in bytes: unknown in a browser (0: the 2 GiB default applies). */
export function machineMemoryBytes(): number {
  return 0;
}

/** Which platform this build of the pool serves. */
export const PLATFORM = "browser" as const;

/** In a browser the calling thread (often the page's main thread) never computes a block. */
export const CALLER_COMPUTES = false;

const urls = new Map<string, string>();

/** Starts one module Web Worker running `source`, or null when Web Workers are unavailable. */
export async function startWorker(source: string): Promise<PoolWorker | null> {
  const g = globalThis as unknown as {
    Worker?: new (url: string, opts: { type: "module"; name?: string }) => Worker;
    Blob?: typeof Blob;
    URL?: typeof URL;
  };
  if (!g.Worker || !g.Blob || !g.URL?.createObjectURL) return null;
  let url = urls.get(source);
  if (!url) {
    url = g.URL.createObjectURL(new g.Blob([source], { type: "text/javascript" }));
    urls.set(source, url);
  }
  let w: Worker;
  try {
    w = new g.Worker(url, { type: "module", name: "scatterkit" });
  } catch {
    return null;
  }
  return {
    post: (m, t) => w.postMessage(m, t ?? []),
    onMessage: (f) => w.addEventListener("message", (e) => f((e as MessageEvent).data)),
    onError: (f) =>
      w.addEventListener("error", (e) => {
        (e as Event).preventDefault?.();
        f(new Error((e as ErrorEvent).message || "worker failed to start"));
      }),
    ref: () => {},
    unref: () => {},
    terminate: async () => w.terminate(),
  };
}

/** Number of Web Workers to start: hardwareConcurrency - 1, at least 1 and at most 7. */
export async function defaultPoolSize(): Promise<number> {
  const n =
    (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 2;
  return Math.max(1, Math.min(n - 1, 7));
}
