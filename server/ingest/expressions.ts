/**
 * SQL that turns a source relation (VARCHAR columns c0, c1, …) into a table's canonical,
 * typed columns in one set-based pass (DESIGN.md "Ingest rules"):
 *   - trim everywhere, empty → NULL; codes normalised per the contract's `normalize`;
 *   - `_problems`: why the row cannot be used (missing key or person id, unparseable or
 *     impossible required date, end before start, non-integer claim line) → a reject;
 *   - `_warnings`: optional values that do not parse, loaded as NULL and flagged.
 * Identifiers and literals come from the contract; header names travel as bound parameters.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import type { ColumnSpec, Normalize, TableSpec } from '../engine/contract.ts';
import type { ColumnMapping } from './columns.ts';

const DATE_SHAPE = String.raw`[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[0-9]{8}|[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}`;

const text = (name: string) => `t_${name}`;
const parsed = (name: string) => `p_${name}`;
const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;

/**
 * Trimmed text of a source column, blank → NULL. The guard (leading byte at or below a
 * space, trailing space or tab) skips trim() for the usual clean value, which keeps a
 * million-row extract fast; empty fields are already NULL from read_csv. A trailing
 * newline inside a quoted field is not trimmed unless the value also starts with blank.
 */
function trimmed(ident: string): string {
  const v = `CAST(${ident} AS VARCHAR)`;
  return `CASE WHEN ${v} < '!' OR ${v} LIKE '% ' OR ${v} LIKE E'%\\t' THEN nullif(trim(${v}, E' \\t\\r\\n'), '') ELSE ${v} END`;
}

/** Trimmed text of the source columns feeding a canonical column; first non-blank wins. */
function sourceText(idents: string[]): string {
  const texts = idents.map(trimmed);
  return texts.length === 1 ? texts[0] : `coalesce(${texts.join(', ')})`;
}

function normalized(rule: Normalize | undefined, t: string): string {
  switch (rule) {
    case 'icd':
      return `nullif(upper(replace(replace(${t}, '.', ''), ' ', '')), '')`;
    case 'revenue':
      return `CASE WHEN length(${t}) < 4 THEN lpad(${t}, 4, '0') ELSE ${t} END`;
    case 'bill_type':
      return `CASE WHEN length(${t}) = 4 AND ${t}[1] = '0' THEN ${t}[2:] ELSE ${t} END`;
    case 'two_char':
      return `CASE WHEN length(${t}) = 1 THEN '0' || ${t} ELSE ${t} END`;
    case 'lower':
      return `lower(${t})`;
    default:
      return t;
  }
}

/**
 * First branch of a CASE over a value that is often NULL (most of the 25 diagnosis and
 * procedure codes, admission dates): a NULL matches no WHEN, so without it DuckDB evaluates
 * every other condition and the ELSE for it. Halves the cost of the ICD columns.
 */
const WHEN_NULL = (t: string) => `WHEN ${t} IS NULL THEN NULL`;

/** Whether a column's text is already its normalised value: an ICD code read from one source column. */
const normalizedEarly = (column: ColumnSpec, idents: string[] | undefined) => column.normalize === 'icd' && idents?.length === 1;

/**
 * Text of a canonical column. A single-source ICD column is normalised here: a value of only
 * A-Z and 0-9 is already normal (no blank to trim, nothing to upper-case or remove), which is
 * nearly every code, so only the rest pay for trim, upper and replace.
 */
function columnText(column: ColumnSpec, idents: string[]): string {
  if (!normalizedEarly(column, idents)) return sourceText(idents);
  const value = `CAST(${idents[0]} AS VARCHAR)`;
  return `CASE ${WHEN_NULL(value)} WHEN regexp_full_match(${value}, '[A-Z0-9]+') THEN ${value} ELSE ${normalized('icd', trimmed(idents[0]))} END`;
}

/**
 * Accepts YYYY-MM-DD (also with 1-digit month/day), YYYYMMDD and MM/DD/YYYY; impossible dates
 * give NULL. The first branch (10 characters, dashes at 5 and 8, a digit first) is the
 * usual ISO date, tested with one LIKE and a range instead of substrings.
 */
function parseDate(t: string): string {
  return `CASE
      ${WHEN_NULL(t)}
      WHEN ${t} LIKE '____-__-__' AND ${t} >= '0' AND ${t} < ':' THEN try_cast(${t} AS DATE)
      WHEN regexp_full_match(${t}, '[0-9]{8}') THEN CAST(try_strptime(${t}, '%Y%m%d') AS DATE)
      WHEN regexp_full_match(${t}, '[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}') THEN CAST(try_strptime(${t}, '%m/%d/%Y') AS DATE)
      WHEN regexp_full_match(${t}, '[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}') THEN CAST(try_strptime(${t}, '%Y-%m-%d') AS DATE)
    END`;
}

function parseValue(column: ColumnSpec, t: string): string {
  switch (column.type) {
    case 'date':
      return parseDate(t);
    case 'integer':
      return `CASE ${WHEN_NULL(t)} WHEN regexp_full_match(${t}, '[+-]?[0-9]+(\\.0*)?') THEN try_cast(${t} AS INTEGER) END`;
    case 'double':
      return `CASE ${WHEN_NULL(t)} WHEN isfinite(try_cast(${t} AS DOUBLE)) THEN try_cast(${t} AS DOUBLE) END`;
    default:
      return normalized(column.normalize, t);
  }
}

/** One check: when `when` holds, the row gets this struct in _problems or _warnings. */
interface Issue {
  when: string;
  struct: string;
}

/** `rule` and `reason` are SQL expressions; column names come from the contract. */
function issue(when: string, column: string, value: string, rule: string, reason: string): Issue {
  return { when, struct: `{'column_name': ${literal(column)}, 'value': ${value}, 'rule': ${rule}, 'reason': ${reason}}` };
}

function unparsedReason(column: ColumnSpec, t: string): string {
  if (column.type === 'date') {
    return `CASE WHEN regexp_full_match(${t}, '${DATE_SHAPE}') THEN 'impossible date' ELSE 'unparseable date (expected YYYY-MM-DD, YYYYMMDD or MM/DD/YYYY)' END`;
  }
  return column.type === 'integer' ? `'not a whole number'` : `'not a number'`;
}

function unparsedRule(column: ColumnSpec, t: string): string {
  if (column.type === 'date') {
    return `CASE WHEN regexp_full_match(${t}, '${DATE_SHAPE}') THEN 'impossible_date' ELSE 'unparseable_date' END`;
  }
  return column.type === 'integer' ? `'not_integer'` : `'not_number'`;
}

function problems(spec: TableSpec, present: Set<string>): Issue[] {
  const list: Issue[] = [];
  for (const column of spec.columns) {
    if (!present.has(column.name) || !column.requiredValue) continue;
    const t = text(column.name);
    list.push(issue(`${t} IS NULL`, column.name, 'NULL', `'missing_value'`, `'missing required value'`));
    if (column.type !== 'varchar') {
      const bad = `${t} IS NOT NULL AND ${parsed(column.name)} IS NULL`;
      list.push(issue(bad, column.name, t, unparsedRule(column, t), unparsedReason(column, t)));
    }
  }
  for (const [start, end] of spec.dateOrder) {
    if (!present.has(start) || !present.has(end)) continue;
    const reason = `${literal(`${end} is before ${start} `)} || ${text(start)}`;
    list.push(issue(`${parsed(end)} < ${parsed(start)}`, end, text(end), `'date_order'`, reason));
  }
  return list;
}

function warnings(spec: TableSpec, present: Set<string>): Issue[] {
  return spec.columns
    .filter((c) => present.has(c.name) && !c.requiredValue && c.type !== 'varchar')
    .map((c) => {
      const t = text(c.name);
      const bad = `${t} IS NOT NULL AND ${parsed(c.name)} IS NULL`;
      return issue(bad, c.name, t, unparsedRule(c, t), `${unparsedReason(c, t)} || '; loaded as NULL'`);
    });
}

/**
 * The row's issues as a list, or NULL when it has none. The cheap OR of the conditions runs
 * on every row; the list is only built for the few rows that need it.
 */
function issueList(items: Issue[]): string {
  if (items.length === 0) return 'CAST(NULL AS STRUCT(column_name VARCHAR, value VARCHAR, rule VARCHAR, reason VARCHAR)[])';
  const any = items.map((i) => `(${i.when})`).join(' OR ');
  const each = items.map((i) => `CASE WHEN ${i.when} THEN ${i.struct} END`).join(',\n      ');
  return `CASE WHEN ${any} THEN list_filter([${each}], x -> x IS NOT NULL) END`;
}

export interface StageSelect {
  /** SELECT … FROM <relation>; the relation is spliced in by the caller as `{relation}`. */
  sql: string;
  params: DuckDBValue[];
}

/**
 * Builds the one-pass SELECT producing canonical typed columns plus `_extra`, `_problems`
 * and `_warnings` (NULL when the row has none) from `relation` (whose columns are c0, c1,
 * …). Parameters are numbered from `firstParam`.
 */
export function stageSelect(spec: TableSpec, mapping: ColumnMapping, relation: string, firstParam: number): StageSelect {
  const present = new Set(mapping.sources.keys());
  const params: DuckDBValue[] = [];

  const texts = spec.columns
    .filter((c) => present.has(c.name))
    .map((c) => `${columnText(c, mapping.sources.get(c.name)!.map((s) => s.ident))} AS ${text(c.name)}`);
  const implied = impliedValues(mapping);
  // JSON object of the non-blank extra values, built by concatenation (several times faster
  // than map/struct builders at a million rows); to_json escapes keys and values.
  const extraEntries = mapping.extras.map((extra) => {
    params.push(`${JSON.stringify(extra.header)}:`);
    const value = `x_${extra.ident}`;
    return `CASE WHEN ${value} IS NOT NULL THEN CAST($${firstParam + params.length - 1} AS VARCHAR) || CAST(to_json(${value}) AS VARCHAR) END`;
  });
  const extraTexts = mapping.extras.map((extra) => `${trimmed(extra.ident)} AS x_${extra.ident}`);
  const extra =
    extraEntries.length === 0
      ? 'CAST(NULL AS VARCHAR)'
      : `nullif('{' || concat_ws(',', ${extraEntries.join(', ')}) || '}', '{}')`;

  const parsedCols = spec.columns
    .filter((c) => present.has(c.name) && c.type !== 'varchar')
    .map((c) => `${parseValue(c, text(c.name))} AS ${parsed(c.name)}`);

  const finalCols = spec.columns.map((c) => {
    if (!present.has(c.name) && !implied.has(c.name)) return c.name === 'data_source' ? `'' AS data_source` : `NULL AS ${c.name}`;
    const early = normalizedEarly(c, mapping.sources.get(c.name)?.map((s) => s.ident));
    let value = c.type !== 'varchar' ? parsed(c.name) : early ? text(c.name) : normalized(c.normalize, present.has(c.name) ? text(c.name) : 'NULL');
    const fallback = implied.get(c.name);
    if (fallback) value = `coalesce(${value}, ${fallback})`;
    if (c.name === 'data_source') value = `coalesce(${value}, '')`;
    return `${value} AS ${c.name}`;
  });

  const sql = `SELECT ${finalCols.join(',\n  ')},
  ${extra} AS _extra,
  ${issueList(problems(spec, present))} AS _problems,
  ${issueList(warnings(spec, present))} AS _warnings
FROM (
  SELECT *, ${parsedCols.length ? parsedCols.join(',\n    ') : 'NULL AS _no_parsed'}
  FROM (
    SELECT ${[...texts, ...impliedSources(mapping), ...extraTexts].join(',\n      ')}
    FROM ${relation}
  )
)`;
  return { sql, params };
}

/** For aliases that imply a value (ms_drg_code → drg_code_type 'ms-drg'): a CASE on which alias held the value. */
function impliedValues(mapping: ColumnMapping): Map<string, string> {
  const byTarget = new Map<string, string[]>();
  for (const source of [...mapping.sources.values()].flat()) {
    for (const [target, value] of Object.entries(source.implies ?? {})) {
      const branches = byTarget.get(target) ?? [];
      branches.push(`WHEN i_${source.ident} IS NOT NULL THEN ${literal(value)}`);
      byTarget.set(target, branches);
    }
  }
  return new Map([...byTarget].map(([target, branches]) => [target, `CASE ${branches.join(' ')} END`]));
}

function impliedSources(mapping: ColumnMapping): string[] {
  const idents = [...mapping.sources.values()].flat().filter((s) => s.implies).map((s) => s.ident);
  return idents.map((ident) => `${sourceText([ident])} AS i_${ident}`);
}
