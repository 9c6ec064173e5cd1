/**
 * The phase collapse network (Guth, Zarka, Mallat, ICLR 2022) on a scattering front-end.
 */
import { ParameterError, checkInteger } from "@scatterkit/core";
import type { NetworkModelFile, PhaseCollapseNetworkOptions, PhaseCollapseNonlinearity } from "../api.js";
import type { FrontEndSpec } from "../front-end.js";
import { NetworkBase } from "../model.js";
import { parseModelFile } from "../model-file.js";
import type { Net } from "../net.js";
import type { DType, Layer } from "../nn/layer.js";
import { Conv1x1, Flatten, Standardize } from "../nn/layers.js";
import type { Random } from "@scatterkit/core";
import { SkipConcat, Tee, skipSlot } from "../nn/skip.js";
import { PhaseNonlinearity, WaveletFilter } from "../nn/wavelet.js";
import { trainingOptionsOf } from "../training-options.js";

/** The standard run's architecture and training (the constructor's defaults). */
export const PHASE_COLLAPSE_STANDARD = {
  J: 2,
  L: 8,
  widths: [64, 96] as readonly number[],
  strides: [1, 2] as readonly number[] | null,
  nonlinearity: "modulus" as PhaseCollapseNonlinearity,
  skip: true,
  epochs: 20,
  learningRate: 0.03,
  classifierLearningRate: 0.25,
  labelSmoothing: 0.1,
  testTimeFlips: true,
  augment: true,
  shift: 2,
  copies: 7,
} as const;

const KINDS = ["modulus", "threshold", "relu"] as const;

/** What files written before `strides` and `skip` were always recorded meant by their absence. */
const LEGACY = { strides: null, skip: false } as const;

/**
 * Scattering (J, L, order <= 2, fixed, cached) -> one block per entry of `widths`:
 * [standardisation -> learned 1x1 projection to widths[i] channels -> circular filtering by a
 * low-pass and L Morlet wavelets (finest scale), stride `strides[i]` -> non-linearity on the wavelet
 * coefficients: "modulus" (phase collapse), "threshold" (soft-threshold of the real part,
 * learned thresholds) or "relu" (ReLU of the real part, learned biases)] -> standardisation
 * -> linear classifier (with `skip`, on the blocks' output and the scattering coefficients).
 */
export class PhaseCollapseNetwork extends NetworkBase {
  readonly modelName = "phase-collapse" as const;
  readonly J: number;
  readonly L: number;
  readonly widths: number[];
  /** Per-block subsampling (1 or 2), or null for the default (2 while the grid is over 2x2). */
  readonly strides: number[] | null;
  readonly nonlinearity: PhaseCollapseNonlinearity;
  /** Whether the classifier also sees the scattering coefficients (skip connection). */
  readonly skip: boolean;

  /** A new, unfitted network (defaults: the standard run). */
  constructor(options: PhaseCollapseNetworkOptions & { J?: number } = {}) {
    const d = PHASE_COLLAPSE_STANDARD;
    super(options, d);
    this.J = checkInteger("J", options.J ?? d.J, 1, 6);
    this.L = checkInteger("L", options.L ?? d.L, 1, 32);
    const widths = options.widths ?? d.widths;
    if (!Array.isArray(widths) || widths.length < 1) {
      throw new ParameterError("widths", widths, "a non-empty array of positive integers");
    }
    this.widths = widths.map((w, i) => checkInteger(`widths[${i}]`, w, 1, 4096));
    // default: the standard strides with the standard widths, else the rule (null)
    const strides =
      options.strides !== undefined ? options.strides : options.widths || !d.strides ? null : [...d.strides];
    if (strides !== null && (!Array.isArray(strides) || strides.length !== this.widths.length)) {
      throw new ParameterError("strides", strides, `an array of ${this.widths.length} entries, 1 or 2`);
    }
    this.strides = strides === null ? null : strides.map((s, i) => checkInteger(`strides[${i}]`, s, 1, 2));
    const nl = options.nonlinearity ?? d.nonlinearity;
    if (!KINDS.includes(nl)) throw new ParameterError("nonlinearity", nl, '"modulus", "threshold" or "relu"');
    this.nonlinearity = nl;
    const skip = options.skip ?? d.skip;
    if (typeof skip !== "boolean") throw new ParameterError("skip", skip, "true or false");
    this.skip = skip;
  }

  /** A network from a model file (exact weights); FormatError when the file is not one. */
  static fromJSON(file: NetworkModelFile | string): PhaseCollapseNetwork {
    const f = parseModelFile(file);
    // files written before `strides`, `skip` and `testTimeFlips` were always recorded: the old defaults
    const legacy = { ...LEGACY, testTimeFlips: false };
    const net = new PhaseCollapseNetwork({
      ...legacy,
      ...(f.options as object),
      ...trainingOptionsOf(f.options),
    });
    net.loadFile(f);
    return net;
  }

  protected architecture(): Record<string, unknown> {
    return {
      J: this.J,
      L: this.L,
      widths: this.widths,
      strides: this.strides,
      nonlinearity: this.nonlinearity,
      skip: this.skip,
    };
  }

  protected override legacyOptions(): Record<string, unknown> {
    return { ...LEGACY };
  }

  protected frontEndSpec(): FrontEndSpec {
    return { J: this.J, L: 8, log: true };
  }

  protected buildNet(c: number, h: number, w: number, classes: number, dtype: DType, rng: Random): Net {
    const layers: Layer[] = [];
    const probes: [number, string][] = [[-1, "scattering"]];
    const complex = this.nonlinearity === "modulus";
    let ch = c;
    let hh = h;
    let ww = w;
    const slot = skipSlot();
    if (this.skip) layers.push(new Tee("skip", dtype, slot));
    this.widths.forEach((width, i) => {
      layers.push(new Standardize(`block${i + 1}.std`, dtype, ch, false));
      const proj = new Conv1x1(`block${i + 1}.projection`, dtype, ch, width, false);
      proj.init(rng);
      layers.push(proj);
      const stride = this.strides ? this.strides[i] : hh > 2 || ww > 2 ? 2 : 1;
      const filt = new WaveletFilter(`block${i + 1}.wavelets`, dtype, hh, ww, this.L, stride, complex);
      layers.push(filt);
      const init = this.nonlinearity === "threshold" ? 0.1 : 0;
      layers.push(
        new PhaseNonlinearity(
          `block${i + 1}.${this.nonlinearity}`,
          dtype,
          width,
          this.L,
          this.nonlinearity,
          init,
        ),
      );
      probes.push([layers.length - 1, `block ${i + 1}`]);
      ch = width * (1 + this.L);
      hh = filt.ho;
      ww = filt.wo;
    });
    if (this.skip) {
      layers.push(new SkipConcat("skip-concat", dtype, slot, c * h * w));
      ch = ch * hh * ww + c * h * w;
      hh = 1;
      ww = 1;
    }
    layers.push(new Standardize("output-std", dtype, ch, true));
    layers.push(new Flatten("flatten", dtype));
    const lin = new Conv1x1("classifier", dtype, ch * hh * ww, classes, true);
    lin.init(rng, 0.5);
    layers.push(lin);
    probes.push([layers.length - 1, "logits"]);
    return { layers, probes };
  }
}
