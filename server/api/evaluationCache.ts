/**
 * In-memory cache of program evaluations per database and period (an evaluation takes
 * seconds). Matching, the bootstrap and the naive and risk-adjusted rates do not depend on
 * the program cost, so one evaluation per period is kept and re-priced for each cost
 * (recost.ts). The key includes build_info.built_at (read in the request's snapshot) so a
 * rebuilt database is evaluated anew, and the whole cache is dropped at each build generation.
 * Shared by every connection to the database.
 */
import type { Database } from '../engine/db.ts';
import { evaluateProgram, type Evaluation } from '../evaluation/evaluate.ts';
import { recostEvaluation } from '../evaluation/recost.ts';
import type { ProgramCost } from '../evaluation/settings.ts';
import { perGeneration } from './generation.ts';

/** Periods kept per database (least recently used dropped first). */
export const EVALUATION_CACHE_SIZE = 16;

const cacheOf = perGeneration(() => new Map<string, Promise<Evaluation>>());

/** The evaluation of `[from, to]` (YYYY-MM-DD; default the engine's period) priced with `cost`. */
export async function cachedEvaluation(db: Database, period: { from?: string; to?: string }, cost: ProgramCost): Promise<Evaluation> {
  const built = await db.one<{ built_at: string | null }>(`SELECT CAST(built_at AS VARCHAR) AS built_at FROM build_info LIMIT 1`).catch(() => undefined);
  const key = JSON.stringify([built?.built_at ?? null, period.from ?? null, period.to ?? null]);
  const cache = cacheOf(db);
  let pending = cache.get(key);
  if (pending) cache.delete(key);
  else {
    pending = evaluateProgram(db, { from: period.from, to: period.to });
    pending.catch(() => cache.delete(key));
  }
  cache.set(key, pending);
  while (cache.size > EVALUATION_CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return recostEvaluation(await pending, cost);
}
