/**
 * The tight-frame network (Zarka, Guth, Mallat, ICLR 2021): separation by a rectifier or
 * concentration by soft-thresholding on a learned 1x1 tight frame, on a scattering front-end.
 */
import { ParameterError, checkInteger } from "@scatterkit/core";
import type { NetworkModelFile, TightFrameNetworkOptions, TightFrameNonlinearity } from "../api.js";
import type { FrontEndSpec } from "../front-end.js";
import { NetworkBase } from "../model.js";
import { parseModelFile } from "../model-file.js";
import type { Net } from "../net.js";
import { TightFrame } from "../nn/frame.js";
import type { DType, Layer } from "../nn/layer.js";
import { Conv1x1, Flatten, Standardize } from "../nn/layers.js";
import type { Random } from "@scatterkit/core";
import { trainingOptionsOf } from "../training-options.js";

/** The standard run's architecture and training (the constructor's defaults). */
export const TIGHT_FRAME_STANDARD = {
  J: 2,
  L: 8,
  projection: 32,
  frame: 128,
  nonlinearity: "relu" as TightFrameNonlinearity,
  epochs: 3,
  learningRate: 0.05,
} as const;

/**
 * Scattering (J, L; log, fixed, cached) -> standardisation -> learned 1x1 projection to
 * `projection` channels -> standardisation -> tight frame F [frame, projection] (F^T F = I,
 * re-orthogonalised after every step): "relu" ReLU(F x) (separation) or "soft-threshold"
 * F^T rho_t(F x) (concentration) -> standardisation -> linear classifier.
 */
export class TightFrameNetwork extends NetworkBase {
  readonly modelName = "tight-frame" as const;
  readonly J: number;
  readonly L: number;
  readonly projection: number;
  readonly frame: number;
  readonly nonlinearity: TightFrameNonlinearity;

  /** A new, unfitted network (defaults: the standard run). */
  constructor(options: TightFrameNetworkOptions = {}) {
    const d = TIGHT_FRAME_STANDARD;
    super(options, d);
    this.J = checkInteger("J", options.J ?? d.J, 1, 6);
    this.L = checkInteger("L", options.L ?? d.L, 1, 32);
    this.projection = checkInteger("projection", options.projection ?? d.projection, 1, 4096);
    this.frame = checkInteger("frame", options.frame ?? d.frame, this.projection, 65536);
    const nl = options.nonlinearity ?? d.nonlinearity;
    if (nl !== "relu" && nl !== "soft-threshold") {
      throw new ParameterError("nonlinearity", nl, '"relu" or "soft-threshold"');
    }
    this.nonlinearity = nl;
  }

  /** A network from a model file (exact weights); FormatError when the file is not one. */
  static fromJSON(file: NetworkModelFile | string): TightFrameNetwork {
    const f = parseModelFile(file);
    // files written before `testTimeFlips` was always recorded: off
    const net = new TightFrameNetwork({
      testTimeFlips: false,
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
      projection: this.projection,
      frame: this.frame,
      nonlinearity: this.nonlinearity,
    };
  }

  protected frontEndSpec(): FrontEndSpec {
    return { J: this.J, L: this.L, log: true };
  }

  protected buildNet(c: number, h: number, w: number, classes: number, dtype: DType, rng: Random): Net {
    const layers: Layer[] = [];
    const probes: [number, string][] = [[-1, "scattering"]];
    layers.push(new Standardize("input", dtype, c, false));
    const proj = new Conv1x1("projection", dtype, c, this.projection, false);
    proj.init(rng);
    layers.push(proj);
    layers.push(new Standardize("projection-std", dtype, this.projection, false));
    probes.push([layers.length - 1, "projection"]);
    const tf = new TightFrame("frame", dtype, this.projection, this.frame, this.nonlinearity, 0.5);
    tf.init(rng);
    layers.push(tf);
    probes.push([layers.length - 1, `frame (${this.nonlinearity})`]);
    const ch = this.nonlinearity === "relu" ? this.frame : this.projection;
    layers.push(new Standardize("frame-std", dtype, ch, true));
    layers.push(new Flatten("flatten", dtype));
    const lin = new Conv1x1("classifier", dtype, ch * h * w, classes, true);
    lin.init(rng, 0.5);
    layers.push(lin);
    probes.push([layers.length - 1, "logits"]);
    return { layers, probes };
  }
}
