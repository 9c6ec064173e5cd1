// The HTML report of a learned-network run (`pnpm demo -- --model ...`): learning
// curves (loss, train and test accuracy per epoch) as inline SVG, the confusion
// matrix, the Fisher ratio per layer, the per-epoch table and the parameters.
// Self-contained: no script, no external asset.
import { formatSeconds } from "./progress";

/** One epoch of training as the report shows it. */
export interface EpochPoint {
  /** 1-based epoch number. */
  epoch: number;
  /** Mean training loss (softmax cross-entropy) over the epoch. */
  loss: number;
  /** Training accuracy in [0, 1] (over the epoch's minibatches or a pass after it). */
  trainAccuracy: number;
  /** Test accuracy in [0, 1] after the epoch, when evaluated. */
  testAccuracy?: number;
  /** Wall seconds of the epoch. */
  seconds: number;
  /** Learning rate used in the epoch, when known. */
  learningRate?: number;
}

/** Fisher ratio of one layer's output: tr(between-class cov) / tr(within-class cov). */
export interface LayerRatio {
  layer: string;
  ratio: number;
}

/** Everything the network report shows. */
export interface NetworkReport {
  dataset: string;
  /** Where the data came from (folder or "(embedded sample)"). */
  source: string;
  model: string;
  nonlinearity: string | null;
  train: number;
  test: number;
  /** Final test accuracy in [0, 1]. */
  accuracy: number;
  /** Seconds of training (all epochs of this run, resumed epochs included as recorded). */
  trainSeconds: number;
  /** Seconds spent computing the scattering front-end, when reported separately. */
  featureSeconds?: number;
  /** Test images classified per second (predictProba on the test split). */
  imagesPerSecond?: number;
  history: EpochPoint[];
  /** Row-major [k, k] confusion matrix (row = true class). */
  confusion: Int32Array;
  classNames: string[];
  fisher: LayerRatio[];
  params: Record<string, unknown>;
  /** A few test images with their true and predicted class (image as a data: URI). */
  samples?: { image: string; truth: string; predicted: string; probability: number }[];
}

const esc = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

/** One curve of a {@link lineChart}: a name, a colour and one value per epoch (undefined = missing). */
export interface Series {
  name: string;
  color: string;
  values: (number | undefined)[];
}

/** "Nice" tick values (1, 2, 5 x 10^k steps) covering [lo, hi], about `count` of them. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step) {
    ticks.push(Number(t.toPrecision(12)));
  }
  return ticks;
}

/**
 * An inline SVG line chart of per-epoch series: x = epoch 1..n (the index + 1),
 * y linear between `yMin` and `yMax` (default: the data's range, padded 5%).
 * Each series is a `<polyline data-series="name">` whose points are the pixel
 * coordinates of its defined values, plus one `<circle>` per value with a
 * `<title>` tooltip. Axis ticks on both axes, a legend at the top.
 */
export function lineChart(
  series: Series[],
  opts: {
    title: string;
    yLabel: string;
    yMin?: number;
    yMax?: number;
    percent?: boolean;
    width?: number;
    height?: number;
  },
): string {
  const width = opts.width ?? 520;
  const height = opts.height ?? 260;
  const m = { l: 56, r: 16, t: 34, b: 40 };
  const pw = width - m.l - m.r;
  const ph = height - m.t - m.b;
  const n = Math.max(0, ...series.map((s) => s.values.length));
  const all = series.flatMap((s) =>
    s.values.filter((v): v is number => v !== undefined && Number.isFinite(v)),
  );
  let lo = opts.yMin ?? (all.length ? Math.min(...all) : 0);
  let hi = opts.yMax ?? (all.length ? Math.max(...all) : 1);
  if (opts.yMin === undefined || opts.yMax === undefined) {
    const pad = (hi - lo || Math.abs(hi) || 1) * 0.05;
    if (opts.yMin === undefined) lo -= pad;
    if (opts.yMax === undefined) hi += pad;
  }
  const xOf = (i: number) => m.l + (n <= 1 ? pw / 2 : (i / (n - 1)) * pw);
  const yOf = (v: number) => m.t + ph - ((v - lo) / (hi - lo)) * ph;
  const fmt = (v: number) => (opts.percent ? `${(100 * v).toFixed(2)}%` : v.toPrecision(4));
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(opts.title)}">`,
    `<text x="${m.l}" y="14" font-size="13" font-weight="600">${esc(opts.title)}</text>`,
    `<rect x="${m.l}" y="${m.t}" width="${pw}" height="${ph}" fill="none" stroke="#999"/>`,
  );
  for (const t of niceTicks(lo, hi)) {
    if (t < lo || t > hi) continue;
    const y = yOf(t).toFixed(1);
    parts.push(
      `<line x1="${m.l}" x2="${m.l + pw}" y1="${y}" y2="${y}" stroke="#eee"/>`,
      `<text x="${m.l - 4}" y="${y}" font-size="10" text-anchor="end" dominant-baseline="middle">${opts.percent ? `${Number((100 * t).toPrecision(6))}%` : Number(t.toPrecision(6))}</text>`,
    );
  }
  const xStep = Math.max(1, Math.ceil(n / 10));
  for (let i = 0; i < n; i += xStep) {
    const x = xOf(i).toFixed(1);
    parts.push(`<text x="${x}" y="${m.t + ph + 14}" font-size="10" text-anchor="middle">${i + 1}</text>`);
  }
  parts.push(
    `<text x="${m.l + pw / 2}" y="${height - 6}" font-size="11" text-anchor="middle">epoch</text>`,
    `<text x="12" y="${m.t + ph / 2}" font-size="11" text-anchor="middle" transform="rotate(-90 12 ${m.t + ph / 2})">${esc(opts.yLabel)}</text>`,
  );
  series.forEach((s, k) => {
    const pts: string[] = [];
    const dots: string[] = [];
    s.values.forEach((v, i) => {
      if (v === undefined || !Number.isFinite(v)) return;
      const x = xOf(i).toFixed(2);
      const y = yOf(v).toFixed(2);
      pts.push(`${x},${y}`);
      dots.push(
        `<circle cx="${x}" cy="${y}" r="2.5" fill="${s.color}"><title>${esc(s.name)}, epoch ${i + 1}: ${fmt(v)}</title></circle>`,
      );
    });
    parts.push(
      `<polyline data-series="${esc(s.name)}" fill="none" stroke="${s.color}" stroke-width="1.8" points="${pts.join(" ")}"/>`,
      ...dots,
    );
    const lx = width - m.r - (series.length - k) * 96;
    parts.push(
      `<line x1="${lx}" x2="${lx + 16}" y1="10" y2="10" stroke="${s.color}" stroke-width="2"/>`,
      `<text x="${lx + 20}" y="14" font-size="11">${esc(s.name)}</text>`,
    );
  });
  parts.push("</svg>");
  return parts.join("\n");
}

/** Inline SVG bar chart of the Fisher ratio per layer (one `<rect data-layer>` per layer). */
export function fisherChart(ratios: LayerRatio[], width = 520): string {
  const rowH = 22;
  const lab = 170;
  const height = 10 + rowH * ratios.length + 10;
  const max = Math.max(1e-12, ...ratios.map((r) => (Number.isFinite(r.ratio) ? r.ratio : 0)));
  const bw = width - lab - 70;
  const rows = ratios.map((r, i) => {
    const y = 10 + i * rowH;
    const w = Number.isFinite(r.ratio) ? Math.max(0, (r.ratio / max) * bw) : 0;
    return `<text x="${lab - 6}" y="${y + 14}" font-size="11" text-anchor="end">${esc(r.layer)}</text>
<rect data-layer="${esc(r.layer)}" x="${lab}" y="${y + 3}" width="${w.toFixed(2)}" height="${rowH - 6}" fill="#2463eb"/>
<text x="${lab + w + 4}" y="${y + 14}" font-size="11">${r.ratio.toPrecision(4)}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="Fisher ratio per layer">
${rows.join("\n")}
</svg>`;
}

/** The confusion matrix as an HTML table (cells shaded by count; diagonal blue, errors red). */
export function confusionTable(confusion: ArrayLike<number>, classNames: string[]): string {
  const k = classNames.length;
  let max = 0;
  for (let i = 0; i < confusion.length; i++) max = Math.max(max, confusion[i]);
  const rows = classNames.map((name, a) => {
    let tot = 0;
    for (let b = 0; b < k; b++) tot += confusion[a * k + b];
    const cells = classNames
      .map((_, b) => {
        const c = confusion[a * k + b];
        const alpha = max > 0 ? c / max : 0;
        const bg =
          a === b
            ? `rgba(36,99,235,${alpha.toFixed(3)})`
            : `rgba(220,38,38,${Math.min(1, alpha * 4).toFixed(3)})`;
        return `<td style="background:${bg};color:${alpha > 0.5 ? "#fff" : "#111"}">${c}</td>`;
      })
      .join("");
    const recall = tot > 0 ? `${((100 * confusion[a * k + a]) / tot).toFixed(1)}%` : "-";
    return `<tr><th>${esc(name)}</th>${cells}<td>${recall}</td></tr>`;
  });
  return `<table class="confusion"><tr><th></th>${classNames.map((c) => `<th>${esc(c)}</th>`).join("")}<th>recall</th></tr>
${rows.join("\n")}</table>`;
}

function samplesHtml(r: NetworkReport): string {
  if (!r.samples?.length) return "";
  const figs = r.samples
    .map(
      (s, i) =>
        `<figure><img class="px" width="84" src="${s.image}" alt="test image ${i}"/><figcaption>true: ${esc(s.truth)}<br/>predicted: <b class="${s.truth === s.predicted ? "ok" : "bad"}">${esc(s.predicted)}</b> (${(100 * s.probability).toFixed(1)}%)</figcaption></figure>`,
    )
    .join("\n");
  return `<h2>Sample test images</h2><div class="samples">${figs}</div>`;
}

/** Builds the self-contained HTML report of a network run. */
export function renderNetworkReport(r: NetworkReport): string {
  const h = r.history;
  const lossChart = lineChart([{ name: "train loss", color: "#b45309", values: h.map((e) => e.loss) }], {
    title: "Training loss (softmax cross-entropy)",
    yLabel: "loss",
  });
  const accChart = lineChart(
    [
      { name: "train", color: "#2463eb", values: h.map((e) => e.trainAccuracy) },
      { name: "test", color: "#15803d", values: h.map((e) => e.testAccuracy) },
    ],
    { title: "Accuracy per epoch", yLabel: "accuracy", percent: true },
  );
  const pct = (v: number | undefined) => (v === undefined ? "-" : `${(100 * v).toFixed(2)}%`);
  const epochRows = h
    .map(
      (e) =>
        `<tr><td>${e.epoch}</td><td>${e.loss.toFixed(4)}</td><td>${pct(e.trainAccuracy)}</td><td>${pct(e.testAccuracy)}</td><td>${e.learningRate === undefined ? "-" : e.learningRate.toPrecision(3)}</td><td>${formatSeconds(e.seconds)}</td></tr>`,
    )
    .join("\n");
  const fisherRows = r.fisher
    .map((f) => `<tr><td>${esc(f.layer)}</td><td>${f.ratio.toPrecision(5)}</td></tr>`)
    .join("");
  const params = Object.entries(r.params)
    .map(([key, v]) => `<tr><td>${esc(key)}</td><td>${esc(JSON.stringify(v) ?? "")}</td></tr>`)
    .join("");
  const title = `${r.model}${r.nonlinearity ? ` (${r.nonlinearity})` : ""} on ${r.dataset}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"/><title>scatterkit demo: ${esc(title)}</title>
<style>
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1100px;color:#111;padding:0 1rem}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:right}
th{background:#f3f4f6}td:first-child{text-align:left}.big{font-size:2.5rem;font-weight:700}
.charts{display:flex;flex-wrap:wrap;gap:1.5rem}svg.chart{font-family:system-ui,sans-serif}
.samples{display:flex;flex-wrap:wrap;gap:1rem}figure{margin:0;font-size:.85rem}.ok{color:#15803d}.bad{color:#b91c1c}
.px{image-rendering:pixelated;border:1px solid #ddd}
</style></head><body>
<h1>scatterkit demo: ${esc(title)}</h1>
<p>A learned network on a fixed wavelet scattering front-end (@scatterkit/networks). Data: ${esc(r.source)}.</p>
<p class="big">${(100 * r.accuracy).toFixed(2)}% test accuracy</p>
<p>${r.train} training and ${r.test} test images; ${h.length} epoch${h.length === 1 ? "" : "s"} recorded;
training ${formatSeconds(r.trainSeconds)}${r.featureSeconds !== undefined ? `, scattering front-end ${formatSeconds(r.featureSeconds)}` : ""}${r.imagesPerSecond !== undefined ? `; inference ${r.imagesPerSecond.toFixed(0)} images/s` : ""}.</p>
<h2>Learning curves</h2>
<div class="charts" id="curves">
${lossChart}
${accChart}
</div>
<h2>Per epoch</h2>
<table id="epochs"><tr><th>epoch</th><th>loss</th><th>train accuracy</th><th>test accuracy</th><th>learning rate</th><th>time</th></tr>
${epochRows}</table>
<h2>Confusion matrix</h2><p>Rows: true class; columns: predicted class (test split).</p>
${confusionTable(r.confusion, r.classNames)}
<h2>Fisher ratio per layer</h2>
<p>Trace of the between-class covariance over the trace of the within-class covariance of each layer's
output, on training images: separation of the class means relative to the spread inside each class.</p>
${fisherChart(r.fisher)}
<table id="fisher"><tr><th>layer</th><th>Fisher ratio</th></tr>${fisherRows}</table>
${samplesHtml(r)}
<h2>Parameters</h2><table>${params}</table>
</body></html>
`;
}
