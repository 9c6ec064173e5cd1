/**
 * The message protocol between a {@link WorkerPool} and its workers, and the text of the
 * request loop every worker runs (the same in Node.js and browsers). The spawn layer
 * (spawn.ts / spawn.browser.ts) starts each worker with a short platform prelude that sets
 * `globalThis.__scatterkitPort` (post / listen), then {@link SERVE_SOURCE}, then the worker
 * script itself; a script answers requests by calling `globalThis.__scatterkitServe(setup)`
 * ({@link serveWorker} from TypeScript). Keeping the loop as text lets scripts that are not
 * bundles (a worker body assembled from function sources) use the very same loop.
 *
 * Pool to worker: `{ sk: "init", data }` once, then `{ sk: "req", id, data }`.
 * Worker to pool: `{ sk: "ready" }` or `{ sk: "fatal", error }` after init, then
 * `{ sk: "res", id, value }` or `{ sk: "err", id, error }` per request.
 * @internal
 */

/** A failure reported by a worker: the error's class name and message. */
export interface WorkerFailure {
  name: string;
  message: string;
}

/** A message a worker sends to its pool. */
export type WorkerReplyMessage =
  | { sk: "ready" }
  | { sk: "fatal"; error: WorkerFailure }
  | { sk: "res"; id: number; value: unknown }
  | { sk: "err"; id: number; error: WorkerFailure };

/**
 * The request loop (JavaScript text, run in every worker after the platform prelude): defines
 * `globalThis.__scatterkitServe(setup)`. The init message calls `setup(data)` (a function or
 * a promise of one: the handler), then answers `ready`, or `fatal` with the error; each
 * request calls `handler(data)`, whose result (or promise of one) is `{ value, transfer? }`:
 * `value` is posted back with the buffers `transfer` moved, not copied; a thrown error is
 * posted back as `err`. Requests are handled in arrival order.
 */
export const SERVE_SOURCE = `
globalThis.__scatterkitServe = (setup) => {
  const port = globalThis.__scatterkitPort;
  const failure = (e) => ({ name: String((e && e.name) || "Error"), message: String((e && e.message) || e) });
  let handler = null;
  port.listen((msg) => {
    if (!msg || typeof msg !== "object") return;
    if (msg.sk === "init") {
      Promise.resolve()
        .then(() => setup(msg.data))
        .then(
          (h) => {
            if (typeof h !== "function") throw new Error("the worker's setup returned no request handler");
            handler = h;
            port.post({ sk: "ready" });
          },
          (e) => port.post({ sk: "fatal", error: failure(e) }),
        )
        .catch((e) => port.post({ sk: "fatal", error: failure(e) }));
      return;
    }
    if (msg.sk !== "req") return;
    const id = msg.id;
    const reply = (r) => {
      try {
        port.post({ sk: "res", id, value: r ? r.value : undefined }, (r && r.transfer) || []);
      } catch (e) {
        port.post({ sk: "err", id, error: failure(e) });
      }
    };
    let out;
    try {
      if (!handler) throw new Error("worker not initialised");
      out = handler(msg.data);
    } catch (e) {
      port.post({ sk: "err", id, error: failure(e) });
      return;
    }
    if (out && typeof out.then === "function") out.then(reply, (e) => port.post({ sk: "err", id, error: failure(e) }));
    else reply(out);
  });
};
`;
