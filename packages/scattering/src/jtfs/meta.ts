/**
 * Kymatio's meta() of a TimeFrequencyScattering: one entry per output path, sorted as Kymatio
 * sorts it (by key length, then key), with the output row each entry describes.
 * @module
 */
import type { FilterBank1D } from "@scatterkit/filter-banks";
import type { FrequencyFilter } from "./filters";
import type { JtfsTree } from "./plan";

/** Kymatio's meta() of a TimeFrequencyScattering: one entry per output path, output order. */
export interface TimeFrequencyScatteringMeta {
  /** Scattering order: 0, 1, 2 ('time'); 1, 2 ('joint'). */
  order: number[];
  /**
   * 'time': [n1, n2] (null where absent); 'joint': [list of the n1 the path covers, n2 or null].
   */
  n: (number | number[] | null)[][];
  /** Frequential filter index (null at order 0). */
  nFr: (number | null)[];
  /** [j1, j2] of the temporal wavelets (null where absent; j1 is null in format 'joint'). */
  j: (number | null)[][];
  xi: (number | null)[][];
  sigma: (number | null)[][];
  /** j, ξ and σ of the frequential filter (null at order 0). */
  jFr: (number | null)[];
  xiFr: (number | null)[];
  sigmaFr: (number | null)[];
  /** Sign of ξ_fr: +1 up, -1 down, 0 the frequential low-pass (null at order 0). */
  spin: (number | null)[];
  /** Kymatio's path keys (tuples n), as arrays. */
  key: number[][];
  /**
   * Row of forward()'s output that each entry describes. Kymatio sorts meta() by key while its
   * forward output keeps the order of computation, so in format 'time' the two orders differ.
   */
  row: number[];
}

/**
 * The meta() of the paths of `tree` (temporal filters `filters`): order, n, nFr, the temporal
 * j / ξ / σ of both orders, the frequential jFr / ξFr / σFr, spin, key and output row.
 */
export function jtfsMeta(tree: JtfsTree, filters: FilterBank1D): TimeFrequencyScatteringMeta {
  const { psi1, psi2 } = filters;
  const entries: {
    key: number[];
    order: number;
    n: (number | number[] | null)[];
    fr: FrequencyFilter | null;
    slot: number;
  }[] = [];
  if (tree.format === "time") entries.push({ key: [], order: 0, n: [null, null], fr: null, slot: 0 });
  for (const p of [...tree.paths1, ...tree.paths2.flat()]) {
    if (tree.format === "time") {
      p.n1List.forEach((n1, i) => {
        const key = p.order === 1 ? [n1, p.fr.nFr] : [n1, p.n2, p.fr.nFr];
        entries.push({
          key,
          order: p.order,
          n: [n1, p.order === 2 ? p.n2 : null],
          fr: p.fr,
          slot: p.slots[i],
        });
      });
    } else {
      const key = p.order === 1 ? [p.fr.nFr] : [p.n2, p.fr.nFr];
      entries.push({
        key,
        order: p.order,
        n: [[...p.n1List], p.order === 2 ? p.n2 : null],
        fr: p.fr,
        slot: p.slots[0],
      });
    }
  }
  // Kymatio's meta() sorts its paths by (len(key), key); in format 'time' this order differs
  // from the order of forward()'s rows, which `row` gives for each entry.
  entries.sort((a, b) => a.key.length - b.key.length || compareKeys(a.key, b.key));
  const pick = (bank: { j: number; xi: number; sigma: number }[], v: unknown, key: "j" | "xi" | "sigma") =>
    typeof v === "number" ? bank[v][key] : null;
  const col = (key: "j" | "xi" | "sigma") =>
    entries.map((e) => [pick(psi1, e.n[0], key), pick(psi2, e.n[1], key)]);
  return {
    order: entries.map((e) => e.order),
    n: entries.map((e) => e.n),
    nFr: entries.map((e) => (e.fr ? e.fr.nFr : null)),
    j: col("j"),
    xi: col("xi"),
    sigma: col("sigma"),
    jFr: entries.map((e) => (e.fr ? e.fr.j : null)),
    xiFr: entries.map((e) => (e.fr ? e.fr.xi : null)),
    sigmaFr: entries.map((e) => (e.fr ? e.fr.sigma : null)),
    spin: entries.map((e) => (e.fr ? e.fr.spin : null)),
    key: entries.map((e) => e.key),
    row: entries.map((e) => e.slot),
  };
}

/** Lexicographic order of two keys of the same length. */
function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
