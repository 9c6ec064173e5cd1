/**
 * The learned part of a network: its layers, where Fisher ratios are measured, its
 * parameters in a fixed order and their constraints.
 * @internal
 */
import { projectTightFrame } from "./nn/frame.js";
import { normalizeColumns } from "./nn/istc.js";
import type { Layer, Param } from "./nn/layer.js";

/** The learned part of a network: its layers and where Fisher ratios are measured. */
export interface Net {
  layers: Layer[];
  /** [layer index after which the output is recorded, name] (index -1: the front-end). */
  probes: [number, string][];
}

/** Every learned array of the layers, in layer order then each layer's order. */
export function paramsOf(layers: readonly Layer[]): Param[] {
  const out: Param[] = [];
  for (const l of layers) out.push(...l.params);
  return out;
}

/**
 * Projects constrained parameters back onto their sets: unit-norm dictionary columns, a tight
 * frame (F^T F = I), non-negative values.
 */
export function applyConstraints(params: readonly Param[]): void {
  for (const p of params) {
    if (p.constraint === "unit-columns") normalizeColumns(p.value, p.shape[0], p.shape[1]);
    else if (p.constraint === "tight-frame") projectTightFrame(p.value, p.shape[0], p.shape[1]);
    else if (p.constraint === "positive") {
      for (let i = 0; i < p.value.length; i++) if (p.value[i] < 0) p.value[i] = 0;
    }
  }
}

/** All parameter values concatenated (float32). */
export function flattenParams(params: Param[]): Float32Array {
  let n = 0;
  for (const p of params) n += p.value.length;
  const out = new Float32Array(n);
  let o = 0;
  for (const p of params) {
    out.set(p.value, o);
    o += p.value.length;
  }
  return out;
}
