/**
 * Buffered CSV output: rows are appended as strings; every full chunk is handed to the
 * thread pool as a positioned write (pwrite), so disk writes overlap with generating the
 * next rows and the bytes land in order whatever order the writes finish in.
 */
import { closeSync, openSync, write } from 'node:fs';
import type { TableSpec } from '../engine/contract.ts';

const CHUNK = 1 << 20;

function writeAt(fd: number, data: Buffer, position: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const step = (offset: number) =>
      write(fd, data, offset, data.length - offset, position + offset, (error, written) => {
        if (error) reject(error);
        else if (offset + written < data.length) step(offset + written);
        else resolve();
      });
    step(0);
  });
}

/** A CSV file written in background chunks; counts data rows. */
export class CsvFile {
  private readonly fd: number;
  private buffer = '';
  private position = 0;
  private pending = 0;
  private failure: unknown = null;
  private waiters: (() => void)[] = [];
  rows = 0;

  constructor(readonly path: string, header: string[]) {
    this.fd = openSync(path, 'w');
    this.buffer = `${header.join(',')}\n`;
  }

  /** Appends one row already formatted with its trailing newline. */
  row(line: string): void {
    this.buffer += line;
    this.rows++;
    if (this.buffer.length >= CHUNK) this.issue();
  }

  /** Appends a row from values (quoted when needed). */
  values(values: readonly string[]): void {
    this.row(`${values.map(csvField).join(',')}\n`);
  }

  private issue(): void {
    if (this.buffer.length === 0) return;
    const data = Buffer.from(this.buffer, 'utf8');
    this.buffer = '';
    const position = this.position;
    this.position += data.length;
    this.pending++;
    writeAt(this.fd, data, position).then(
      () => this.settle(),
      (error: unknown) => {
        this.failure ??= error;
        this.settle();
      },
    );
  }

  private settle(): void {
    this.pending--;
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Waits until at most `maxPending` chunks are still being written (back-pressure); rethrows a write error. */
  async drain(maxPending = 0): Promise<void> {
    while (this.pending > maxPending) await new Promise<void>((resolve) => this.waiters.push(resolve));
    if (this.failure) throw this.failure;
  }

  /** Writes everything left and closes the file. */
  async close(): Promise<void> {
    this.issue();
    await this.drain(0);
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
