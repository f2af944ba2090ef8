/** Buffered CSV output: rows are appended as strings and flushed to the file in large chunks. */
import { closeSync, openSync, writeSync } from 'node:fs';
import type { TableSpec } from '../engine/contract.ts';

const FLUSH_AT = 1 << 20;

/** A CSV file written in large synchronous chunks; counts data rows. */
export class CsvFile {
  private readonly fd: number;
  private buffer = '';
  rows = 0;

  constructor(readonly path: string, header: string[]) {
    this.fd = openSync(path, 'w');
    this.buffer = `${header.join(',')}\n`;
  }

  /** Appends one row already formatted with its trailing newline. */
  row(line: string): void {
    this.buffer += line;
    this.rows++;
    if (this.buffer.length >= FLUSH_AT) this.flush();
  }

  /** Appends a row from values (quoted when needed). */
  values(values: readonly string[]): void {
    this.row(`${values.map(csvField).join(',')}\n`);
  }

  flush(): void {
    if (this.buffer.length > 0) writeSync(this.fd, this.buffer);
    this.buffer = '';
  }

  close(): void {
    this.flush();
    closeSync(this.fd);
  }
}

/** A CSV field, quoted when it holds a comma, quote or newline. */
export function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The canonical header of a table, in contract order. */
export function headerOf(spec: TableSpec): string[] {
  return spec.columns.map((c) => c.name);
}
