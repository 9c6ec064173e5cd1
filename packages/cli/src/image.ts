/**
 * PNG and JPEG decoding into float32 images with values in [0, 1]. The file's structure (chunk or
 * marker lengths, dimensions, end marker) is checked here first, so that a truncated file, a
 * wrong type or huge dimensions in a header give a named reason before the decoder allocates;
 * the pixels are then decoded by fast-png and jpeg-js (see the README for why these two).
 * @module
 */
import { FormatError } from "@scatterkit/core";
import { decode as decodePngPixels } from "fast-png";
import jpeg from "jpeg-js";

/** A decoded image: `channels` planes of `height` x `width` values in [0, 1] (channel-first). */
export interface DecodedImage {
  width: number;
  height: number;
  /** 1 (grey) or 3 (RGB); alpha is dropped. */
  channels: 1 | 3;
  /** Channel-first: value (c, y, x) at (c * height + y) * width + x. */
  data: Float32Array;
}

/** Limits checked on an image header before decoding. */
export interface ImageLimits {
  /** Most pixels (width x height) an image may declare (default 2^26, about 67 megapixels). */
  maxPixels?: number;
}

const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** True when `b` starts with the PNG signature. */
export function isPng(b: Uint8Array): boolean {
  return b.length >= 8 && PNG_SIG.every((v, i) => b[i] === v);
}

/** True when `b` starts with a JPEG start-of-image marker (FF D8 FF). */
export function isJpeg(b: Uint8Array): boolean {
  return b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff;
}

function u32(b: Uint8Array, o: number): number {
  return ((b[o] << 24) >>> 0) + (b[o + 1] << 16) + (b[o + 2] << 8) + b[o + 3];
}

function checkPixels(width: number, height: number, limits: ImageLimits, kind: string): void {
  const max = limits.maxPixels ?? 2 ** 26;
  if (width < 1 || height < 1)
    throw new FormatError(`${kind} header declares ${width} x ${height} pixels; expected at least 1 x 1.`);
  if (width * height > max) {
    throw new FormatError(
      `${kind} header declares ${width} x ${height} pixels, more than the limit of ${max} (--max-pixels).`,
    );
  }
}

/**
 * Walks the chunks of a PNG file: signature, IHDR first, every chunk inside the file, IEND
 * present (so a truncated file is named as such); returns the IHDR fields.
 * @throws FormatError naming the problem
 */
export function scanPng(
  b: Uint8Array,
  limits: ImageLimits = {},
): { width: number; height: number; depth: number; colorType: number } {
  if (!isPng(b)) throw new FormatError("Not a PNG file: the 8-byte PNG signature is missing.");
  if (b.length < 33)
    throw new FormatError(`PNG file is truncated: ${b.length} bytes, too short for its IHDR chunk.`);
  if (u32(b, 8) !== 13 || String.fromCharCode(b[12], b[13], b[14], b[15]) !== "IHDR") {
    throw new FormatError("PNG file does not start with a 13-byte IHDR chunk.");
  }
  const width = u32(b, 16);
  const height = u32(b, 20);
  const depth = b[24];
  const colorType = b[25];
  const okDepth: Record<number, number[]> = {
    0: [1, 2, 4, 8, 16],
    2: [8, 16],
    3: [1, 2, 4, 8],
    4: [8, 16],
    6: [8, 16],
  };
  if (!(colorType in okDepth) || !okDepth[colorType].includes(depth)) {
    throw new FormatError(`PNG colour type ${colorType} with bit depth ${depth} is not a valid combination.`);
  }
  checkPixels(width, height, limits, "PNG");
  let p = 8;
  let idat = 0;
  for (;;) {
    if (p + 12 > b.length)
      throw new FormatError(`PNG file is truncated: no IEND chunk (file ends at byte ${b.length}).`);
    const len = u32(b, p);
    const type = String.fromCharCode(b[p + 4], b[p + 5], b[p + 6], b[p + 7]);
    if (len > 0x7fffffff || p + 12 + len > b.length) {
      throw new FormatError(
        `PNG file is truncated: chunk ${JSON.stringify(type)} declares ${len} bytes, the file holds ${Math.max(0, b.length - p - 12)}.`,
      );
    }
    if (type === "IDAT") idat += len;
    if (type === "IEND") break;
    p += 12 + len;
  }
  if (idat === 0) throw new FormatError("PNG file has no IDAT (image data) chunk.");
  // Deflate expands at most about 1032:1: a tiny file declaring a huge image is refused here,
  // before the decoder allocates the declared size.
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colorType] as number;
  const raw = height * (1 + Math.ceil((width * channels * depth) / 8));
  if (raw > 1100 * idat + 4096) {
    throw new FormatError(
      `PNG image data is ${idat} compressed bytes, too few for the ${raw} bytes its ${width} x ${height} header declares (truncated or corrupt).`,
    );
  }
  return { width, height, depth, colorType };
}

/**
 * Decodes a PNG (8/16-bit grey, grey + alpha, RGB, RGBA, or palette; 1/2/4-bit grey and
 * palette too) into values in [0, 1]: a sample v of bit depth d gives v / (2^d - 1); palette
 * entries are looked up; alpha is dropped. Grey stays one channel; colour gives 3 channels,
 * or one with `gray` (ITU-R BT.601 luma 0.299 R + 0.587 G + 0.114 B).
 * @throws FormatError for a file that is not a valid PNG (see {@link scanPng})
 */
export function decodePng(bytes: Uint8Array, gray: boolean, limits: ImageLimits = {}): DecodedImage {
  const head = scanPng(bytes, limits);
  let png: ReturnType<typeof decodePngPixels>;
  try {
    png = decodePngPixels(bytes, { checkCrc: true });
  } catch (e) {
    throw new FormatError(`PNG data cannot be decoded: ${(e as Error).message}`);
  }
  const { width, height } = png;
  const n = width * height;
  const depth = png.depth;
  const palette = png.palette;
  const src = png.data;
  const inCh = png.channels;
  // Unpack samples of depth < 8 (one row is padded to whole bytes).
  let samples: ArrayLike<number> = src;
  if (depth < 8) {
    const rowBytes = Math.ceil((width * inCh * depth) / 8);
    const un = new Uint8Array(n * inCh);
    const mask = (1 << depth) - 1;
    for (let y = 0; y < height; y++) {
      for (let i = 0; i < width * inCh; i++) {
        const bit = i * depth;
        const byte = src[y * rowBytes + (bit >> 3)];
        un[y * width * inCh + i] = (byte >> (8 - depth - (bit & 7))) & mask;
      }
    }
    samples = un;
  }
  if (samples.length < n * inCh)
    throw new FormatError(
      `PNG image data is short: ${samples.length} samples for ${width} x ${height} x ${inCh}.`,
    );
  const isPalette = head.colorType === 3;
  const colour = isPalette ? true : inCh >= 3;
  const outCh: 1 | 3 = colour && !gray ? 3 : 1;
  const out = new Float32Array(outCh * n);
  const scale = isPalette ? 255 : 2 ** depth - 1;
  if (isPalette) {
    if (!palette || palette.length === 0) throw new FormatError("PNG palette image has no PLTE chunk.");
    for (let i = 0; i < n; i++) {
      const e = palette[samples[i]];
      if (!e)
        throw new FormatError(
          `PNG pixel refers to palette entry ${samples[i]}; the palette has ${palette.length}.`,
        );
      put(out, i, n, e[0], e[1], e[2], outCh, scale);
    }
  } else if (colour) {
    for (let i = 0; i < n; i++)
      put(out, i, n, samples[i * inCh], samples[i * inCh + 1], samples[i * inCh + 2], outCh, scale);
  } else {
    for (let i = 0; i < n; i++) out[i] = samples[i * inCh] / scale;
  }
  return { width, height, channels: outCh, data: out };
}

function put(
  out: Float32Array,
  i: number,
  n: number,
  r: number,
  g: number,
  b: number,
  outCh: number,
  scale: number,
): void {
  if (outCh === 3) {
    out[i] = r / scale;
    out[n + i] = g / scale;
    out[2 * n + i] = b / scale;
  } else {
    out[i] = (0.299 * r + 0.587 * g + 0.114 * b) / scale;
  }
}

/**
 * Walks the markers of a JPEG file up to its first scan: returns the frame's size and number
 * of components, and checks that an end-of-image marker follows the scan data (so a truncated
 * file is named as such).
 * @throws FormatError naming the problem
 */
export function scanJpeg(
  b: Uint8Array,
  limits: ImageLimits = {},
): { width: number; height: number; components: number } {
  if (!isJpeg(b)) throw new FormatError("Not a JPEG file: the start-of-image marker FF D8 is missing.");
  let p = 2;
  let frame: { width: number; height: number; components: number } | undefined;
  for (;;) {
    while (p < b.length && b[p] === 0xff && b[p + 1] === 0xff) p++; // fill bytes
    if (p + 4 > b.length) throw new FormatError("JPEG file is truncated before its first scan.");
    if (b[p] !== 0xff)
      throw new FormatError(`JPEG marker expected at byte ${p}, found 0x${b[p].toString(16)}.`);
    const m = b[p + 1];
    const len = (b[p + 2] << 8) | b[p + 3];
    if (len < 2 || p + 2 + len > b.length)
      throw new FormatError(
        `JPEG file is truncated: marker 0xFF${m.toString(16).toUpperCase()} declares ${len} bytes.`,
      );
    if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) {
      if (len < 8) throw new FormatError("JPEG frame header is too short.");
      frame = { height: (b[p + 5] << 8) | b[p + 6], width: (b[p + 7] << 8) | b[p + 8], components: b[p + 9] };
      if (m !== 0xc0 && m !== 0xc1 && m !== 0xc2) {
        throw new FormatError(
          `JPEG coding process 0xFF${m.toString(16).toUpperCase()} (lossless or arithmetic) is not supported; expected baseline or progressive Huffman.`,
        );
      }
    }
    if (m === 0xda) break;
    p += 2 + len;
  }
  if (!frame) throw new FormatError("JPEG file has no frame header (SOF) before its scan.");
  if (frame.components !== 1 && frame.components !== 3) {
    throw new FormatError(`JPEG image has ${frame.components} components; expected 1 (grey) or 3 (colour).`);
  }
  checkPixels(frame.width, frame.height, limits, "JPEG");
  // Every 8x8 block costs at least one bit of DC data: a tiny file declaring a huge image is
  // refused before the decoder allocates the declared size.
  if (frame.width * frame.height > 1024 * b.length + 65536) {
    throw new FormatError(
      `JPEG file is ${b.length} bytes, too few for the ${frame.width} x ${frame.height} pixels its header declares (truncated or corrupt).`,
    );
  }
  let eoi = false;
  for (let q = b.length - 2; q > p; q--) {
    if (b[q] === 0xff && b[q + 1] === 0xd9) {
      eoi = true;
      break;
    }
  }
  if (!eoi)
    throw new FormatError("JPEG file is truncated: no end-of-image marker (FF D9) after its scan data.");
  return frame;
}

/**
 * Decodes a baseline or progressive JPEG (grey or colour) into values in [0, 1] (v / 255);
 * grey stays one channel, colour gives 3 channels or, with `gray`, the BT.601 luma.
 * @throws FormatError for a file that is not a valid JPEG
 */
export function decodeJpeg(bytes: Uint8Array, gray: boolean, limits: ImageLimits = {}): DecodedImage {
  const head = scanJpeg(bytes, limits);
  let img: { width: number; height: number; data: Uint8Array };
  try {
    img = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: false,
      tolerantDecoding: false,
      maxResolutionInMP: Math.ceil((limits.maxPixels ?? 2 ** 26) / 1e6),
      maxMemoryUsageInMB: 1024,
    });
  } catch (e) {
    throw new FormatError(`JPEG data cannot be decoded: ${(e as Error).message}`);
  }
  const { width, height, data } = img;
  const n = width * height;
  if (data.length < 3 * n)
    throw new FormatError(`JPEG decoder returned ${data.length} bytes for ${width} x ${height} pixels.`);
  const outCh: 1 | 3 = head.components === 3 && !gray ? 3 : 1;
  const out = new Float32Array(outCh * n);
  if (head.components === 1) for (let i = 0; i < n; i++) out[i] = data[3 * i] / 255;
  else for (let i = 0; i < n; i++) put(out, i, n, data[3 * i], data[3 * i + 1], data[3 * i + 2], outCh, 255);
  return { width, height, channels: outCh, data: out };
}
