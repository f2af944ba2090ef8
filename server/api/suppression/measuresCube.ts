/**
 * Suppression of mart_measures_monthly for aggregate-only roles. One pattern per condition
 * covers every month × cohort × payer × program cell, so a month hidden in one view is
 * hidden in every view, and the slices that add up (cohorts to all, payers to all,
 * programs and 'none' to all) are protected together rather than one request at a time.
 * Period totals are then decided against those months: a total that would reveal its
 * hidden months (one hidden month, or hidden months adding up to a small count) is hidden.
 */
import type { Database } from '../../engine/db.ts';
import { previousPeriod, type Period } from '../period.ts';
import type { Slice } from '../queries/measures.ts';
import { suppressCells, type Relation } from './engine.ts';

/** The columns protected: every count the measures read, plus the two differences a reader could take. */
export const cubeColumns = [
  'member_months', 'admissions', 'bed_days', 'ed_visits', 'ed_treat_release', 'ed_leading_to_admission',
  'index_stays', 'readmissions', 'index_not_readmitted',
] as const;
export type CubeColumn = (typeof cubeColumns)[number];
const K = cubeColumns.length;
const col = Object.fromEntries(cubeColumns.map((c, i) => [c, i])) as Record<CubeColumn, number>;
const cohorts = ['all', 'managed', 'unmanaged', 'other'] as const;
const C = cohorts.length;

/** Column relations inside one cell: ED visits split by outcome; index stays split by readmission. */
const columnRelations: [CubeColumn, CubeColumn[]][] = [
  ['ed_visits', ['ed_treat_release', 'ed_leading_to_admission']],
  ['index_stays', ['readmissions', 'index_not_readmitted']],
];

export interface MonthCube {
  months: string[];
  payers: string[];
  programs: string[];
  values: Float64Array;
  hidden: Uint8Array;
  /** Month × cohort × payer × program combinations present in the mart. */
  present: Uint8Array;
}

interface Dims {
  M: number;
  P: number;
  R: number;
}

const at = (d: Dims, m: number, c: number, p: number, r: number, k = 0) => ((((m * C + c) * d.P + p) * d.R + r) * K) + k;

/** Additive relations across cohorts, payers and programs (and columns) for one month (or total) block. */
function sliceRelations(d: Dims, base: (c: number, p: number, r: number, k: number) => number): Relation[] {
  const out: Relation[] = [];
  for (let k = 0; k < K; k++) {
    for (let p = 0; p < d.P; p++) for (let r = 0; r < d.R; r++) out.push({ total: base(0, p, r, k), parts: [1, 2, 3].map((c) => base(c, p, r, k)) });
    if (d.P > 1) for (let c = 0; c < C; c++) for (let r = 0; r < d.R; r++) out.push({ total: base(c, 0, r, k), parts: range(1, d.P).map((p) => base(c, p, r, k)) });
    if (d.R > 1) for (let c = 0; c < C; c++) for (let p = 0; p < d.P; p++) out.push({ total: base(c, p, 0, k), parts: range(1, d.R).map((r) => base(c, p, r, k)) });
  }
  for (let c = 0; c < C; c++) for (let p = 0; p < d.P; p++) for (let r = 0; r < d.R; r++) {
    for (const [total, parts] of columnRelations) out.push({ total: base(c, p, r, col[total]), parts: parts.map((x) => base(c, p, r, col[x])) });
  }
  return out;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

export type CubeRow = Record<string, number | string>;

/**
 * Reads one condition's rows and decides the month-level pattern; `latest` is the default
 * period, whose totals (and those of the equal periods before it) matter most.
 */
export async function buildMonthCube(db: Database, condition: string, threshold: number, latest?: Period): Promise<MonthCube> {
  const rows = await db.all<CubeRow>(
    `SELECT strftime(month, '%Y-%m') AS month, cohort, payer, program, ${cubeColumns
      .filter((c) => c !== 'index_not_readmitted')
      .map((c) => `${c}::DOUBLE AS ${c}`)
      .join(', ')}
       FROM mart_measures_monthly WHERE condition = $1`,
    [condition],
  );
  return monthCubeOf(rows, threshold, latest);
}

/**
 * The month-level pattern of mart rows (month YYYY-MM, cohort, payer, program, counts).
 * Besides the slice relations of each month, every window's months are related to the
 * window's total, so that a month hidden in a window is covered by hiding another month of
 * the same series (smallest first) rather than, later, the period total. The windows are
 * `latest` and the equal periods before it, back to the first month.
 */
export function monthCubeOf(rows: CubeRow[], threshold: number, latest?: Period): MonthCube {
  const months = [...new Set(rows.map((r) => String(r.month)))].sort();
  const windows: Period[] = [];
  for (let w = latest; w && months.length && w.to >= months[0]; w = previousPeriod(w)) windows.push(w);
  const payers = ['all', ...[...new Set(rows.map((r) => String(r.payer)))].filter((p) => p !== 'all').sort()];
  const programs = ['all', ...[...new Set(rows.map((r) => String(r.program)))].filter((p) => p !== 'all').sort()];
  const d: Dims = { M: months.length, P: payers.length, R: programs.length };
  const monthsSize = d.M * C * d.P * d.R * K;
  const blockSize = C * d.P * d.R * K;
  const windowMonths = windows
    .map((w) => months.map((m, i) => [m, i] as const).filter(([m]) => m >= w.from && m <= w.to).map(([, i]) => i))
    .filter((ms) => ms.length > 1);
  const values = new Float64Array(monthsSize + windowMonths.length * blockSize);
  const present = new Uint8Array(d.M * C * d.P * d.R);
  const mi = new Map(months.map((m, i) => [m, i]));
  const pi = new Map(payers.map((p, i) => [p, i]));
  const ri = new Map(programs.map((r, i) => [r, i]));
  for (const row of rows) {
    const c = cohorts.indexOf(row.cohort as (typeof cohorts)[number]);
    if (c < 0) continue;
    const base = at(d, mi.get(String(row.month))!, c, pi.get(String(row.payer))!, ri.get(String(row.program))!);
    present[base / K] = 1;
    for (const name of cubeColumns) {
      values[base + col[name]] = name === 'index_not_readmitted' ? Number(row.index_stays) - Number(row.readmissions) : Number(row[name]);
    }
  }
  const relations: Relation[] = [];
  for (let m = 0; m < d.M; m++) relations.push(...sliceRelations(d, (c, p, r, k) => at(d, m, c, p, r, k)));
  windowMonths.forEach((ms, w) => {
    const offset = monthsSize + w * blockSize;
    for (let i = 0; i < blockSize; i++) {
      for (const m of ms) values[offset + i] += values[m * blockSize + i];
      relations.push({ total: offset + i, parts: ms.map((m) => m * blockSize + i) });
    }
  });
  const { hidden } = suppressCells({ values, relations }, threshold);
  return { months, payers, programs, values: values.subarray(0, monthsSize), hidden: hidden.subarray(0, monthsSize), present };
}

export type CellValues = Record<CubeColumn, number | null>;

/** The cells of one slice (payer, program) for the months of a period: cohort → month → values (null = hidden); only cells present in the mart. */
export function monthCells(cube: MonthCube, period: Period, slice: Slice): { month: string; cohort: string; values: CellValues }[] {
  const d: Dims = { M: cube.months.length, P: cube.payers.length, R: cube.programs.length };
  const p = cube.payers.indexOf(slice.payer);
  const r = cube.programs.indexOf(slice.program);
  if (p < 0 || r < 0) return [];
  const out: { month: string; cohort: string; values: CellValues }[] = [];
  cube.months.forEach((month, m) => {
    if (month < period.from || month > period.to) return;
    for (let c = 0; c < C; c++) {
      const base = at(d, m, c, p, r);
      if (!cube.present[base / K]) continue;
      out.push({ month: `${month}-01`, cohort: cohorts[c], values: read(cube.values, cube.hidden, base) });
    }
  });
  return out;
}

function read(values: ArrayLike<number>, hidden: ArrayLike<number>, base: number): CellValues {
  return Object.fromEntries(cubeColumns.map((name, k) => [name, hidden[base + k] ? null : values[base + k]])) as CellValues;
}

/**
 * Period totals of one slice per cohort, hidden where they are small, where they would
 * reveal hidden months, or where the slices' and cohorts' totals would reveal each other.
 */
export function periodCells(cube: MonthCube, period: Period, slice: Slice, threshold: number): Record<string, CellValues> {
  const d: Dims = { M: cube.months.length, P: cube.payers.length, R: cube.programs.length };
  const inPeriod = cube.months.map((m, i) => [m, i] as const).filter(([m]) => m >= period.from && m <= period.to).map(([, i]) => i);
  const totalsSize = C * d.P * d.R * K;
  const monthSize = totalsSize;
  const values = new Float64Array(totalsSize + inPeriod.length * monthSize);
  const fixed = new Uint8Array(values.length);
  const hidden = new Uint8Array(values.length);
  const relations: Relation[] = [];
  const total = (c: number, p: number, r: number, k: number) => at(d, 0, c, p, r, k);
  inPeriod.forEach((m, j) => {
    const offset = totalsSize + j * monthSize;
    for (let i = 0; i < monthSize; i++) {
      values[offset + i] = cube.values[m * monthSize + i];
      hidden[offset + i] = cube.hidden[m * monthSize + i];
      fixed[offset + i] = 1;
      values[i] += cube.values[m * monthSize + i];
    }
  });
  for (let i = 0; i < totalsSize; i++) relations.push({ total: i, parts: inPeriod.map((_, j) => totalsSize + j * monthSize + i) });
  relations.push(...sliceRelations(d, total));
  const result = suppressCells({ values, relations, fixed, hidden }, threshold);
  const p = cube.payers.indexOf(slice.payer);
  const r = cube.programs.indexOf(slice.program);
  const out: Record<string, CellValues> = {};
  for (let c = 0; c < C; c++) {
    out[cohorts[c]] = p < 0 || r < 0 ? zeroCells() : read(values, result.hidden, total(c, p, r, 0));
  }
  return out;
}

function zeroCells(): CellValues {
  return Object.fromEntries(cubeColumns.map((c) => [c, 0])) as CellValues;
}
