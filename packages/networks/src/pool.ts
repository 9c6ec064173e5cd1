/**
 * Worker threads for gradient shards (Node only; loaded lazily by `fit` when workers > 1).
 * Each worker imports the built package (dist/index.js next to this module), builds the same
 * network from the model's name and options, and on each task sets the parameters it is sent,
 * runs `runShard` on its shard and returns the gradients. Where workers cannot start (browsers,
 * TypeScript sources under test) the shards run one after the other on the calling thread,
 * with bit-identical results.
 * @internal
 */
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

interface NodeWorker {
  postMessage(value: unknown, transfer?: ArrayBuffer[]): void;
  on(event: string, listener: (value: never) => void): void;
  terminate(): Promise<number>;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { readFileSync } = require("node:fs");
const { fileURLToPath } = require("node:url");
// Import the entry only when it is this package's own build (never an application bundle that
// happens to sit beside a bundled copy of this module): its folder's parent holds our package.json.
let own = false;
try {
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL("../package.json", workerData.url)), "utf8"));
  own = pkg.name === "@scatterkit/networks";
} catch {}
(own ? import(workerData.url) : Promise.reject(new Error("not the package's own build"))).then(
  (m) => {
    const shard = m.__networkShardWorker(workerData.spec);
    parentPort.on("message", (task) => {
      try {
        const r = shard(task);
        parentPort.postMessage(r, [r.grads.buffer]);
      } catch (e) {
        parentPort.postMessage({ error: String((e && e.stack) || e) });
      }
    });
    parentPort.postMessage({ ready: true });
  },
  (e) => parentPort.postMessage({ fatal: String((e && e.message) || e) }),
);
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
  const name = "node:worker_threads";
  let wt: { Worker: new (src: string, o: object) => NodeWorker };
  try {
    wt = await import(/* @vite-ignore */ name);
  } catch {
    return null;
  }
  const workers: NodeWorker[] = [];
  const waiting: ((m: ShardResult & { error?: string }) => void)[][] = [];
  try {
    await Promise.all(
      Array.from({ length: count }, (_, k) => {
        const w = new wt.Worker(WORKER_SOURCE, { eval: true, workerData: { url, spec } });
        workers.push(w);
        waiting.push([]);
        return new Promise<void>((res, rej) => {
          let ready = false;
          w.on("message", (m: never) => {
            const msg = m as { ready?: boolean; fatal?: string } & ShardResult & { error?: string };
            if (!ready) {
              if (msg.ready) {
                ready = true;
                res();
              } else rej(new Error(msg.fatal ?? "worker failed to start"));
              return;
            }
            waiting[k].shift()?.(msg);
          });
          w.on("error", (e: never) => rej(e));
        });
      }),
    );
  } catch {
    await Promise.all(workers.map((w) => w.terminate()));
    return null;
  }
  return {
    run(k: number, task: ShardTask): Promise<ShardResult> {
      return new Promise((res, rej) => {
        waiting[k].push((m) => (m.error ? rej(new Error(m.error)) : res(m)));
        workers[k].postMessage(task);
      });
    },
    async dispose() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
