import { describe, expect, it } from "vitest";
import { type NetworkReport, niceTicks, renderNetworkReport } from "../src/report-networks";

const CLASSES = ["a", "b", "c"];

function fake(): NetworkReport {
  return {
    dataset: "fashion-mnist",
    source: "(embedded sample)",
    model: "phase-collapse",
    nonlinearity: "modulus",
    train: 200,
    test: 100,
    accuracy: 0.83,
    trainSeconds: 12.5,
    imagesPerSecond: 812,
    history: [
      { epoch: 1, loss: 1.9, trainAccuracy: 0.41, testAccuracy: 0.5, seconds: 4.1, learningRate: 0.1 },
      { epoch: 2, loss: 0.95, trainAccuracy: 0.72, testAccuracy: 0.74, seconds: 4.2, learningRate: 0.05 },
      { epoch: 3, loss: 0.4, trainAccuracy: 0.9, testAccuracy: 0.83, seconds: 4.2, learningRate: 0.01 },
    ],
    confusion: Int32Array.from([30, 2, 1, 4, 27, 3, 2, 5, 26]),
    classNames: CLASSES,
    fisher: [
      { layer: "scattering", ratio: 0.8 },
      { layer: "block 1", ratio: 1.6 },
      { layer: "block 2", ratio: 3.2 },
    ],
    params: { epochs: 3, seed: 7 },
    samples: [
      { image: "data:image/png;base64,AAAA", truth: "a", predicted: "a", probability: 0.91 },
      { image: "data:image/png;base64,BBBB", truth: "b", predicted: "c", probability: 0.5 },
    ],
  };
}

/** The points attribute of the polyline of one series, as [x, y] pairs. */
function points(html: string, series: string): number[][] {
  const m = html.match(new RegExp(`<polyline data-series="${series}"[^>]* points="([^"]*)"`));
  expect(m, `series ${series}`).not.toBeNull();
  return m![1].split(" ").map((p) => p.split(",").map(Number));
}

describe("network report", () => {
  const html = renderNetworkReport(fake());

  it("draws each learning curve through its values (one point per epoch, y affine in the value)", () => {
    const loss = points(html, "train loss");
    const vals = fake().history.map((e) => e.loss);
    expect(loss.length).toBe(3);
    // x increases by equal steps
    expect(loss[1][0] - loss[0][0]).toBeCloseTo(loss[2][0] - loss[1][0], 1);
    // y is an affine, decreasing function of the value: (y1 - y0) / (v1 - v0) is the same slope for every pair
    const slope01 = (loss[1][1] - loss[0][1]) / (vals[1] - vals[0]);
    const slope12 = (loss[2][1] - loss[1][1]) / (vals[2] - vals[1]);
    expect(slope01).toBeLessThan(0);
    expect(slope12 / slope01).toBeCloseTo(1, 3);
    // train and test accuracy share one axis: the same value would sit at the same height
    const tr = points(html, "train");
    const te = points(html, "test");
    expect(tr.length).toBe(3);
    expect(te.length).toBe(3);
    const accVals = fake().history.map((e) => [e.trainAccuracy, e.testAccuracy!]);
    const s = (tr[2][1] - tr[0][1]) / (accVals[2][0] - accVals[0][0]);
    const y0 = tr[0][1] - s * accVals[0][0];
    for (let i = 0; i < 3; i++) expect(te[i][1]).toBeCloseTo(y0 + s * accVals[i][1], 1);
    expect(html).toContain("epoch 3: 83.00%");
  });

  it("leaves out epochs without a test accuracy instead of drawing them at zero", () => {
    const r = fake();
    r.history[1].testAccuracy = undefined;
    const te = points(renderNetworkReport(r), "test");
    expect(te.length).toBe(2);
  });

  it("shows the confusion matrix counts with per-class recall", () => {
    const table = html.slice(html.indexOf('<table class="confusion">'));
    const cells = [...table.slice(0, table.indexOf("</table>")).matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map(
      (m) => m[1],
    );
    // 3 rows of 3 counts + recall
    expect(cells).toEqual(["30", "2", "1", "90.9%", "4", "27", "3", "79.4%", "2", "5", "26", "78.8%"]);
  });

  it("shows the Fisher ratio per layer as bars proportional to the ratio and as a table", () => {
    const widths = [...html.matchAll(/<rect data-layer="([^"]+)"[^>]* width="([^"]+)"/g)].map((m) => [
      m[1],
      Number(m[2]),
    ]);
    expect(widths.map((w) => w[0])).toEqual(["scattering", "block 1", "block 2"]);
    expect((widths[1][1] as number) / (widths[0][1] as number)).toBeCloseTo(2, 3);
    expect((widths[2][1] as number) / (widths[0][1] as number)).toBeCloseTo(4, 3);
    expect(html).toContain("<td>block 2</td><td>3.2000</td>");
  });

  it("shows the sample test images with true and predicted class", () => {
    expect(html).toContain('src="data:image/png;base64,AAAA"');
    expect(html).toContain('predicted: <b class="ok">a</b> (91.0%)');
    expect(html).toContain('predicted: <b class="bad">c</b> (50.0%)');
    const r = fake();
    r.samples = undefined;
    expect(renderNetworkReport(r)).not.toContain("Sample test images");
  });

  it("is self-contained: no script, no external URL", () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html).toContain("83.00% test accuracy");
    expect(html).toContain("phase-collapse (modulus)");
  });

  it("niceTicks covers the range with 1-2-5 steps", () => {
    expect(niceTicks(0, 1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0.37, 1.93)).toEqual([0.5, 1, 1.5]);
    expect(niceTicks(2, 2)).toEqual([2]);
  });
});
