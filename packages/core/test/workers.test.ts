// The shared worker pool (src/workers/): real Node.js worker threads started from script text.
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import {
  type PoolEvent,
  ScatterkitError,
  WORKER_PLATFORM,
  WorkerPool,
  serveWorker,
  splitBatch,
  workerScript,
} from "../src/index";

const g = globalThis as { __scatterkitPoolTrace?: (e: PoolEvent) => void };
afterEach(() => {
  g.__scatterkitPoolTrace = undefined;
});

// A worker body as a package would embed it: setup(init) returns the request handler.
const SCALER = `
globalThis.__scatterkitServe(({ index, factor }) => (req) => {
  if (req.op === "scale") {
    const y = new Float64Array(req.x.length);
    for (let i = 0; i < y.length; i++) y[i] = req.x[i] * factor + index;
    return { value: { y, sent: req.x.byteLength }, transfer: [y.buffer] };
  }
  if (req.op === "throw") {
    const e = new RangeError("bad op " + req.arg);
    throw e;
  }
  if (req.op === "async") return new Promise((r) => setTimeout(() => r({ value: req.arg * 2 }), 5));
  if (req.op === "exit") process.exit(3);
  if (req.op === "hang") return new Promise(() => {});
  return { value: null };
});
`;

function start(size: number, source = SCALER) {
  return WorkerPool.start({
    name: "Scaler",
    source,
    size,
    init: (index) => ({ data: { index, factor: 3 } }),
  });
}

describe("WorkerPool (Node.js worker threads)", () => {
  it("runs the script in N workers, each with its own init data; replies move their buffers", async () => {
    const events: PoolEvent[] = [];
    g.__scatterkitPoolTrace = (e) => events.push(e);
    const pool = await start(3);
    expect(pool).not.toBeNull();
    if (!pool) return;
    expect(pool.size).toBe(3);
    expect(events).toEqual([{ event: "start", className: "Scaler", workers: 3, platform: WORKER_PLATFORM }]);
    const xs = [0, 1, 2].map((k) => Float64Array.from({ length: 5 }, (_, i) => i + 10 * k));
    const replies = await Promise.all(
      xs.map((x, k) => pool.request<{ y: Float64Array; sent: number }>(k, { op: "scale", x }, [x.buffer])),
    );
    // the inputs were moved (detached here), the outputs arrived with their values
    for (const x of xs) expect(x.byteLength).toBe(0);
    replies.forEach((r, k) => {
      expect(r.sent).toBe(40);
      expect(Array.from(r.y)).toEqual(Array.from({ length: 5 }, (_, i) => (i + 10 * k) * 3 + k));
    });
    expect(await pool.request(1, { op: "async", arg: 21 })).toBe(42);
    await pool.dispose();
  });

  it("a handler's error rejects that request with its class name and message; the worker keeps serving", async () => {
    const pool = await start(1);
    if (!pool) throw new Error("no pool");
    const err = (await pool.request(0, { op: "throw", arg: 7 }).catch((e) => e)) as Error;
    expect(err).toBeInstanceOf(ScatterkitError);
    expect(err.message).toBe("Scaler worker: RangeError: bad op 7");
    expect(await pool.request(0, { op: "async", arg: 1 })).toBe(2);
    await pool.dispose();
  });

  it("a worker that stops rejects its pending and later requests; the others keep working", async () => {
    const pool = await start(2);
    if (!pool) throw new Error("no pool");
    const hang = pool.request(0, { op: "hang" });
    const exit = pool.request(0, { op: "exit" });
    await expect(exit).rejects.toThrow(/Scaler worker 0 failed: worker thread stopped \(exit code 3\)/);
    await expect(hang).rejects.toThrow(/exit code 3/);
    await expect(pool.request(0, { op: "async", arg: 1 })).rejects.toThrow(/worker 0 failed/);
    expect(await pool.request(1, { op: "async", arg: 4 })).toBe(8);
    await pool.dispose();
  });

  it("dispose rejects pending requests and refuses new ones", async () => {
    const pool = await start(1);
    if (!pool) throw new Error("no pool");
    const hang = expect(pool.request(0, { op: "hang" })).rejects.toThrow("Scaler worker pool: disposed");
    await pool.dispose();
    await hang;
    await expect(pool.request(0, { op: "async", arg: 1 })).rejects.toThrow("disposed");
  });

  it("falls back (null, with the reason traced) when setup fails, the script throws, or size < 1", async () => {
    const events: PoolEvent[] = [];
    g.__scatterkitPoolTrace = (e) => events.push(e);
    const badSetup = `globalThis.__scatterkitServe((init) => { throw new TypeError("no class " + init.index); });`;
    expect(await start(2, badSetup)).toBeNull();
    expect(events).toHaveLength(1); // whichever worker fails first gives the reason
    expect(events[0]).toMatchObject({ event: "fallback", className: "Scaler" });
    expect((events[0] as { reason: string }).reason).toMatch(/^Scaler worker: TypeError: no class [01]$/);
    events.length = 0;
    expect(await start(1, `throw new Error("broken script");`)).toBeNull();
    expect(events[0]).toMatchObject({ event: "fallback", className: "Scaler" });
    expect((events[0] as { reason: string }).reason).toMatch(/broken script/);
    expect(await start(1, "globalThis.__scatterkitServe(() => 5);")).toBeNull();
    expect(await start(0)).toBeNull();
  });

  it("serveWorker refuses to run outside a pool worker; workerScript puts the prelude first", () => {
    expect(() => serveWorker(() => () => ({ value: 1 }))).toThrow(/not inside a scatterkit pool worker/);
    const text = workerScript("MARK");
    expect(text.endsWith("\nMARK")).toBe(true);
    expect(text.indexOf("__scatterkitPort =")).toBeLessThan(text.indexOf("__scatterkitServe ="));
  });
});

describe("splitBatch", () => {
  it("covers the batch with at most `parts` contiguous blocks starting at multiples of align", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 4 }),
        (batch, parts, align) => {
          const b = splitBatch(batch, parts, align);
          expect(b[0]).toBe(0);
          expect(b[b.length - 1]).toBe(batch);
          expect(b.length - 1).toBeLessThanOrEqual(parts);
          for (let k = 0; k + 1 < b.length; k++) {
            expect(b[k + 1]).toBeGreaterThan(b[k]);
            expect(b[k] % align).toBe(0);
          }
        },
      ),
    );
  });
  it("is round(k batch / parts) with align 1 (the networks' shard split)", () => {
    for (let m = 1; m <= 40; m++)
      for (let parts = 1; parts <= Math.min(m, 6); parts++)
        expect(splitBatch(m, parts)).toEqual(
          Array.from({ length: parts + 1 }, (_, i) => Math.round((i * m) / parts)),
        );
    expect(splitBatch(5, 2, 2)).toEqual([0, 4, 5]);
  });
});
