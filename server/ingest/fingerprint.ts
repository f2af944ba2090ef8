import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';

/** What ingest needs to know about a file's bytes before DuckDB reads it. */
export interface Fingerprint {
  /** sha256 of the file's bytes as stored (compressed bytes for .gz). */
  sha256: string;
  bytes: number;
  /**
   * Text lines up to the last non-blank one (blank lines at the very end do not count),
   * of the decompressed text; null when not counted (Parquet).
   */
  contentLines: number | null;
}

const NEWLINE = 0x0a;
const CR = 0x0d;

/** Counts newlines and remembers how the text ends, chunk by chunk. */
class LineCounter {
  newlines = 0;
  /** Newlines in the run of CR/LF bytes at the end of what was seen so far. */
  trailingNewlines = 0;
  sawContentAfterLastNewline = false;
  /** Whether any byte other than CR/LF was seen. */
  sawContent = false;

  add(chunk: Buffer): void {
    if (chunk.length === 0) return;
    let pos = chunk.indexOf(NEWLINE);
    while (pos !== -1) {
      this.newlines++;
      pos = chunk.indexOf(NEWLINE, pos + 1);
    }
    let i = chunk.length - 1;
    let runNewlines = 0;
    while (i >= 0 && (chunk[i] === NEWLINE || chunk[i] === CR)) {
      if (chunk[i] === NEWLINE) runNewlines++;
      i--;
    }
    if (i >= 0) {
      this.sawContent = true;
      this.trailingNewlines = runNewlines;
      this.sawContentAfterLastNewline = chunk[chunk.length - 1] !== NEWLINE && chunk[chunk.length - 1] !== CR;
    } else {
      this.trailingNewlines += runNewlines;
      this.sawContentAfterLastNewline = false;
    }
  }

  /** Lines holding content or interior blank lines; trailing blank lines excluded. */
  get contentLines(): number {
    if (!this.sawContent) return 0;
    if (this.sawContentAfterLastNewline) return this.newlines + 1;
    return this.newlines - Math.max(0, this.trailingNewlines - 1);
  }
}

/**
 * Streams a file once: sha256 of its bytes and, for CSV, the number of text lines, which
 * tells ingest whether DuckDB's record count maps one-to-one onto physical lines.
 */
export async function fingerprintFile(path: string, options: { countLines: boolean; gzip: boolean }): Promise<Fingerprint> {
  const hash = createHash('sha256');
  const counter = new LineCounter();
  let bytes = 0;
  const hashing = createReadStream(path, { highWaterMark: 1 << 20 });
  hashing.on('data', (chunk) => {
    const buf = chunk as Buffer;
    bytes += buf.length;
    hash.update(buf);
  });
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      counter.add(chunk);
      done();
    },
  });
  if (!options.countLines) {
    await pipeline(hashing, new Writable({ write: (_c, _e, done) => done() }));
  } else if (options.gzip) {
    await pipeline(hashing, createGunzip(), sink);
  } else {
    await pipeline(hashing, sink);
  }
  return { sha256: hash.digest('hex'), bytes, contentLines: options.countLines ? counter.contentLines : null };
}

/** sha256 over several files' hashes, for inputs an adapter builds from more than one file. */
export function combineFingerprints(parts: Fingerprint[]): Fingerprint {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part.sha256);
  return { sha256: hash.digest('hex'), bytes: parts.reduce((sum, p) => sum + p.bytes, 0), contentLines: null };
}
