/**
 * The JSON beside a features `.npy`, written without holding the whole input list as objects:
 * closed `inputs` records are kept as serialized text (a few dozen bytes per file) and the file
 * is written piece by piece, so a checkpoint of a run over many files allocates no large string.
 * @module
 */
import { closeSync, openSync, renameSync, writeFileSync, writeSync } from "node:fs";

/** One entry of the JSON's `inputs`: rows [row, row + rows) of the .npy came from `file`. */
export interface InputRecord {
  file: string;
  row: number;
  rows: number;
}

const PLACEHOLDER = "@@scatterkit-inputs@@";

/** The `inputs` of a run in row order, appended row by row, kept as text once closed. */
export class InputLog {
  private readonly chunks: string[] = [];
  private pending: string[] = [];
  private open: InputRecord | null = null;

  /** Starts from the records of a resumed run. */
  constructor(prior: readonly InputRecord[] = []) {
    for (const r of prior) {
      this.close();
      this.open = { file: r.file, row: r.row, rows: r.rows };
    }
  }

  /** Records that row `row` of the .npy came from `file` (extends the last record when it continues it). */
  add(file: string, row: number): void {
    const o = this.open;
    if (o && o.file === file && o.row + o.rows === row) o.rows++;
    else {
      this.close();
      this.open = { file, row, rows: 1 };
    }
  }

  private close(): void {
    if (!this.open) return;
    this.pending.push(JSON.stringify(this.open));
    this.open = null;
    if (this.pending.length >= 1024) {
      this.chunks.push(this.pending.join(",\n"));
      this.pending = [];
    }
  }

  /** The serialized records, in pieces to be joined by ",\n". */
  pieces(): string[] {
    const p = [...this.chunks];
    if (this.pending.length > 0) p.push(this.pending.join(",\n"));
    if (this.open) p.push(JSON.stringify(this.open));
    return p;
  }
}

/**
 * Writes `fields` as JSON with an `inputs` array taken from `log`, atomically (a temporary file
 * renamed over `path`). `fields.inputs` must be present (any value): it marks the key's place.
 */
export function writeFeaturesJson(path: string, fields: Record<string, unknown>, log: InputLog): void {
  const text = `${JSON.stringify({ ...fields, inputs: PLACEHOLDER }, null, 1)}\n`;
  const at = text.indexOf(`"${PLACEHOLDER}"`);
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, "w");
  try {
    writeSync(fd, text.slice(0, at));
    writeSync(fd, "[\n");
    const pieces = log.pieces();
    pieces.forEach((p, k) => {
      writeSync(fd, p);
      if (k + 1 < pieces.length) writeSync(fd, ",\n");
    });
    writeSync(fd, "\n ]");
    writeSync(fd, text.slice(at + PLACEHOLDER.length + 2));
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/** Writes `text` to `path` atomically (a temporary file renamed over it). */
export function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}
