/**
 * A skip connection in a sequential list of layers: `Tee` remembers its input (and passes it
 * on unchanged); a later `SkipConcat` appends that remembered input, flattened, to its own
 * flattened input. Backward runs in reverse order, so SkipConcat hands the gradient of the
 * remembered part to the Tee, which adds it to the gradient coming from the layers in between.
 * @internal
 */
import type { FloatArray } from "@scatterkit/core";
import { type Act, Layer, zerosLike } from "./layer.js";

/** What a Tee and its SkipConcat share during one forward / backward pass. */
export interface SkipSlot {
  x: Act | null;
  dx: FloatArray | null;
}

/** A new, empty slot. */
export function skipSlot(): SkipSlot {
  return { x: null, dx: null };
}

/** y = x; remembers x for a SkipConcat; backward: dx = dy + (gradient of the remembered copy). */
export class Tee extends Layer {
  readonly slot: SkipSlot;
  constructor(name: string, dtype: "float32" | "float64", slot: SkipSlot) {
    super(name, dtype);
    this.slot = slot;
  }
  outShape(c: number, h: number, w: number): [number, number, number] {
    return [c, h, w];
  }
  forward(x: Act): Act {
    this.slot.x = x;
    this.slot.dx = null;
    return x;
  }
  backward(dy: Act): Act {
    const g = this.slot.dx;
    if (!g) return dy;
    const out = zerosLike(dy.data, dy.data.length);
    for (let i = 0; i < out.length; i++) out[i] = dy.data[i] + g[i];
    this.slot.dx = null;
    return { data: out, n: dy.n, c: dy.c, h: dy.h, w: dy.w };
  }
}

/**
 * y_b = [flatten(x_b), flatten(s_b)] per sample b, where s is the input the paired Tee saw:
 * output [n, c h w + skipSize, 1, 1].
 */
export class SkipConcat extends Layer {
  readonly slot: SkipSlot;
  /** Number of values per sample of the remembered input (c h w at the Tee). */
  readonly skipSize: number;
  private inShape: [number, number, number] = [0, 0, 0];
  constructor(name: string, dtype: "float32" | "float64", slot: SkipSlot, skipSize: number) {
    super(name, dtype);
    this.slot = slot;
    this.skipSize = skipSize;
  }
  outShape(c: number, h: number, w: number): [number, number, number] {
    return [c * h * w + this.skipSize, 1, 1];
  }
  forward(x: Act): Act {
    const s = this.slot.x;
    const k = this.skipSize;
    if (!s || s.n !== x.n || s.c * s.h * s.w !== k) {
      throw new Error(`SkipConcat ${this.name}: no matching Tee input for this batch`);
    }
    const f = x.c * x.h * x.w;
    const m = f + k;
    this.inShape = [x.c, x.h, x.w];
    const y = zerosLike(x.data, x.n * m);
    for (let b = 0; b < x.n; b++) {
      y.set(x.data.subarray(b * f, (b + 1) * f), b * m);
      y.set(s.data.subarray(b * k, (b + 1) * k), b * m + f);
    }
    return { data: y, n: x.n, c: m, h: 1, w: 1 };
  }
  backward(dy: Act): Act {
    const [c, h, w] = this.inShape;
    const f = c * h * w;
    const k = this.skipSize;
    const m = f + k;
    const dx = zerosLike(dy.data, dy.n * f);
    const ds = zerosLike(dy.data, dy.n * k);
    for (let b = 0; b < dy.n; b++) {
      dx.set(dy.data.subarray(b * m, b * m + f), b * f);
      ds.set(dy.data.subarray(b * m + f, (b + 1) * m), b * k);
    }
    this.slot.dx = ds;
    return { data: dx, n: dy.n, c, h, w };
  }
}
