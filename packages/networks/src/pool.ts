/**
 * Worker threads for gradient shards (Node only; started lazily by `fit` when workers > 1) on
 * @scatterkit/core's worker pool. This file holds only the task-specific worker body: each
 * worker imports this package's own build (dist/index.js next to this module, checked by the
 * name in its package.json, so an application bundle that happens to sit beside a bundled copy
 * of this module is never run), builds the same network from the model's name and options, and
 * on each task sets the parameters it is sent, runs `runShard` on its shard and returns the
 * gradients. Where workers cannot start (browsers, TypeScript sources under test, a bundled
 * application) the shards run one after the other on the calling thread, with bit-identical
 * results.
 * @internal
 */
import { WorkerPool } from "@scatterkit/core";
import type { ShardPool, ShardResult, ShardTask } from "./shards.js";

declare const __filename: string | undefined;

/** Header a worker needs to build the same network. */
export interface PoolSpec {
  model: string;
  options: Record<string, unknown>;
  c: number;
  h: number;
  w: number;
  classes: number;
}

// The worker body (run after core's prelude, which defines __scatterkitServe and `require`
// is Node's): setup imports the package's own build and returns the shard handler.
const WORKER_BODY = `
globalThis.__scatterkitServe(async ({ url, spec }) => {
  const { readFileSync } = require("node:fs");
  const { fileURLToPath } = require("node:url");
  let name;
  try {
    name = JSON.parse(readFileSync(fileURLToPath(new URL("../package.json", url)), "utf8")).name;
  } catch {}
  if (name !== "@scatterkit/networks") throw new Error("not the package's own build: " + url);
  const m = await import(url);
  const shard = m.__networkShardWorker(spec);
  return (task) => {
    const r = shard(task);
    return { value: r, transfer: [r.grads.buffer] };
  };
});
`;

/** URL of the built entry (dist/index.js) beside this module, or null (sources, browsers). */
function entryUrl(): string | null {
  let url: string | undefined;
  try {
    url = import.meta.url;
  } catch {
    url = undefined;
  }
  if (!url && typeof __filename === "string") {
    // A file URL with every path segment percent-encoded ('#', '%', spaces, non-ASCII).
    url = `file://${__filename.split("/").map(encodeURIComponent).join("/")}`;
  }
  if (!url?.startsWith("file:")) return null;
  if (/\.(c|m)?tsx?$/.test(url)) return null;
  return url.replace(/\/[^/]*$/, "/index.js");
}

/** Starts `count` workers, or returns null when workers are unavailable (shards then run in-process). */
export async function startShardPool(count: number, spec: PoolSpec): Promise<ShardPool | null> {
  const g = globalThis as { process?: { versions?: { node?: string } } };
  if (!g.process?.versions?.node || count < 1) return null;
  const url = entryUrl();
  if (!url) return null;
  const pool = await WorkerPool.start({
    name: `${spec.model} shard`,
    source: WORKER_BODY,
    size: count,
    init: () => ({ data: { url, spec } }),
  });
  if (!pool) return null;
  // After dispose (fit stopped, e.g. on an error in the calling thread's shard) requests still
  // in flight never settle: nobody awaits them any more, and a rejection would be unhandled.
  let closed = false;
  return {
    run: (k: number, task: ShardTask) =>
      new Promise<ShardResult>((resolve, reject) => {
        pool.request<ShardResult>(k, task).then(resolve, (e) => {
          if (!closed) reject(e);
        });
      }),
    dispose: () => {
      closed = true;
      return pool.dispose();
    },
  };
}
