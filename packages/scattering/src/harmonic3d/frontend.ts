/**
 * HarmonicScattering3D: 3-D solid harmonic scattering with integral invariants,
 * equal to Kymatio 0.4's NumPy frontend (`method='integral'`).
 *
 *   U1[j1, l](u) = sqrt(sum_m |x * psi_{j1,l,m}|^2 (u)),
 *   U2[j1, j2, l](u) = sqrt(sum_m |U1[j1, l] * psi_{j2,l,m}|^2 (u))   (j2 > j1),
 *   S[path, l, q] = sum_u U[path, l](u)^{p_q}   for each integral power p_q,
 *
 * circular convolutions on the unpadded grid, outputs rounded to float32 as Kymatio
 * casts its integrals. Output: [...batch, paths, L + 1, powers] with paths = j1 = 0..J
 * then (j1, j2) with j2 > j1 in lexicographic order (no order-0 term).
 * This file is the frontend (options, checks, output layout, meta); the path walk is in
 * `core.ts`, the numerical steps, filters and buffers in `backend.ts`.
 * @module
 */
import {
  type FloatArray,
  ParameterError,
  type Tensor,
  checkBoolean,
  checkInteger,
  checkNumber,
  checkOneOf,
  checkOptions,
  checkShape,
} from "@scatterkit/core";
import type { SolidHarmonic3DFilterBank } from "@scatterkit/filter-banks";
import { type SizeOptions, checkMemory } from "../sizes";
import { BatchedTransform } from "../transform";
import { Backend3D } from "./backend";
import { type Layout3D, scatter3D } from "./core";

/** Options of {@link HarmonicScattering3D}. */
export interface HarmonicScattering3DOptions extends SizeOptions {
  /** Largest scale index (scales j = 0..J), J >= 0. */
  J: number;
  /** Input shape [M, N, O]. */
  shape: readonly [number, number, number] | readonly number[];
  /** Largest spherical-harmonic degree (l = 0..L), default 3 as Kymatio. */
  L?: number;
  /** Width of the mother wavelet, default 1. */
  sigma0?: number;
  /** 1 or 2 (default 2). */
  maxOrder?: number;
  /** Exponents p of the integrals sum U^p (default [0.5, 1, 2]; any finite numbers, as Kymatio). */
  integralPowers?: readonly number[];
  /**
   * Modulus over m (default true, Kymatio's `rotation_covariant`): sqrt(sum_m |.|^2);
   * false uses only m = -l (|x * psi_{j,l,-l}|).
   */
  rotationCovariant?: boolean;
  /**
   * Compute each pair (m, -m) with one inverse FFT (default true; used on grids whose sizes are
   * all even). Set false to filter with every m separately (same result to rounding).
   */
  pairSymmetry?: boolean;
  /** A prebuilt `solidHarmonicFilterBank` for the same shape, J, L and sigma0 (used by worker threads). */
  filterBank?: SolidHarmonic3DFilterBank;
}

/** Per-path metadata of {@link HarmonicScattering3D}. */
export interface HarmonicScattering3DMeta {
  order: number[];
  /** [j1] or [j1, j2] per path. */
  j: number[][];
  /** Degrees l = 0..L (the third output axis). */
  l: number[];
  /** Integral powers (the last output axis). */
  integralPowers: number[];
}

/** 3-D solid harmonic scattering (Kymatio 0.4 NumPy frontend, integral method). */
export class HarmonicScattering3D extends BatchedTransform<HarmonicScattering3DMeta> {
  /**
   * @internal Largest N * O for which spectra use the transposed layout (batched middle-axis
   * transforms); larger slabs use the natural layout. Both give the same numbers.
   */
  static transposeLimit = 0;
  readonly J: number;
  readonly L: number;
  readonly sigma0: number;
  readonly maxOrder: number;
  readonly integralPowers: readonly number[];
  readonly rotationCovariant: boolean;
  readonly shape: readonly [number, number, number];
  /** Number of paths: (J + 1) first order, plus J (J + 1) / 2 second order when maxOrder = 2. */
  readonly nPaths: number;
  /** The solid harmonic filters (Fourier domain, Kymatio's complex64 values). */
  readonly filters: SolidHarmonic3DFilterBank;

  protected readonly className = "HarmonicScattering3D";
  private readonly options: HarmonicScattering3DOptions;
  private readonly layout: Layout3D;
  private readonly backend: Backend3D;

  constructor(options: HarmonicScattering3DOptions) {
    super();
    checkOptions("options", options, {
      required: true,
      expected: "an object { J, shape: [M, N, O], L?, sigma0?, maxOrder?, integralPowers? }",
    });
    const shape = options.shape;
    const [M, N, O] = checkShape("shape", shape, 3);
    const J = checkInteger("J", options.J, 0, 20);
    const L = checkInteger("L", options.L ?? 3, 0, 20);
    const sigma0 = checkNumber("sigma0", options.sigma0 ?? 1, { min: 0, minExclusive: true });
    const maxOrder = checkOneOf("maxOrder", options.maxOrder ?? 2, [1, 2]);
    const powers = options.integralPowers ?? [0.5, 1, 2];
    if (
      !Array.isArray(powers) ||
      powers.length === 0 ||
      powers.some((p) => typeof p !== "number" || !Number.isFinite(p))
    ) {
      throw new ParameterError(
        "integralPowers",
        powers,
        "a non-empty array of finite numbers (exponents p of sum U^p)",
      );
    }
    const rc = checkBoolean("rotationCovariant", options.rotationCovariant ?? true);
    checkBoolean("pairSymmetry", options.pairSymmetry ?? true);
    // Sizes (CONTRACT.md), before any allocation: (L + 1)^2 (J + 1) complex float32 filters of
    // M N O voxels and about a dozen complex float64 work arrays.
    const voxels = M * N * O;
    checkMemory("shape", shape, voxels * (8 * (L + 1) ** 2 * (J + 1) + 16 * 12), 2 * voxels, options);
    this.J = J;
    this.L = L;
    this.sigma0 = sigma0;
    this.maxOrder = maxOrder;
    this.integralPowers = [...powers];
    this.rotationCovariant = rc;
    this.shape = [M, N, O];
    this.nPaths = J + 1 + (maxOrder === 2 ? (J * (J + 1)) / 2 : 0);
    this.layout = { J, L, maxOrder, nPowers: powers.length, nPaths: this.nPaths };
    const fb = options.filterBank;
    if (fb !== undefined) {
      const ok =
        typeof fb === "object" &&
        fb !== null &&
        fb.J === J &&
        fb.L === L &&
        fb.sigma0 === sigma0 &&
        Array.isArray(fb.shape) &&
        fb.shape[0] === M &&
        fb.shape[1] === N &&
        fb.shape[2] === O;
      if (!ok) {
        throw new ParameterError(
          "filterBank",
          fb,
          `a solidHarmonicFilterBank for shape [${M}, ${N}, ${O}], J = ${J}, L = ${L}, sigma0 = ${sigma0}`,
        );
      }
    }
    this.options = {
      J,
      shape: [M, N, O],
      L,
      sigma0,
      maxOrder,
      integralPowers: [...powers],
      rotationCovariant: rc,
      pairSymmetry: options.pairSymmetry,
    };
    this.backend = new Backend3D({
      shape: this.shape,
      J,
      L,
      sigma0,
      maxOrder,
      integralPowers: this.integralPowers,
      rotationCovariant: rc,
      pairSymmetry: options.pairSymmetry !== false,
      transposed: N * O <= HarmonicScattering3D.transposeLimit,
      filterBank: fb,
    });
    this.filters = this.backend.filters;
  }

  /** Output shape for an input of shape [...batch, M, N, O]. */
  outputShapeFor(inputShape: readonly number[]): number[] {
    return [...inputShape.slice(0, -3), this.nPaths, this.L + 1, this.integralPowers.length];
  }

  /**
   * Scattering integrals of x ([...batch, M, N, O]) as [...batch, paths, L + 1, powers].
   * The input is not modified; Float32Array in gives Float32Array out (values are
   * float32 numbers in both cases, as Kymatio's).
   */
  override forward(x: Tensor): Tensor {
    return super.forward(x);
  }

  /** Per-path metadata (Kymatio's path order). */
  meta(): HarmonicScattering3DMeta {
    const order: number[] = [];
    const j: number[][] = [];
    for (let j1 = 0; j1 <= this.J; j1++) {
      order.push(1);
      j.push([j1]);
    }
    if (this.maxOrder === 2) {
      for (let j1 = 0; j1 <= this.J; j1++) {
        for (let j2 = j1 + 1; j2 <= this.J; j2++) {
          order.push(2);
          j.push([j1, j2]);
        }
      }
    }
    return {
      order,
      j,
      l: Array.from({ length: this.L + 1 }, (_, i) => i),
      integralPowers: [...this.integralPowers],
    };
  }

  protected inputItemShape(): readonly number[] {
    return this.shape;
  }

  protected outputSize(): number {
    return this.nPaths * (this.L + 1) * this.integralPowers.length;
  }

  protected shapeRule(): string {
    const [M, N, O] = this.shape;
    return `a shape [...batch, ${M}, ${N}, ${O}] (the shape given to the constructor)`;
  }

  protected computeRange(data: FloatArray, b0: number, b1: number, out: FloatArray): void {
    scatter3D(this.layout, this.backend, data, b0, b1, out);
  }

  /**
   * Workers build their own filters straight into their kernels' memory (a cloned bank would
   * stay resident next to it until collected: 453 MB at 128^3); with a user-supplied bank or
   * the transposed layout they get a copy of it, moved rather than copied again.
   */
  protected workerOptions(): HarmonicScattering3DOptions {
    return this.backend.ownBank
      ? { ...this.options }
      : { ...this.options, filterBank: plainBank(this.filters) };
  }

  protected override workerTransfer(o: unknown): ArrayBuffer[] {
    return (
      (o as { filterBank?: SolidHarmonic3DFilterBank }).filterBank?.filters
        .flat(2)
        .map((f) => f.data.buffer as ArrayBuffer) ?? []
    );
  }
}

/** The bank with its own copies of the filter data (plain arrays, for structured cloning). */
function plainBank(bank: SolidHarmonic3DFilterBank): SolidHarmonic3DFilterBank {
  return {
    ...bank,
    filters: bank.filters.map((perJ) =>
      perJ.map((list) => list.map((f) => ({ ...f, data: f.data.slice() }))),
    ),
  };
}
