/**
 * Suppression of mart_program_pre_post for aggregate-only roles: every relative month ×
 * program cell, with 'all programs' as their sum, decided together so one program's
 * hidden month cannot be read off the all-programs view. Paid dollars are hidden with the
 * members they belong to; members equal member months in this mart and are hidden together.
 */
import type { Database } from '../../engine/db.ts';
import { suppressCells, type Relation } from './engine.ts';

export const prePostColumns = ['members', 'member_months', 'admissions', 'ed_visits', 'bed_days', 'paid_amount'] as const;
export type PrePostColumn = (typeof prePostColumns)[number];
const K = prePostColumns.length;
const col = Object.fromEntries(prePostColumns.map((c, i) => [c, i])) as Record<PrePostColumn, number>;

export type PrePostCells = { relative_month: number } & Record<PrePostColumn, number | null>;

/** Rows of `program` (or 'all', the sum over programs) by relative month; hidden cells null when `threshold` is given. */
export async function prePostCells(db: Database, program: string, threshold: number | null): Promise<PrePostCells[]> {
  const rows = await db.all<Record<string, number | string>>(
    `SELECT program, relative_month::INTEGER AS relative_month, ${prePostColumns.map((c) => `sum(${c})::DOUBLE AS ${c}`).join(', ')}
       FROM mart_program_pre_post GROUP BY 1, 2`,
  );
  const months = [...new Set(rows.map((r) => Number(r.relative_month)))].sort((a, b) => a - b);
  const programs = ['all', ...[...new Set(rows.map((r) => String(r.program)))].sort()];
  const R = programs.length;
  const at = (m: number, r: number, k = 0) => (m * R + r) * K + k;
  const values = new Float64Array(months.length * R * K);
  const present = new Uint8Array(months.length * R);
  const mi = new Map(months.map((m, i) => [m, i]));
  for (const row of rows) {
    const m = mi.get(Number(row.relative_month))!;
    const r = programs.indexOf(String(row.program));
    present[m * R + r] = 1;
    present[m * R] = 1;
    for (const name of prePostColumns) {
      values[at(m, r, col[name])] = Number(row[name]);
      values[at(m, 0, col[name])] += Number(row[name]);
    }
  }
  const relations: Relation[] = [];
  const links: [number, number][] = [];
  for (let m = 0; m < months.length; m++) {
    for (let k = 0; k < K; k++) relations.push({ total: at(m, 0, k), parts: programs.slice(1).map((_, i) => at(m, i + 1, k)) });
    for (let r = 0; r < R; r++) {
      relations.push({ total: at(m, r, col.member_months), parts: [at(m, r, col.members)] });
      links.push([at(m, r, col.members), at(m, r, col.paid_amount)], [at(m, r, col.member_months), at(m, r, col.paid_amount)]);
    }
  }
  const hidden = threshold == null
    ? new Uint8Array(values.length)
    : suppressCells({ values, relations, links, isCount: (i) => i % K !== col.paid_amount }, threshold).hidden;
  const r = programs.indexOf(program);
  if (r < 0) return [];
  return months.flatMap((month, m) =>
    present[m * R + r]
      ? [{ relative_month: month, ...(Object.fromEntries(prePostColumns.map((c) => [c, hidden[at(m, r, col[c])] ? null : values[at(m, r, col[c])]])) as Record<PrePostColumn, number | null>) }]
      : [],
  );
}
