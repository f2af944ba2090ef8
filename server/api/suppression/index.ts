/**
 * The one place aggregate routes read their numbers from. Without suppression it is the
 * plain mart reads; for aggregate-only roles (res.locals.suppression set by the role check)
 * it returns the same shapes with hidden cells as null, decided by the cubes in this
 * folder. Everything downstream (rates, intervals, charts, tables, CSV) only ever sees
 * the suppressed values.
 */
import type { Response } from 'express';
import type { Database } from '../../engine/db.ts';
import { emptySums, sumColumns, type MaybeSums } from '../measures.ts';
import { readBuildInfo, resolvePeriod, type Period } from '../period.ts';
import { monthlySums, periodSums, type Slice } from '../queries/measures.ts';
import { buildMonthCube, monthCells, periodCells, type CellValues, type MonthCube } from './measuresCube.ts';
import { prePostCells, type PrePostCells } from './prePostCube.ts';
import { perGeneration } from '../generation.ts';

export interface SuppressionPolicy {
  /** Counts from 1 to threshold−1 are hidden. */
  threshold: number;
}

/** The request's suppression policy, or null when the caller may see every count. */
export function suppressionOf(res: Response): SuppressionPolicy | null {
  return (res.locals.suppression as SuppressionPolicy | undefined) ?? null;
}

export type MonthRow = MaybeSums & { month: string; cohort: string; members: number | null };

/** Cubes per database file (shared by its connections), dropped when a rebuild commits. */
const cubesOf = perGeneration(() => new Map<string, Promise<MonthCube>>());

async function monthCube(db: Database, condition: string, threshold: number): Promise<MonthCube> {
  const info = await readBuildInfo(db);
  const key = `${condition}|${threshold}|${info.built_at}|${info.data_through}`;
  const cache = cubesOf(db);
  let cube = cache.get(key);
  if (!cube) {
    if (cache.size >= 16) cache.clear();
    cube = buildMonthCube(db, condition, threshold, resolvePeriod({}, info));
    cache.set(key, cube);
    cube.catch(() => cache.delete(key));
  }
  return cube;
}

function toSums(cells: CellValues): MaybeSums {
  const sums = emptySums() as MaybeSums;
  for (const c of sumColumns) sums[c] = c in cells ? cells[c as keyof CellValues] : null;
  return sums;
}

/** Measure numerators and denominators for a slice, suppressed per `policy`. */
export class MeasureReader {
  constructor(
    private readonly db: Database,
    readonly policy: SuppressionPolicy | null,
  ) {}

  /** One row per (month, cohort) of the period; hidden cells null. */
  async monthly(period: Period, slice: Slice): Promise<MonthRow[]> {
    if (!this.policy) return monthlySums(this.db, period, slice);
    const cube = await monthCube(this.db, slice.condition, this.policy.threshold);
    return monthCells(cube, period, slice).map((cell) => ({ month: cell.month, cohort: cell.cohort, members: null, ...toSums(cell.values) }));
  }

  /** Sums per cohort over the period; hidden cells null. */
  async period(period: Period, slice: Slice): Promise<Record<string, MaybeSums>> {
    if (!this.policy) return periodSums(this.db, period, slice);
    const cube = await monthCube(this.db, slice.condition, this.policy.threshold);
    const cells = periodCells(cube, period, slice, this.policy.threshold);
    return Object.fromEntries(Object.entries(cells).map(([cohort, values]) => [cohort, toSums(values)]));
  }

  /** Before/after enrolment rows of a program (or all), by relative month; hidden cells null. */
  prePost(program: string): Promise<PrePostCells[]> {
    return prePostCells(this.db, program, this.policy?.threshold ?? null);
  }
}

/** The reader for a request. */
export function measureReader(db: Database, res: Response): MeasureReader {
  return new MeasureReader(db, suppressionOf(res));
}
