/** The live page's HTML (written by build.ts). */
export const LIVE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"/><title>scatterkit: live scattering of your microphone</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1000px;padding:0 1rem;color:#111}
#scalogram{width:100%;height:320px;image-rendering:pixelated;background:#000;border:1px solid #999}
.controls{display:flex;gap:1rem;align-items:center;flex-wrap:wrap;margin:1rem 0}#stats{font-size:.9rem;color:#333}
</style></head><body>
<h1>Live wavelet scattering</h1>
<p id="about"></p>
<div class="controls"><button id="start">Start microphone</button>
<label>or an audio file: <input id="file" type="file" accept="audio/*"/></label>
<span id="status"></span>
<a href="live.html">Scattering1D</a> | <a href="live.html?transform=jtfs">time-frequency scattering (JTFS)</a></div>
<canvas id="scalogram" width="1024" height="64"></canvas>
<p id="stats"></p>
<p>Computed off the main thread: an AudioWorklet taps the microphone and the scattering of each frame runs
in a Web Worker (<code>Scattering1D.forwardAsync</code>). <a href="index.html">Back to the image demo</a>.</p>
<script type="module" src="live.js"></script>
</body></html>
`;
