/**
 * The `blocks` driver: every pass of a plan over a batch of blocks in one call from
 * JavaScript, dispatching to the pass kernels by name. Defined once (WebAssembly body and
 * TypeScript twin).
 * @internal
 */
import { defineKernel } from "@scatterkit/core";
import { pass2, pass3, pass4, pass5 } from "./passes";

/** Bytes per pass in a plan's program: radix, m, s, forward twiddles, inverse twiddles (i32 each). */
export const PROGRAM_STRIDE = 20;

const TWINS = { 2: pass2.ts, 3: pass3.ts, 4: pass4.ts, 5: pass5.ts } as const;

export const blocks = defineKernel({
  name: "blocks",
  doc:
    "blocks(prog, np, base, scratch, count, blockBytes, batch, sign, scale): runs the np passes described at " +
    "prog (5 i32 per pass: radix, m, s, forward twiddles, inverse twiddles; S = s batch) on count consecutive " +
    "blocks, block c from base + c blockBytes with scratch + c blockBytes as the second buffer (the buffers " +
    "swap after every pass; the last pass scales by scale). One call from JavaScript for a whole batch.",
  params: [
    "prog: i32",
    "np: i32",
    "base: i32",
    "scratch: i32",
    "count: i32",
    "blockBytes: i32",
    "batch: i32",
    "sign: f64",
    "scale: f64",
  ],
  wasm: (f, p) => {
    const [c, i, src, dst, t, pp, r, m, S, tw, last] = f.declare(11, "i32");
    f.i32(0).set(c);
    f.block(() =>
      f.loop(() => {
        f.get(c).get(p.count).op("i32.ge_s").op("br_if", 1); // c >= count: done
        f.get(p.base).get(c).get(p.blockBytes).op("i32.mul").op("i32.add").set(src);
        f.get(p.scratch).get(c).get(p.blockBytes).op("i32.mul").op("i32.add").set(dst);
        f.i32(0).set(i);
        f.get(p.prog).set(pp);
        f.block(() =>
          f.loop(() => {
            f.get(i).get(p.np).op("i32.ge_s").op("br_if", 1); // every pass done
            f.get(pp).op("i32.load", 2, 0).set(r);
            f.get(pp).op("i32.load", 2, 4).set(m);
            f.get(pp).op("i32.load", 2, 8).get(p.batch).op("i32.mul").set(S); // S = s * batch
            f.get(pp).op("i32.load", 2, 12);
            f.get(pp).op("i32.load", 2, 16);
            f.get(p.sign).f64(0).op("f64.lt");
            f.op("select").set(tw); // sign < 0 ? forward : inverse twiddles
            f.get(i).get(p.np).i32(1).op("i32.sub").op("i32.eq").set(last); // last = i == np - 1
            const call = (name: string) => {
              f.get(src).get(dst).get(m).get(S).get(tw).get(p.sign).get(last).get(p.scale).call(name);
            };
            f.get(r)
              .i32(4)
              .op("i32.eq")
              .ifElse(
                () => call("pass4"),
                () =>
                  f
                    .get(r)
                    .i32(2)
                    .op("i32.eq")
                    .ifElse(
                      () => call("pass2"),
                      () =>
                        f
                          .get(r)
                          .i32(3)
                          .op("i32.eq")
                          .ifElse(
                            () => call("pass3"),
                            () => call("pass5"),
                          ),
                    ),
              );
            f.get(src).set(t);
            f.get(dst).set(src);
            f.get(t).set(dst);
            f.get(pp).i32(PROGRAM_STRIDE).op("i32.add").set(pp);
            f.get(i).i32(1).op("i32.add").set(i);
            f.op("br", 0);
          }),
        );
        f.get(c).i32(1).op("i32.add").set(c);
        f.op("br", 0);
      }),
    );
  },
  ts: (mem, prog, np, base, scratch, count, blockBytes, batch, sign, scale) => {
    const i32 = mem.i32;
    for (let c = 0; c < count; c++) {
      let src = base + c * blockBytes;
      let dst = scratch + c * blockBytes;
      for (let i = 0, pp = prog / 4; i < np; i++, pp += PROGRAM_STRIDE / 4) {
        const r = i32[pp];
        const tw = sign < 0 ? i32[pp + 3] : i32[pp + 4];
        const pass = r === 4 ? TWINS[4] : r === 2 ? TWINS[2] : r === 3 ? TWINS[3] : TWINS[5];
        pass(mem, src, dst, i32[pp + 1], i32[pp + 2] * batch, tw, sign, i === np - 1 ? 1 : 0, scale);
        const t = src;
        src = dst;
        dst = t;
      }
    }
  },
  sample: (s) => {
    const rad = Array.from({ length: s.int(1, 3) }, () => [2, 3, 4, 5][s.int(0, 3)]);
    const n = rad.reduce((a, b) => a * b, 1);
    const count = s.int(1, 2);
    const batch = s.int(1, 2);
    const prog: number[] = [];
    let L = n;
    let sMul = 1;
    for (const r of rad) {
      const m = L / r;
      const twF = s.f64(4 * (r - 1) * m).byteOffset;
      const twI = s.f64(4 * (r - 1) * m).byteOffset;
      prog.push(r, m, sMul, twF, twI);
      sMul *= r;
      L = m;
    }
    const blockBytes = 16 * n * batch;
    const base = s.f64((blockBytes / 8) * count).byteOffset;
    const scratch = s.f64((blockBytes / 8) * count).byteOffset;
    const sign = s.rng() < 0.5 ? -1 : 1;
    return [s.i32(prog).byteOffset, rad.length, base, scratch, count, blockBytes, batch, sign, s.rng() + 0.5];
  },
});
