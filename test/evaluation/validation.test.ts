/**
 * Validation of the program evaluation against the generator's known truth
 * (GENERATOR.md "Case-management program and the known truth"): on populations generated
 * with a true relative change in admission hazards, the matched difference-in-differences
 * interval covers the truth in most seeds, while the naive comparisons (managed vs
 * unmanaged; enrolled before vs after) are far off; with no effect, the interval covers 0
 * in most seeds. Data are generated, ingested and built once per (seed, effect) and shared
 * by the tests of this file.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/engine/db.ts';
import { evaluateProgram, type Evaluation } from '../../server/evaluation/evaluate.ts';
import type { Interval3 } from '../../server/evaluation/savings.ts';
import { generatePopulation } from '../../server/generate/index.ts';
import { ingestDirectory } from '../../server/ingest/index.ts';
import { buildDatabase } from '../../server/pipeline/build.ts';

const MEMBERS = 9000;
const EFFECT = -0.15;
const EFFECT_SEEDS = [1, 2, 3, 4];
const NULL_SEEDS = [1, 2, 3];

interface Run {
  seed: number;
  effect: number;
  truth: number;
  evaluation: Evaluation;
  seconds: number;
}

let root: string;
const runs: Run[] = [];

async function prepare(seed: number, effect: number): Promise<Run> {
  const started = performance.now();
  const dir = join(root, `s${seed}_e${effect}`);
  await generatePopulation({ out: join(dir, 'data'), members: MEMBERS, seed, effect, start: '2022-01-01', months: 36, format: 'csv', mess: true });
  const truth = JSON.parse(readFileSync(join(dir, 'data', 'truth.json'), 'utf8')).truth.admission_relative_change as number;
  const db = await Database.open(join(dir, 'caseload.duckdb'));
  try {
    await ingestDirectory(db, { dir: join(dir, 'data') });
    await buildDatabase(db, {});
    const evaluation = await evaluateProgram(db, { seed, replicates: 500 });
    return { seed, effect, truth, evaluation, seconds: (performance.now() - started) / 1000 };
  } finally {
    db.close();
  }
}

const interval = (run: Run) => run.evaluation.admissions.did.relative_change as Interval3;
const covers = (ci: Interval3, value: number) => ci.ci_low <= value && value <= ci.ci_high;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'caseload-validation-'));
  for (const seed of EFFECT_SEEDS) runs.push(await prepare(seed, EFFECT));
  for (const seed of NULL_SEEDS) runs.push(await prepare(seed, 0));
  for (const r of runs) {
    const ci = interval(r);
    const n = r.evaluation.admissions.naive;
    console.log(
      `seed ${r.seed} effect ${r.effect}: enrolled ${r.evaluation.matching.treated}, matched ${r.evaluation.matching.matched}, ` +
        `max |SMD| ${r.evaluation.matching.max_abs_smd_after?.toFixed(3)}; admissions relative change ${ci.estimate.toFixed(3)} ` +
        `(${ci.ci_low.toFixed(3)} to ${ci.ci_high.toFixed(3)}) vs truth ${r.truth}; naive managed/unmanaged ${(n.managed_vs_unmanaged_relative as number).toFixed(3)}, ` +
        `before/after ${(n.before_after_relative as number).toFixed(3)}; ${r.seconds.toFixed(1)} s`,
    );
  }
}, 600_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('program evaluation against the generator truth', () => {
  it('has a few hundred enrolled members per population', () => {
    for (const r of runs) {
      expect(r.evaluation.matching.treated).toBeGreaterThanOrEqual(150);
      expect(r.evaluation.matching.matched).toBeGreaterThanOrEqual(100);
      expect(r.evaluation.matching.max_abs_smd_after).toBeLessThan(0.25);
    }
  });

  it('covers the true relative change in admissions in most seeds', () => {
    const effectRuns = runs.filter((r) => r.effect === EFFECT);
    expect(effectRuns.every((r) => r.truth === EFFECT)).toBe(true);
    const covered = effectRuns.filter((r) => covers(interval(r), r.truth)).length;
    expect(covered).toBeGreaterThanOrEqual(effectRuns.length - 1);
  });

  it('shows the naive comparisons to be clearly biased', () => {
    for (const r of runs.filter((x) => x.effect === EFFECT)) {
      const naive = r.evaluation.admissions.naive;
      const ci = interval(r);
      // Managed members are the sick ones: their rate is far above the unmanaged rate, whatever the effect.
      expect(naive.managed_vs_unmanaged_relative as number).toBeGreaterThan(r.truth + 0.5);
      expect(naive.managed_vs_unmanaged_relative as number).toBeGreaterThan(ci.ci_high);
      // Enrolled right after a spell of admissions, they fall back afterwards anyway.
      expect(naive.before_after_relative as number).toBeLessThan(r.truth - 0.2);
    }
  });

  it('covers 0 in most seeds when the program has no effect', () => {
    const nullRuns = runs.filter((r) => r.effect === 0);
    const covered = nullRuns.filter((r) => covers(interval(r), 0)).length;
    expect(covered).toBeGreaterThanOrEqual(nullRuns.length - 1);
    // The naive before/after comparison still "finds" a large reduction with no effect at all.
    for (const r of nullRuns) expect(r.evaluation.admissions.naive.before_after_relative as number).toBeLessThan(-0.2);
  });
});
