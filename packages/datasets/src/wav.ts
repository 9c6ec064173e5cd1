import {
  FormatError,
  ParameterError,
  describe,
  type FloatArray,
  checkInteger,
  checkOptions,
} from "@scatterkit/core";

/** A decoded WAV file. */
export interface WavAudio {
  sampleRate: number;
  /** Number of channels (= `data.length`). */
  channels: number;
  /** Bits per sample as stored in the file (8, 16, 24, 32 or 64). */
  bitsPerSample: number;
  /** `"pcm"` for integer samples, `"float"` for IEEE float samples. */
  encoding: "pcm" | "float";
  /**
   * One array per channel, samples scaled to [-1, 1]: PCM value / 2^(bits-1)
   * (8-bit PCM is unsigned: (value - 128) / 128); float samples as stored.
   * Float32Array for 8/16/24-bit PCM and 32-bit float (exact), Float64Array for
   * 32-bit PCM and 64-bit float (exact).
   */
  data: FloatArray[];
}

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;

function ascii(b: Uint8Array, o: number): string {
  return String.fromCharCode(b[o], b[o + 1], b[o + 2], b[o + 3]);
}

/**
 * Decodes a RIFF/WAVE file: PCM 8, 16, 24 or 32 bit and IEEE float 32 or 64 bit
 * (plain or WAVE_FORMAT_EXTENSIBLE), any number of channels. Unknown chunks
 * (LIST, fact, ...) are skipped; chunks are word-aligned as RIFF requires.
 *
 * @param bytes the whole file
 * @throws FormatError for a missing RIFF/WAVE header, a missing or short `fmt `
 *   chunk, an unsupported encoding (e.g. A-law, ADPCM, 12-bit PCM), a missing
 *   `data` chunk, or a `data` chunk cut short or not a whole number of frames
 */
export function readWav(bytes: Uint8Array | ArrayBuffer): WavAudio {
  if (bytes instanceof ArrayBuffer) bytes = new Uint8Array(bytes);
  if (!(bytes instanceof Uint8Array))
    throw new ParameterError("bytes", bytes, "a Uint8Array/Buffer or ArrayBuffer");
  if (bytes.length < 12)
    throw new FormatError(`WAV data is truncated: ${bytes.length} bytes, expected a 12-byte RIFF header.`);
  const head = ascii(bytes, 0);
  if (head !== "RIFF") {
    throw new FormatError(
      `Not a WAV file: starts with ${JSON.stringify(head)}; expected "RIFF"${head === "RIFX" || head === "RF64" ? ` (${head} is not supported)` : ""}.`,
    );
  }
  if (ascii(bytes, 8) !== "WAVE") {
    throw new FormatError(
      `Not a WAV file: RIFF form type is ${JSON.stringify(ascii(bytes, 8))}; expected "WAVE".`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let fmt: { tag: number; channels: number; rate: number; align: number; bits: number } | undefined;
  let dataOffset = -1;
  let dataSize = 0;
  let p = 12;
  while (p + 8 <= bytes.length) {
    const id = ascii(bytes, p);
    const size = view.getUint32(p + 4, true);
    const body = p + 8;
    if (id === "fmt ") {
      if (size < 16 || body + 16 > bytes.length) {
        throw new FormatError(
          `WAV "fmt " chunk is truncated: ${Math.min(size, bytes.length - body)} bytes, expected at least 16.`,
        );
      }
      let tag = view.getUint16(body, true);
      if (tag === FORMAT_EXTENSIBLE) {
        if (size < 40 || body + 40 > bytes.length) {
          throw new FormatError('WAV WAVE_FORMAT_EXTENSIBLE "fmt " chunk is truncated: expected 40 bytes.');
        }
        tag = view.getUint16(body + 24, true); // first two bytes of the sub-format GUID
      }
      fmt = {
        tag,
        channels: view.getUint16(body + 2, true),
        rate: view.getUint32(body + 4, true),
        align: view.getUint16(body + 12, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (id === "data") {
      dataOffset = body;
      dataSize = size;
      break;
    }
    p = body + size + (size & 1);
  }
  if (!fmt) throw new FormatError('WAV file has no "fmt " chunk before its data.');
  const { tag, channels, rate, bits } = fmt;
  let encoding: "pcm" | "float";
  if (tag === FORMAT_PCM && (bits === 8 || bits === 16 || bits === 24 || bits === 32)) encoding = "pcm";
  else if (tag === FORMAT_FLOAT && (bits === 32 || bits === 64)) encoding = "float";
  else {
    throw new FormatError(
      `Unsupported WAV encoding: format tag ${tag} with ${bits} bits per sample; expected PCM (tag 1) with 8, 16, 24 or 32 bits, or IEEE float (tag 3) with 32 or 64 bits.`,
    );
  }
  if (channels < 1) throw new FormatError(`WAV file declares ${channels} channels; expected at least 1.`);
  if (rate < 1) throw new FormatError(`WAV file declares a sample rate of ${rate}; expected at least 1 Hz.`);
  const bytesPerSample = bits / 8;
  const frameBytes = bytesPerSample * channels;
  if (fmt.align !== frameBytes) {
    throw new FormatError(
      `WAV block align is ${fmt.align}; expected ${frameBytes} (${channels} channels x ${bits} bits).`,
    );
  }
  if (dataOffset < 0) throw new FormatError('WAV file has no "data" chunk (truncated?).');
  const available = bytes.length - dataOffset;
  if (dataSize > available) {
    throw new FormatError(
      `WAV data chunk is truncated: header declares ${dataSize} bytes, file holds ${available}.`,
    );
  }
  if (dataSize % frameBytes !== 0) {
    throw new FormatError(
      `WAV data chunk holds ${dataSize} bytes, not a whole number of ${frameBytes}-byte frames (truncated?).`,
    );
  }
  const frames = dataSize / frameBytes;
  const wide = (encoding === "pcm" && bits === 32) || bits === 64;
  const data: FloatArray[] = [];
  for (let c = 0; c < channels; c++) data.push(wide ? new Float64Array(frames) : new Float32Array(frames));
  for (let c = 0; c < channels; c++) {
    const out = data[c];
    let q = dataOffset + c * bytesPerSample;
    if (encoding === "float") {
      if (bits === 32) for (let i = 0; i < frames; i++, q += frameBytes) out[i] = view.getFloat32(q, true);
      else for (let i = 0; i < frames; i++, q += frameBytes) out[i] = view.getFloat64(q, true);
    } else if (bits === 8) {
      for (let i = 0; i < frames; i++, q += frameBytes) out[i] = (bytes[q] - 128) / 128;
    } else if (bits === 16) {
      for (let i = 0; i < frames; i++, q += frameBytes) out[i] = view.getInt16(q, true) / 32768;
    } else if (bits === 24) {
      for (let i = 0; i < frames; i++, q += frameBytes) {
        const v = bytes[q] | (bytes[q + 1] << 8) | (bytes[q + 2] << 16);
        out[i] = ((v << 8) >> 8) / 8388608;
      }
    } else {
      for (let i = 0; i < frames; i++, q += frameBytes) out[i] = view.getInt32(q, true) / 2147483648;
    }
  }
  return { sampleRate: rate, channels, bitsPerSample: bits, encoding, data };
}

/** Options of {@link writeWav}. */
export interface WriteWavOptions {
  sampleRate: number;
  /** Bits per sample (default 16). PCM: 8, 16, 24, 32; float: 32, 64. */
  bitsPerSample?: number;
  /** Default "pcm". */
  encoding?: "pcm" | "float";
}

/**
 * Encodes channels of samples in [-1, 1] as a WAV file, the inverse of
 * {@link readWav}: PCM value = clamp(round(x * 2^(bits-1))) (8-bit adds 128).
 */
export function writeWav(channels: ArrayLike<number>[], options: WriteWavOptions): Uint8Array {
  const opts = checkOptions<WriteWavOptions>("options", options, {
    required: true,
    expected: "an options object { sampleRate, bitsPerSample?, encoding? }",
  });
  const sampleRate = checkInteger("sampleRate", opts.sampleRate, 1, 2 ** 32 - 1);
  const bits = opts.bitsPerSample ?? 16;
  const encoding = opts.encoding ?? "pcm";
  const okBits = encoding === "pcm" ? [8, 16, 24, 32] : encoding === "float" ? [32, 64] : [];
  if (!okBits.includes(bits)) {
    throw new ParameterError(
      "bitsPerSample",
      bits,
      `one of ${okBits.join(", ") || "(encoding must be pcm or float)"}`,
    );
  }
  if (!Array.isArray(channels) || channels.length < 1)
    throw new ParameterError("channels", channels, "at least one channel");
  const frames = channels[0].length;
  if (channels.some((c) => c.length !== frames)) {
    throw new ParameterError("channels", describe(channels.map((c) => c.length)), "channels of equal length");
  }
  const nc = channels.length;
  const bps = bits / 8;
  const dataSize = frames * nc * bps;
  const out = new Uint8Array(44 + dataSize);
  const v = new DataView(out.buffer);
  const put = (o: number, s: string) => {
    for (let i = 0; i < 4; i++) out[o + i] = s.charCodeAt(i);
  };
  put(0, "RIFF");
  v.setUint32(4, 36 + dataSize, true);
  put(8, "WAVE");
  put(12, "fmt ");
  v.setUint32(16, 16, true);
  v.setUint16(20, encoding === "pcm" ? FORMAT_PCM : FORMAT_FLOAT, true);
  v.setUint16(22, nc, true);
  v.setUint32(24, sampleRate, true);
  v.setUint32(28, sampleRate * nc * bps, true);
  v.setUint16(32, nc * bps, true);
  v.setUint16(34, bits, true);
  put(36, "data");
  v.setUint32(40, dataSize, true);
  const scale = 2 ** (bits - 1);
  let q = 44;
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < nc; c++, q += bps) {
      const x = channels[c][i];
      if (encoding === "float") {
        if (bits === 32) v.setFloat32(q, x, true);
        else v.setFloat64(q, x, true);
        continue;
      }
      const iv = Math.max(-scale, Math.min(scale - 1, Math.round(x * scale)));
      if (bits === 8) out[q] = iv + 128;
      else if (bits === 16) v.setInt16(q, iv, true);
      else if (bits === 24) {
        out[q] = iv & 255;
        out[q + 1] = (iv >> 8) & 255;
        out[q + 2] = (iv >> 16) & 255;
      } else v.setInt32(q, iv, true);
    }
  }
  return out;
}
