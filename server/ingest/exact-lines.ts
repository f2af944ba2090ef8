/**
 * Physical lines for a CSV whose records do not map one-to-one onto lines (a quoted field
 * holds a newline, or blank lines sit between records). Set-based and memory-light:
 *   - a second, narrow read_csv pass counts, per accepted row, the newlines inside its
 *     fields and how many of the lines they make are blank;
 *   - the same counts for rows the reader rejected come from their raw text;
 *   - one streaming byte scan finds where the rejected rows start (DuckDB reports byte
 *     positions) and which lines of the file are blank.
 * Records are laid out in a numbering without blank lines (a record never starts on one):
 * accepted records one after another, each rejected record slotted in at its known place;
 * then every blank line above a record's start moves it down by one. The layout must put
 * each rejected record exactly between accepted ones and end on the file's last line;
 * otherwise the result is null and the caller falls back to approximate lines.
 */
import type { Database } from '../engine/db.ts';
import { scanLines } from './scan.ts';
import { csvNewlineCountSql, newlineCounts } from './sources/csv.ts';

export interface ExactLineInput {
  path: string;
  gzip: boolean;
  headers: string[];
  acceptedRows: number;
  contentLines: number;
  tag: string;
  /**
   * Temp table of the reader's rejects, one row per record: record (DuckDB's number, which
   * counts blank lines but not newlines inside quotes), byte_position (DuckDB's 1-based
   * line_byte_position, which may point at the newline before the record), raw (the
   * record's text) and lead_newlines (newline bytes before the text in DuckDB's csv_line).
   */
  byRecord: string;
}

export interface ExactLines {
  /** Temp table (rid, line) for the returned rows; rid is the 0-based position in file order. */
  accepted: string;
  /** Temp table (record, line) for the reader's rejects. */
  rejected: string;
}

const json = (value: unknown) => JSON.stringify(value);

/** Resolves exact physical lines, or returns null when they cannot be trusted. */
export async function exactCsvLines(db: Database, input: ExactLineInput): Promise<ExactLines | null> {
  const { tag } = input;
  const counts = `ingest_newlines_${tag}`;
  await db.run(csvNewlineCountSql(input.headers.length, tag), [input.path]);
  const counted = await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${counts}`);
  if (Number(counted!.n) !== input.acceptedRows) return null;

  const starts = await db.all<{ record: number; target: number }>(
    `SELECT record, byte_position - 1 + lead_newlines AS target FROM ${input.byRecord} ORDER BY record`,
  );
  const scan = await scanLines(input.path, input.gzip, starts.map((r) => Number(r.target)));
  if (scan.blankLines === null) return null;
  const header = newlineCountsInJs(input.headers.join(','));

  const blankLines = `ingest_blank_lines_${tag}`;
  const blanks = `ingest_blanks_${tag}`;
  const rejected = `ingest_reject_lines_${tag}`;
  const layout = `ingest_layout_${tag}`;
  await db.run(
    `CREATE TEMP TABLE ${blankLines} AS
     SELECT b, row_number() OVER (ORDER BY b) AS i FROM (SELECT unnest(CAST(CAST($1 AS JSON) AS BIGINT[])) AS b)`,
    [json(scan.blankLines)],
  );
  // Blank line number i at line b: records whose blank-free start is at or after b - (i - 1) come after it.
  await db.run(`CREATE TEMP TABLE ${blanks} AS SELECT b - i + 1 AS shifted, max(i) AS i FROM ${blankLines} GROUP BY shifted`);
  // Rejected records: known physical start; blank-free start = line minus the blank lines above it.
  const raw = newlineCounts('r.raw');
  await db.run(
    `CREATE TEMP TABLE ${rejected} AS
     WITH positions AS (
       SELECT pair[1] AS record, pair[2] AS line FROM (SELECT unnest(CAST(CAST($1 AS JSON) AS BIGINT[][])) AS pair)),
     sized AS (
       SELECT p.record, p.line, ${raw.newlines} AS nl, ${raw.newlines} + 1 - ${raw.blank} AS size
       FROM positions p JOIN ${input.byRecord} r ON r.record = p.record)
     SELECT s.record, s.line, s.nl, s.size, s.line - coalesce(k.i, 0) AS unblanked
     FROM sized s ASOF LEFT JOIN ${blankLines} k ON s.line > k.b`,
    [json(starts.map((r, i) => [Number(r.record), scan.lineAt[i]]))],
  );
  // Accepted records in order, first numbered as if no rejected record sat between them
  // (v), then moved down by the sizes of the rejected records before them.
  const first = 2 + header.newlines - header.blank;
  await db.run(
    `CREATE TEMP TABLE ${layout} AS
     WITH steps AS (
       SELECT unblanked - coalesce(sum(size) OVER (ORDER BY unblanked ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS w,
              sum(size) OVER (ORDER BY unblanked) AS moved
       FROM ${rejected}),
     step_totals AS (SELECT w, max(moved) AS moved FROM steps GROUP BY w),
     accepted AS (
       SELECT rowid - (SELECT min(rowid) FROM ${counts}) AS rid, nl, ${first} + coalesce(sum(nl + 1 - blank) OVER (ORDER BY rowid ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS v
       FROM ${counts}),
     placed AS (
       SELECT a.rid, a.nl, a.v, a.v + coalesce(t.moved, 0) AS unblanked
       FROM accepted a ASOF LEFT JOIN step_totals t ON a.v >= t.w)
     SELECT p.rid, p.nl, p.v, p.unblanked + coalesce(k.i, 0) AS line
     FROM placed p ASOF LEFT JOIN ${blanks} k ON p.unblanked >= k.shifted`,
  );
  // Every rejected record must sit exactly between two accepted ones, and the last record
  // must end on the file's last line.
  const check = await db.one<{ last: number; misplaced: number }>(
    `WITH steps AS (
       SELECT unblanked - coalesce(sum(size) OVER (ORDER BY unblanked ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS w
       FROM ${rejected}),
     ends AS (SELECT ${first} + coalesce((SELECT sum(nl + 1 - blank) FROM ${counts}), 0) AS v)
     SELECT greatest((SELECT max(line + nl) FROM ${layout}), (SELECT max(line + nl) FROM ${rejected})) AS last,
            (SELECT count(*) FROM steps WHERE w NOT IN (SELECT v FROM ${layout} UNION ALL SELECT v FROM ends)) AS misplaced`,
  );
  if (Number(check!.last) !== input.contentLines || Number(check!.misplaced) !== 0) return null;

  const accepted = `ingest_record_lines_${tag}`;
  await db.run(`CREATE TEMP TABLE ${accepted} AS SELECT rid, line FROM ${layout} WHERE rid IS NOT NULL`);
  return { accepted, rejected };
}

/** Newlines in `text`, and how many of the lines they start are blank (see newlineCounts). */
function newlineCountsInJs(text: string): { newlines: number; blank: number } {
  const normal = text.replaceAll('\r\n', '\n');
  const newlines = normal.match(/\n/g)?.length ?? 0;
  const runs = normal.match(/\n+/g)?.length ?? 0;
  return { newlines, blank: newlines - runs };
}
