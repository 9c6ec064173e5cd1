/**
 * The interface shared by the Kymatio-equal transforms of this package (Scattering1D,
 * Scattering2D, HarmonicScattering3D, and TimeFrequencyScattering), and the frontend base
 * class that implements its batch handling once.
 *
 * Each transform is split as Kymatio's is:
 * - a frontend (`<transform>/frontend.ts`): options and their checks, padding sizes, output
 *   layout, `meta()`; it extends {@link BatchedTransform};
 * - a core (`<transform>/core.ts`): the scattering path walk for one input item, one path
 *   (or one pair of paths sharing an FFT) at a time, writing each path's coefficients to
 *   its output row; it allocates nothing;
 * - a backend (`<transform>/backend.ts`): the numerical steps the core calls (filtering,
 *   modulus, low-pass, FFTs), the FFT plans, the filters prepared for the kernels and every
 *   scratch buffer (in WebAssembly memory where the SIMD kernels run).
 * @module
 */
import { type FloatArray, ShapeError, type Tensor, checkTensor, shapeSize } from "@scatterkit/core";
import { ParallelForward } from "./parallel/pool";

/** The per-path metadata every transform returns: at least the order of each output path. */
export interface TransformMeta {
  /** Scattering order of each output path, in output order. */
  order: number[];
}

/**
 * What every Kymatio-equal transform offers: `forward` on the calling thread, `forwardAsync`
 * (same values, batch split across worker threads where available), per-path `meta()`, the
 * output shape for an input shape, and `dispose` (stops the workers).
 */
export interface ScatteringTransform<Meta extends TransformMeta = TransformMeta> {
  /** The coefficients of x ([...batch, ...item]) as [...batch, ...output item]; same float type as x. */
  forward(x: Tensor): Tensor;
  /** Exactly what {@link forward} returns, with the batch split across worker threads where possible. */
  forwardAsync(x: Tensor): Promise<Tensor>;
  /** Metadata of every output path, one entry per path in output order. */
  meta(): Meta;
  /** Output shape of {@link forward} for an input of shape `inputShape`. */
  outputShapeFor(inputShape: readonly number[]): number[];
  /** Stops the worker threads of {@link forwardAsync}, if any were started. */
  dispose(): Promise<void>;
}

/** A Float32Array when `like` is one, else a Float64Array, of length n. */
export function outputArray(like: FloatArray, n: number): FloatArray {
  return like instanceof Float32Array ? new Float32Array(n) : new Float64Array(n);
}

/**
 * Frontend base of a transform applied independently to each item of a batch: an input
 * [...batch, ...itemShape] gives [...batch, ...output item] with `outputSize` values per item.
 * Subclasses give the item shape, the output layout and `computeRange`; this class checks
 * inputs, allocates outputs and runs `forward` / `forwardAsync` (through the shared worker
 * pool, whose workers rebuild the subclass `className` from `workerOptions()`).
 */
export abstract class BatchedTransform<Meta extends TransformMeta> implements ScatteringTransform<Meta> {
  private pool: ParallelForward | undefined;

  /** Exported class name the workers build (a literal: minifiers may rename classes). */
  protected abstract readonly className: string;
  /** Shape of one input item (the trailing axes of x). */
  protected abstract inputItemShape(): readonly number[];
  /** Number of output values per input item. */
  protected abstract outputSize(): number;
  /** The `allowed` text of the ShapeError thrown for an input of the wrong shape. */
  protected abstract shapeRule(): string;
  /** Items b0 .. b1-1 of `data` into `out` (item b at b · outputSize()). */
  protected abstract computeRange(data: FloatArray, b0: number, b1: number, out: FloatArray): void;
  /** Constructor options a worker builds the same transform from (filter bank included). */
  protected abstract workerOptions(): unknown;
  /** Buffers of the worker options moved to the worker rather than copied (default none). */
  protected workerTransfer?(options: unknown): ArrayBuffer[];

  abstract meta(): Meta;
  abstract outputShapeFor(inputShape: readonly number[]): number[];

  /**
   * The coefficients of x ([...batch, ...item]) in the transform's output layout. The input is
   * not modified; Float32Array in gives Float32Array out.
   */
  forward(x: Tensor): Tensor {
    const { t, batch } = this.checkInput(x);
    const out = outputArray(t.data, batch * this.outputSize());
    this.computeRange(t.data, 0, batch, out);
    return { data: out, shape: this.outputShapeFor(t.shape) };
  }

  /**
   * The same as {@link forward}, with the batch split across worker threads (Node.js: one per
   * available core beyond the calling thread, which computes the first block). Workers are
   * started on first use with the transform's filters; only the input blocks and the outputs
   * are copied. Where workers are unavailable (browsers, unbuilt TypeScript sources) or the
   * batch holds one item, it computes on the calling thread.
   */
  async forwardAsync(x: Tensor): Promise<Tensor> {
    const { t, batch } = this.checkInput(x);
    const item = this.inputItemShape();
    const data = await this.parallel().run({
      data: t.data,
      batch,
      inSize: shapeSize(item),
      itemShape: item,
      outSize: this.outputSize(),
      local: (b0, b1, out) => this.computeRange(t.data, b0, b1, out),
    });
    return data ? { data, shape: this.outputShapeFor(t.shape) } : this.forward(t);
  }

  /** Stops the worker threads of {@link forwardAsync}, if any were started. */
  async dispose(): Promise<void> {
    await this.pool?.dispose();
  }

  /** Checks x (a finite, non-empty tensor ending with the item shape) and returns its batch size. */
  protected checkInput(x: unknown): { t: Tensor; batch: number } {
    const item = this.inputItemShape();
    const t = checkTensor("x", x, { minRank: item.length });
    const s = t.shape;
    const lead = s.length - item.length;
    if (item.some((d, i) => s[lead + i] !== d)) throw new ShapeError("x.shape", s, this.shapeRule());
    return { t, batch: shapeSize(s.slice(0, lead)) };
  }

  private parallel(): ParallelForward {
    if (!this.pool) {
      const transfer = this.workerTransfer?.bind(this);
      this.pool = new ParallelForward(this.className, () => this.workerOptions(), transfer);
    }
    return this.pool;
  }
}
