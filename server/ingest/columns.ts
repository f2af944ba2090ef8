/**
 * Matches a file's header to a canonical table by name, case-insensitively, never by
 * position (DESIGN.md "Columns are matched by header name"). Aliases are older Tuva names;
 * columns that match nothing are kept in `_extra`.
 */
import type { ColumnSpec, TableSpec } from '../engine/contract.ts';
import { InputError } from '../errors.ts';

/** A source column: its header name and the identifier ingest's SQL reads it by (`c0`, `c1`, …). */
export interface SourceColumn {
  header: string;
  ident: string;
}

/** A source column feeding a canonical column, and values that reading from it implies. */
export interface ColumnSource extends SourceColumn {
  /** e.g. reading drg_code from ms_drg_code implies drg_code_type 'ms-drg' when that is blank. */
  implies?: Record<string, string>;
}

export interface ColumnMapping {
  /** Canonical column name → the source columns feeding it, first non-blank wins. */
  sources: Map<string, ColumnSource[]>;
  /** Source columns kept as JSON in `_extra`. */
  extras: SourceColumn[];
}

/** Legacy Tuva DRG columns name the grouper; it fills drg_code_type when that is blank. */
const ALIAS_IMPLIES: Record<string, Record<string, string>> = {
  ms_drg_code: { drg_code_type: 'ms-drg' },
  apr_drg_code: { drg_code_type: 'apr-drg' },
};

/**
 * Maps header names to the table's columns; throws InputError for an unnamed or repeated
 * header column and for missing required columns (suggesting a wrong delimiter when the
 * whole header parsed as one column).
 */
export function mapHeader(spec: TableSpec, file: string, headers: string[]): ColumnMapping {
  const columns = headers.map((header, i) => ({ header: header.trim(), ident: `c${i}` }));
  checkNames(file, columns);
  const byName = new Map(columns.map((c) => [c.header.toLowerCase(), c]));
  const used = new Set<string>();
  const sources = new Map<string, ColumnSource[]>();

  for (const column of spec.columns) {
    const exact = byName.get(column.name);
    const aliases = (column.aliases ?? [])
      .map((alias) => byName.get(alias))
      .filter((c): c is SourceColumn => c !== undefined)
      .map((c) => ({ ...c, implies: ALIAS_IMPLIES[c.header.toLowerCase()] }));
    const feeding: ColumnSource[] = exact ? [exact] : aliases;
    if (feeding.length === 0) continue;
    sources.set(column.name, feeding);
    used.add(feeding[0].ident);
  }

  const missing = spec.columns.filter((c) => c.requiredColumn && !sources.has(c.name));
  if (missing.length > 0) throw missingColumns(spec, file, missing, columns);
  return { sources, extras: columns.filter((c) => !used.has(c.ident)) };
}

function checkNames(file: string, columns: SourceColumn[]): void {
  const seen = new Map<string, number>();
  columns.forEach((column, i) => {
    if (column.header === '') {
      throw new InputError(`${file}: line 1, column ${i + 1} of the header has no name.`);
    }
    const key = column.header.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) {
      throw new InputError(
        `${file}: line 1, column ${column.header} appears twice in the header (columns ${first + 1} and ${i + 1}).`,
      );
    }
    seen.set(key, i);
  });
}

function missingColumns(spec: TableSpec, file: string, missing: ColumnSpec[], columns: SourceColumn[]): InputError {
  const names = missing.map((c) => c.name + (c.aliases?.length ? ` (or ${c.aliases.join(', ')})` : ''));
  let message = `${file}: missing required column${missing.length > 1 ? 's' : ''} ${names.join(', ')} for ${spec.name}.`;
  if (columns.length === 1) {
    const shown = columns[0].header.length > 60 ? `${columns[0].header.slice(0, 60)}…` : columns[0].header;
    message +=
      ` The header parsed as a single column ("${shown}"), so the delimiter looks wrong:` +
      ' files must be comma-separated with double-quoted fields.';
  }
  return new InputError(message);
}
