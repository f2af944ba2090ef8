import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';

const NEWLINE = 0x0a;
const CR = 0x0d;

export interface LineScan {
  /** Physical line (1-based) at each requested byte offset, in the order given. */
  lineAt: number[];
  /** Empty lines ('' or a lone CR) before the last non-empty line; null when more than `maxBlank`. */
  blankLines: number[] | null;
}

/**
 * Streams a text file (decompressed when gzip) once, counting newlines: the physical line
 * of each byte offset in `offsets`, and the numbers of the empty lines. This is line
 * bookkeeping only; fields are never parsed here (DuckDB's read_csv does that).
 */
export async function scanLines(path: string, gzip: boolean, offsets: number[], maxBlank = 100_000): Promise<LineScan> {
  const order = offsets.map((offset, i) => ({ offset, i })).sort((a, b) => a.offset - b.offset);
  const lineAt = new Array<number>(offsets.length);
  let next = 0;
  let blanks: number[] | null = [];
  let line = 1;
  let lineStart = 0;
  let position = 0;
  let lastByte = -1;
  let lastContentLine = 0;

  const stream: Readable = gzip ? createReadStream(path).pipe(createGunzip()) : createReadStream(path, { highWaterMark: 1 << 20 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let from = 0;
    for (;;) {
      const at = chunk.indexOf(NEWLINE, from);
      const newlineGlobal = at === -1 ? Infinity : position + at;
      while (next < order.length && order[next].offset <= newlineGlobal && order[next].offset < position + chunk.length) {
        lineAt[order[next].i] = line;
        next++;
      }
      if (at === -1) break;
      const length = newlineGlobal - lineStart;
      const before = at > 0 ? chunk[at - 1] : lastByte;
      if (length === 0 || (length === 1 && before === CR)) {
        if (blanks && blanks.push(line) > maxBlank) blanks = null;
      } else {
        lastContentLine = line;
      }
      line++;
      lineStart = newlineGlobal + 1;
      from = at + 1;
    }
    position += chunk.length;
    lastByte = chunk.length > 0 ? chunk[chunk.length - 1] : lastByte;
  }
  while (next < order.length) lineAt[order[next++].i] = line;
  if (position > lineStart) lastContentLine = line;
  return { lineAt, blankLines: blanks && blanks.filter((b) => b < lastContentLine) };
}

/** The bytes of the file's first line (decompressed when gzip), at most `limit` bytes. */
export async function firstLine(path: string, gzip: boolean, limit = 1 << 20): Promise<Buffer> {
  const stream: Readable = gzip ? createReadStream(path).pipe(createGunzip()) : createReadStream(path, { end: limit });
  const parts: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const end = chunk.indexOf(NEWLINE);
    parts.push(end === -1 ? chunk : chunk.subarray(0, end));
    length += chunk.length;
    if (end !== -1 || length >= limit) break;
  }
  stream.destroy();
  return Buffer.concat(parts).subarray(0, limit);
}
