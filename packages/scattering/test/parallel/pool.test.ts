import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HarmonicScattering3D } from "../../src/harmonic3d";
import {
  ParallelForward,
  type PoolEvent,
  setPoolSize,
  setWorkerSource,
  splitBatch,
} from "../../src/parallel/pool";
import { Scattering1D } from "../../src/scattering1d";
import { Scattering2D } from "../../src/scattering2d";
import { useSourceWorkers } from "./worker-script";

function noise(n: number, seed: number, f32: boolean): Float32Array | Float64Array {
  let s = seed;
  const a = f32 ? new Float32Array(n) : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    s = (s * 1664525 + 1013904223) >>> 0;
    a[i] = s / 2 ** 32 - 0.5;
  }
  return a;
}

const events: PoolEvent[] = [];
const g = globalThis as { __scatterkitPoolTrace?: (e: PoolEvent) => void };

describe("splitBatch", () => {
  it("covers the batch with contiguous blocks starting at multiples of align", () => {
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
  it("matches round(k batch / parts) with align 1", () => {
    expect(splitBatch(5, 2)).toEqual([0, 3, 5]);
    expect(splitBatch(5, 2, 2)).toEqual([0, 4, 5]);
    expect(splitBatch(7, 4, 2)).toEqual([0, 2, 4, 6, 7]);
  });
});

describe("forwardAsync through the worker pool (workers built from the sources)", () => {
  beforeAll(async () => {
    await useSourceWorkers();
    g.__scatterkitPoolTrace = (e) => events.push(e);
  });
  afterAll(() => {
    setWorkerSource(undefined);
    setPoolSize(undefined);
    g.__scatterkitPoolTrace = undefined;
  });

  const cases: [
    string,
    () => {
      forward: Scattering2D["forward"];
      forwardAsync: Scattering2D["forwardAsync"];
      dispose(): Promise<void>;
    },
    number[],
  ][] = [
    ["Scattering1D", () => new Scattering1D({ J: 4, shape: 200, Q: [4, 1] }), [200]],
    ["Scattering2D", () => new Scattering2D({ J: 2, shape: [20, 18], L: 4 }), [20, 18]],
    ["HarmonicScattering3D", () => new HarmonicScattering3D({ J: 1, shape: [8, 8, 8], L: 1 }), [8, 8, 8]],
  ];
  for (const [name, make, item] of cases) {
    for (const workers of [1, 3]) {
      it(`${name}: bit for bit forward's output for batch 1..8, float32 and float64, ${workers} worker(s)`, async () => {
        setPoolSize(workers);
        const S = make();
        const size = item.reduce((a, b) => a * b, 1);
        events.length = 0;
        let onWorkers = 0;
        for (const f32 of [false, true]) {
          for (let batch = 1; batch <= 8; batch++) {
            const x = { data: noise(batch * size, batch * 7 + (f32 ? 1 : 0), f32), shape: [batch, ...item] };
            const a = await S.forwardAsync(x);
            const b = S.forward(x);
            expect(a.shape).toEqual(b.shape);
            expect(a.data.constructor).toBe(b.data.constructor);
            // bit for bit: compare the bytes, not the numbers
            expect(Buffer.from(a.data.buffer).equals(Buffer.from(b.data.buffer))).toBe(true);
          }
        }
        for (const e of events) if (e.event === "split") onWorkers += e.onWorkers;
        expect(events.find((e) => e.event === "start")).toMatchObject({ className: name, workers });
        expect(onWorkers).toBeGreaterThan(0); // the workers really computed blocks
        await S.dispose();
      });
    }
  }

  it("why blocks are aligned to pairs: a split separating two paired images changes bits (issue 10)", () => {
    const S = new Scattering2D({ J: 2, shape: [20, 18], L: 4 });
    const x = noise(5 * 360, 11, false) as Float64Array;
    const whole = S.forward({ data: x, shape: [5, 20, 18] }).data;
    const a = S.forward({ data: x.slice(0, 3 * 360), shape: [3, 20, 18] }).data;
    const b = S.forward({ data: x.slice(3 * 360), shape: [2, 20, 18] }).data;
    const split = new Float64Array(whole.length);
    split.set(a);
    split.set(b, a.length);
    let diff = 0;
    for (let i = 0; i < whole.length; i++) diff = Math.max(diff, Math.abs(whole[i] - split[i]));
    expect(diff).toBeGreaterThan(0); // images 2 and 3 share an FFT in forward, not in the split
    expect(diff).toBeLessThan(1e-12);
  });

  it("a worker that cannot build its object: run gives null (caller computes), the worker's error traced", async () => {
    setPoolSize(2);
    events.length = 0;
    const pf = new ParallelForward("NoSuchTransform", () => ({}));
    const job = {
      data: new Float64Array(8),
      batch: 4,
      inSize: 2,
      itemShape: [2],
      outSize: 1,
      local: () => {
        throw new Error("not called");
      },
    };
    expect(await pf.run(job)).toBeNull();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ event: "fallback", className: "NoSuchTransform" });
    expect((events[0] as { reason: string }).reason).toBe(
      "NoSuchTransform worker: Error: no class NoSuchTransform in the worker script",
    );
    await pf.dispose();
    setPoolSize(undefined);
  });

  it("the calling thread's block throws: run rejects with that error, the workers' blocks are dropped quietly", async () => {
    setPoolSize(2);
    const S = new Scattering1D({ J: 3, shape: 64 });
    const pf = new ParallelForward("Scattering1D", () => ({ J: 3, shape: 64 }));
    const job = {
      data: noise(6 * 64, 5, false),
      batch: 6,
      inSize: 64,
      itemShape: [64],
      outSize: S.outputShapeFor([1, 64])
        .slice(1)
        .reduce((a, b) => a * b, 1),
      local: () => {
        throw new RangeError("local block failed");
      },
    };
    await expect(pf.run(job)).rejects.toThrow("local block failed");
    await pf.dispose(); // rejects the requests still in flight: nobody awaits them (no unhandled rejection)
    await new Promise((r) => setTimeout(r, 50));
    await S.dispose();
    setPoolSize(undefined);
  });

  it("falls back to the calling thread when no worker script is available", async () => {
    setWorkerSource(undefined);
    events.length = 0;
    const S = new Scattering1D({ J: 3, shape: 64 });
    const x = { data: noise(4 * 64, 3, false), shape: [4, 64] };
    expect(Array.from((await S.forwardAsync(x)).data)).toEqual(Array.from(S.forward(x).data));
    expect(events.some((e) => e.event === "fallback")).toBe(true);
    await S.dispose();
    await useSourceWorkers();
  });
});
