/** `caseload evaluate`: prints the program evaluation of a built database (JSON only on stdout with --format json). */
import { existsSync } from 'node:fs';
import { Database } from '../engine/db.ts';
import { InputError, UsageError } from '../errors.ts';
import { evaluateProgram } from './evaluate.ts';
import { formatEvaluationTable } from './format.ts';
import { DEFAULT_COST_PER_FTE, type ProgramCost } from './settings.ts';

export interface EvaluateOptions {
  db: string;
  format: 'json' | 'table';
  from?: string;
  to?: string;
  fte?: number;
  costPerFte?: number;
  pmpm?: number;
  seed?: number;
}

/** Program cost from the CLI options: a PMPM fee, or FTEs × cost per FTE (defaults in settings.ts). */
export function programCostFrom(opts: Pick<EvaluateOptions, 'fte' | 'costPerFte' | 'pmpm'>): ProgramCost {
  if (opts.pmpm !== undefined) {
    if (opts.fte !== undefined || opts.costPerFte !== undefined) throw new UsageError('use either --pmpm or --fte/--cost-per-fte, not both');
    return { kind: 'pmpm', pmpm: opts.pmpm };
  }
  return { kind: 'fte', fte: opts.fte, costPerFte: opts.costPerFte ?? DEFAULT_COST_PER_FTE };
}

export async function runEvaluate(opts: EvaluateOptions): Promise<void> {
  const cost = programCostFrom(opts);
  if (!existsSync(opts.db)) throw new InputError(`${opts.db}: no such database file`);
  const db = await Database.open(opts.db, { access_mode: 'READ_ONLY' });
  try {
    const evaluation = await evaluateProgram(db, { from: opts.from, to: opts.to, seed: opts.seed, cost });
    process.stdout.write(opts.format === 'json' ? `${JSON.stringify(evaluation, null, 2)}\n` : formatEvaluationTable(evaluation));
  } finally {
    db.close();
  }
}
