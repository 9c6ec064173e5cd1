/**
 * The fixed scattering front-end of a network: one Scattering2D per image size, optional
 * log, the augmented copies of a training set, and a file cache of the training features.
 * @internal
 */
import { type FloatArray, ShapeError, type Tensor } from "@scatterkit/core";
import { Scattering2D } from "@scatterkit/scattering";
import { readBinaryFile, writeBinaryFile } from "./io.js";
import type { Act } from "./nn/layer.js";
import type { Augmentation } from "./training-options.js";

/** The fixed front-end of a model. */
export interface FrontEndSpec {
  J: number;
  L: number;
  /** Apply log(|S| + 1e-4) (|.|: float32 round-off leaves tiny negative coefficients)? */
  log: boolean;
}

/**
 * A model's front-end: images [n, H, W] -> scattering coefficients [n, c, h, w] (float32),
 * log(|S| + 1e-4) of them when the spec says so. The spec is read when needed (a subclass's
 * fields are set after its base's constructor has run).
 */
export class FrontEnd {
  private readonly transforms = new Map<string, Scattering2D>();

  /**
   * @param spec the model's front-end (read at each use)
   * @param cacheDir folder of cached training features (none: always computed)
   */
  constructor(
    private readonly spec: () => FrontEndSpec,
    private readonly cacheDir?: string,
  ) {}

  /** The scattering transform of H x W images (built once per size). */
  scattering(H: number, W: number): Scattering2D {
    const key = `${H}x${W}`;
    let s = this.transforms.get(key);
    if (!s) {
      const f = this.spec();
      s = new Scattering2D({ J: f.J, shape: [H, W], L: f.L });
      this.transforms.set(key, s);
    }
    return s;
  }

  /** Output shape [c, h, w] of one H x W image. */
  outputShape(H: number, W: number): [number, number, number] {
    const [, c, h, w] = this.scattering(H, W).outputShapeFor([1, H, W]);
    return [c, h, w];
  }

  /**
   * Output [n, c, h, w] (float32) of images [n, H, W], each image first transformed by `aug`
   * when given (see {@link Augmentation}); read from / written to the cache folder when set.
   */
  async computeAsync(images: Tensor, aug: Augmentation | null = null): Promise<Act> {
    if (!this.cacheDir) return this.computeChunks(images, aug);
    const [n, H, W] = images.shape as number[];
    const f = this.spec();
    const [, c, h, w] = this.scattering(H, W).outputShapeFor([n, H, W]);
    const tag = aug ? aug.key : "orig";
    const key = `${f.J}-${f.L}-${f.log ? "log" : "plain"}-${tag}-${n}x${H}x${W}-${hashPixels(images.data)}`;
    const path = `${this.cacheDir}/scattering-${key}.f32`;
    const bytes = await readBinaryFile(path);
    if (bytes && bytes.byteLength === n * c * h * w * 4) {
      return { data: new Float32Array(bytes.buffer, bytes.byteOffset, n * c * h * w), n, c, h, w };
    }
    const out = await this.computeChunks(images, aug);
    await writeBinaryFile(path, new Uint8Array(out.data.buffer, out.data.byteOffset, out.data.byteLength));
    return out;
  }

  /** Output [n, c, h, w] on the calling thread (inference). */
  compute(images: Tensor): Act {
    const [n, H, W] = images.shape as number[];
    const S = this.scattering(H, W);
    const x = images.data instanceof Float32Array ? images.data : Float32Array.from(images.data);
    const y = S.forward({ data: x, shape: [n, H, W] });
    const data = y.data instanceof Float32Array ? y.data : Float32Array.from(y.data);
    this.post(data);
    return { data, n, c: y.shape[1], h: y.shape[2], w: y.shape[3] };
  }

  /** The transform's forwardAsync over chunks of 2000 (augmented) images. */
  private async computeChunks(images: Tensor, aug: Augmentation | null): Promise<Act> {
    const [n, H, W] = images.shape as number[];
    const S = this.scattering(H, W);
    const chunk = 2000;
    let out: Float32Array | null = null;
    let dims: number[] = [];
    for (let i0 = 0; i0 < n; i0 += chunk) {
      const m = Math.min(chunk, n - i0);
      const x = transformImages(images, aug, i0, m);
      const y = await S.forwardAsync({ data: x, shape: [m, H, W] });
      if (!out) {
        dims = y.shape.slice(1) as number[];
        out = new Float32Array(n * dims[0] * dims[1] * dims[2]);
      }
      out.set(y.data, i0 * dims[0] * dims[1] * dims[2]);
    }
    if (!out) throw new ShapeError("images", images.shape, "at least one image");
    this.post(out);
    return { data: out, n, c: dims[0], h: dims[1], w: dims[2] };
  }

  /** d = log(|d| + 1e-4) in place when the spec asks for the log. */
  private post(d: Float32Array): void {
    if (!this.spec().log) return;
    for (let i = 0; i < d.length; i++) d[i] = Math.log(Math.abs(d[i]) + 1e-4);
  }
}

/**
 * Images i0 .. i0 + m - 1 of [n, H, W] as float32, each transformed by `aug` when given:
 * image k mirrored left-right when aug.flip[k] = 1, then translated by (aug.dy[k], aug.dx[k])
 * pixels with zero fill (out[r, c] = in[r - dy, c' ] with c' = c - dx, mirrored).
 */
export function transformImages(
  images: Tensor,
  aug: Augmentation | null,
  i0: number,
  m: number,
): Float32Array {
  const [, H, W] = images.shape as number[];
  const x = new Float32Array(m * H * W);
  for (let i = 0; i < m; i++) {
    const k = i0 + i;
    const flip = aug ? aug.flip[k] === 1 : false;
    const dy = aug ? aug.dy[k] : 0;
    const dx = aug ? aug.dx[k] : 0;
    for (let r = 0; r < H; r++) {
      const rs = r - dy;
      if (rs < 0 || rs >= H) continue;
      for (let c = 0; c < W; c++) {
        let cs = c - dx;
        if (cs < 0 || cs >= W) continue;
        if (flip) cs = W - 1 - cs;
        x[(i * H + r) * W + c] = images.data[(k * H + rs) * W + cs];
      }
    }
  }
  return x;
}

/** FNV-1a hash (hex) of the float32 values of the pixels. */
export function hashPixels(d: FloatArray): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  const f = new Float32Array(1);
  const u = new Uint32Array(f.buffer);
  for (let i = 0; i < d.length; i++) {
    f[0] = d[i];
    h1 = Math.imul(h1 ^ u[0], 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ (u[0] + i), 0x5bd1e995) >>> 0;
  }
  return h1.toString(16).padStart(8, "0") + h2.toString(16).padStart(8, "0");
}
