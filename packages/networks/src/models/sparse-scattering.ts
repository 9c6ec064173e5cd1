/**
 * The sparse scattering network (Zarka, Thiry, Angles, Mallat, ICLR 2020).
 */
import { ParameterError, checkInteger } from "@scatterkit/core";
import type { NetworkModelFile, SparseScatteringNetworkOptions } from "../api.js";
import type { FrontEndSpec } from "../front-end.js";
import { NetworkBase } from "../model.js";
import { parseModelFile } from "../model-file.js";
import type { Net } from "../net.js";
import { ReLU } from "../nn/activations.js";
import { ISTC } from "../nn/istc.js";
import { SkipConcat, Tee, skipSlot } from "../nn/skip.js";
import type { DType, Layer } from "../nn/layer.js";
import { Conv1x1, Flatten, Standardize } from "../nn/layers.js";
import type { Random } from "@scatterkit/core";
import { trainingOptionsOf } from "../training-options.js";

/** The standard run's architecture and training (the constructor's defaults). */
export const SPARSE_SCATTERING_STANDARD = {
  J: 2,
  L: 8,
  projection: 64,
  atoms: 256,
  iterations: 4,
  sparseCode: true,
  skip: true,
  hidden: 256,
  epochs: 16,
  learningRate: 0.02,
  testTimeFlips: true,
  augment: true,
  shift: 2,
  copies: 3,
} as const;

/** What files written before `skip` and `hidden` were always recorded meant by their absence. */
const LEGACY = { skip: false, hidden: 0 } as const;

/**
 * Scattering (J, L; log, fixed, cached) -> standardisation -> learned 1x1 projection to
 * `projection` channels -> standardisation -> homotopy ISTC sparse code over a learned
 * dictionary of `atoms` unit-norm atoms (`iterations` unrolled steps, learned lambda*) ->
 * standardisation -> classifier: linear, or with `hidden` > 0 the paper's MLP (linear layer to
 * `hidden` units -> standardisation -> ReLU -> linear). `sparseCode: false` drops the ISTC (the
 * ablation: projection + classifier).
 */
export class SparseScatteringNetwork extends NetworkBase {
  readonly modelName = "sparse-scattering" as const;
  readonly J: number;
  readonly L: number;
  readonly projection: number;
  readonly atoms: number;
  readonly iterations: number;
  readonly sparseCode: boolean;
  /** Whether the classifier also sees the scattering coefficients (skip connection). */
  readonly skip: boolean;
  /** Hidden units of the classifier (0: linear classifier). */
  readonly hidden: number;

  /** A new, unfitted network (defaults: the standard run). */
  constructor(options: SparseScatteringNetworkOptions = {}) {
    const d = SPARSE_SCATTERING_STANDARD;
    super(options, d);
    this.J = checkInteger("J", options.J ?? d.J, 1, 6);
    this.L = checkInteger("L", options.L ?? d.L, 1, 32);
    this.projection = checkInteger("projection", options.projection ?? d.projection, 1, 4096);
    this.atoms = checkInteger("atoms", options.atoms ?? d.atoms, 1, 65536);
    this.iterations = checkInteger("iterations", options.iterations ?? d.iterations, 1, 100);
    const sc = options.sparseCode ?? d.sparseCode;
    if (typeof sc !== "boolean") throw new ParameterError("sparseCode", sc, "true or false");
    this.sparseCode = sc;
    const skip = options.skip ?? d.skip;
    if (typeof skip !== "boolean") throw new ParameterError("skip", skip, "true or false");
    this.skip = skip;
    this.hidden = checkInteger("hidden", options.hidden ?? d.hidden, 0, 65536);
  }

  /** A network from a model file (exact weights); FormatError when the file is not one. */
  static fromJSON(file: NetworkModelFile | string): SparseScatteringNetwork {
    const f = parseModelFile(file);
    // files written before `skip` and `testTimeFlips` were always recorded: the old defaults
    const legacy = { ...LEGACY, testTimeFlips: false };
    const net = new SparseScatteringNetwork({
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
      projection: this.projection,
      atoms: this.atoms,
      iterations: this.iterations,
      sparseCode: this.sparseCode,
      skip: this.skip,
      hidden: this.hidden,
    };
  }

  protected override legacyOptions(): Record<string, unknown> {
    return { ...LEGACY };
  }

  /** lambda* and the number of atoms whose code is not silent (running variance > 1e-12). */
  protected override epochDiagnostics(): Record<string, number> | undefined {
    const layers = this.requireNet().layers;
    const istc = layers.find((l): l is ISTC => l instanceof ISTC);
    const std = layers.find((l): l is Standardize => l instanceof Standardize && l.name === "code-std");
    if (!istc || !std) return undefined;
    let active = 0;
    for (const v of std.runningVar.value) if (v > 1e-12) active++;
    return { lambdaStar: Math.exp(istc.logLambda.value[0]), activeAtoms: active };
  }

  protected frontEndSpec(): FrontEndSpec {
    return { J: this.J, L: this.L, log: true };
  }

  protected buildNet(c: number, h: number, w: number, classes: number, dtype: DType, rng: Random): Net {
    const layers: Layer[] = [];
    const probes: [number, string][] = [[-1, "scattering"]];
    const slot = skipSlot();
    if (this.skip) layers.push(new Tee("skip", dtype, slot));
    layers.push(new Standardize("input", dtype, c, false));
    const proj = new Conv1x1("projection", dtype, c, this.projection, false);
    proj.init(rng);
    layers.push(proj);
    layers.push(new Standardize("projection-std", dtype, this.projection, false));
    probes.push([layers.length - 1, "projection"]);
    let ch = this.projection;
    if (this.sparseCode) {
      const istc = new ISTC("istc", dtype, this.projection, this.atoms, this.iterations, 0.05);
      istc.init(rng);
      layers.push(istc);
      probes.push([layers.length - 1, "sparse code"]);
      ch = this.atoms;
      layers.push(new Standardize("code-std", dtype, ch, true));
    }
    let features = ch * h * w;
    if (this.skip) {
      layers.push(new SkipConcat("skip-concat", dtype, slot, c * h * w));
      features += c * h * w;
      layers.push(new Standardize("skip-std", dtype, features, true));
    }
    layers.push(new Flatten("flatten", dtype));
    if (this.hidden > 0) {
      const hid = new Conv1x1("classifier-hidden", dtype, features, this.hidden, false);
      hid.init(rng);
      layers.push(hid);
      layers.push(new Standardize("classifier-hidden-std", dtype, this.hidden, true));
      layers.push(new ReLU("classifier-hidden-relu", dtype, this.hidden, false));
      probes.push([layers.length - 1, "hidden"]);
      features = this.hidden;
    }
    const lin = new Conv1x1("classifier", dtype, features, classes, true);
    lin.init(rng, 0.5);
    layers.push(lin);
    probes.push([layers.length - 1, "logits"]);
    return { layers, probes };
  }
}
