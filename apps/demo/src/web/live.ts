// The live page: the scattering scalogram of the microphone in real time. An AudioWorklet
// hands the captured samples to the page in blocks; every `frame` samples the page calls
// Scattering1D.forwardAsync, which computes in a module Web Worker (the library's worker
// pool), so the main thread only draws. A file input is the fallback (no microphone, or a
// recording to look at). Bundled for the browser by build.ts into live.js.
import { Scattering1D, TimeFrequencyScattering } from "@scatterkit/scattering";

/** What the page records for tests and the bench (window.__live). */
interface LiveState {
  params: {
    transform: "scattering1d" | "jtfs";
    J: number;
    Q: number;
    Jfr?: number;
    frame: number;
    sampleRate: number;
  };
  source: "microphone" | "file" | "none";
  frames: number;
  /** The last `keep` frames: the samples the page received and the scattering it computed. */
  recent: { index: number; samples: number[]; output: number[]; ms: number }[];
  /** Compute time per frame (worker round trip; the first includes starting the worker), milliseconds. */
  computeMs: number[];
  /** Frames per second shown (last 5 s), and mean compute time over frame duration (first frame left out). */
  fps: number;
  realTimeFactor: number;
  errors: string[];
}

// ?transform=jtfs: time-frequency scattering (Kymatio's JTFS, format 'time') instead of Scattering1D
const JTFS = new URLSearchParams(location.search).get("transform") === "jtfs";
const J = JTFS ? 6 : 8;
const Q = 8;
const JFR = 2;
const FRAME = 8192;
const KEEP = 6;
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const state: LiveState = {
  params: JTFS
    ? { transform: "jtfs", J, Q, Jfr: JFR, frame: FRAME, sampleRate: 0 }
    : { transform: "scattering1d", J, Q, frame: FRAME, sampleRate: 0 },
  source: "none",
  frames: 0,
  recent: [],
  computeMs: [],
  fps: 0,
  realTimeFactor: 0,
  errors: [],
};
(window as unknown as { __live: LiveState }).__live = state;

const S = JTFS
  ? new TimeFrequencyScattering({ J, Jfr: JFR, Q, shape: FRAME })
  : new Scattering1D({ J, Q, shape: FRAME });
// Scattering1D: the order-1 paths (high to low frequency); JTFS: every output row
const rows = JTFS
  ? Array.from({ length: S.nPaths }, (_, i) => i)
  : S.meta()
      .order.map((o, i) => (o === 1 ? i : -1))
      .filter((i) => i >= 0);
const canvas = $<HTMLCanvasElement>("scalogram");
const ctx = canvas.getContext("2d")!;
canvas.height = rows.length;
const columnsPerFrame = S.outputLength;

// The AudioWorklet: posts each 128-sample render quantum (channel 0) to the page.
const WORKLET = `
class Tap extends AudioWorkletProcessor {
  process(inputs) {
    const ch = inputs[0] && inputs[0][0];
    if (ch) this.port.postMessage(ch.slice(0));
    return true;
  }
}
registerProcessor("scatterkit-tap", Tap);
`;

let pending = new Float32Array(FRAME);
let filled = 0;
let busy = false;
let shownAt: number[] = [];

function colour(v: number): [number, number, number] {
  // dark blue -> yellow
  const t = Math.max(0, Math.min(1, v));
  return [Math.round(255 * t ** 0.8), Math.round(220 * t), Math.round(120 * (1 - t) + 40)];
}

function draw(out: Float32Array | Float64Array): void {
  const P = S.nPaths;
  const L = S.outputLength;
  // scroll left by one frame's columns, then paint the new columns at the right
  const w = canvas.width;
  const img = ctx.getImageData(columnsPerFrame, 0, w - columnsPerFrame, rows.length);
  ctx.putImageData(img, 0, 0);
  const col = ctx.createImageData(columnsPerFrame, rows.length);
  for (let r = 0; r < rows.length; r++) {
    const p = rows[r];
    for (let t = 0; t < L; t++) {
      const v = Math.log10(1e-6 + Math.abs(out[p * L + t]));
      const [R, G, B] = colour((v + 5) / 4); // log10 magnitude in [-5, -1] -> [0, 1]
      col.data.set([R, G, B, 255], 4 * (r * columnsPerFrame + t));
    }
  }
  ctx.putImageData(col, w - columnsPerFrame, 0);
  void P;
}

async function computeFrame(samples: Float32Array): Promise<void> {
  busy = true;
  const t0 = performance.now();
  try {
    // float64 input (the transforms compute in float64): the samples as received, exactly
    const y = await S.forwardAsync({ data: Float64Array.from(samples), shape: [1, FRAME] });
    const ms = performance.now() - t0;
    draw(y.data);
    const index = state.frames++;
    state.computeMs.push(ms);
    state.recent.push({ index, samples: Array.from(samples), output: Array.from(y.data), ms });
    if (state.recent.length > KEEP) state.recent.shift();
    const now = performance.now();
    shownAt.push(now);
    shownAt = shownAt.filter((t) => now - t < 5000);
    const span = (shownAt[shownAt.length - 1] - shownAt[0]) / 1000;
    state.fps = shownAt.length > 1 && span > 0 ? (shownAt.length - 1) / span : 0;
    const frameSeconds = FRAME / (state.params.sampleRate || 48000);
    // the first frame also starts the worker (filters built there): leave it out
    const recentMs = state.computeMs.length > 1 ? state.computeMs.slice(1).slice(-50) : state.computeMs;
    state.realTimeFactor = recentMs.reduce((a, b) => a + b, 0) / recentMs.length / 1000 / frameSeconds;
    $("stats").textContent =
      `${state.source}: ${state.frames} frames of ${FRAME} samples at ${state.params.sampleRate} Hz; ` +
      `${state.fps.toFixed(1)} frames/s; compute ${ms.toFixed(1)} ms per frame in a Web Worker ` +
      `(real-time factor ${state.realTimeFactor.toFixed(3)})`;
  } catch (e) {
    state.errors.push(String(e));
    $("stats").textContent = `error: ${e}`;
  } finally {
    busy = false;
  }
}

/** Adds received samples; a full frame is computed unless the previous one is still running (then dropped). */
function receive(block: Float32Array): void {
  let i = 0;
  while (i < block.length) {
    const n = Math.min(block.length - i, FRAME - filled);
    pending.set(block.subarray(i, i + n), filled);
    filled += n;
    i += n;
    if (filled === FRAME) {
      const frame = pending;
      pending = new Float32Array(FRAME);
      filled = 0;
      if (!busy) void computeFrame(frame);
    }
  }
}

async function startMicrophone(): Promise<void> {
  const stream = await navigator.mediaDevices.getUserMedia({
    audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false, channelCount: 1 },
  });
  const ac = new AudioContext();
  state.params.sampleRate = ac.sampleRate;
  const url = URL.createObjectURL(new Blob([WORKLET], { type: "text/javascript" }));
  await ac.audioWorklet.addModule(url);
  const src = ac.createMediaStreamSource(stream);
  const tap = new AudioWorkletNode(ac, "scatterkit-tap", { numberOfInputs: 1, numberOfOutputs: 0 });
  tap.port.onmessage = (e) => receive(e.data as Float32Array);
  src.connect(tap);
  if (ac.state !== "running") await ac.resume();
  state.source = "microphone";
  $("status").textContent = "listening to the microphone";
}

async function playFile(file: File): Promise<void> {
  const ac = new AudioContext();
  const audio = await ac.decodeAudioData(await file.arrayBuffer());
  state.params.sampleRate = audio.sampleRate;
  state.source = "file";
  const ch = audio.getChannelData(0);
  $("status").textContent = `${file.name}: ${(audio.duration).toFixed(1)} s`;
  for (let i = 0; i + FRAME <= ch.length; i += FRAME) {
    await computeFrame(ch.slice(i, i + FRAME));
  }
}

$("start").addEventListener("click", () => {
  startMicrophone().catch((e) => {
    state.errors.push(String(e));
    $("status").textContent = `no microphone (${e.message ?? e}): use the file input`;
  });
});
$<HTMLInputElement>("file").addEventListener("change", (e) => {
  const f = (e.target as HTMLInputElement).files?.[0];
  if (f) void playFile(f);
});
$("about").textContent = JTFS
  ? `Time-frequency scattering (JTFS, J=${J}, Jfr=${JFR}, Q=${Q}) of ${FRAME}-sample frames: ${rows.length} ` +
    `paths (rows), ${columnsPerFrame} columns per frame, log magnitude. Frames that arrive while one ` +
    `is computing are skipped.`
  : `Scattering1D (J=${J}, Q=${Q}, T=${2 ** J}) of ${FRAME}-sample frames: ${rows.length} first-order ` +
    `paths (rows, high frequency at the top), ${columnsPerFrame} columns per frame, log magnitude.`;
if (new URLSearchParams(location.search).has("autostart")) $("start").click();
