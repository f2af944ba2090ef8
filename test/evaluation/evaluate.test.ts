/**
 * The evaluation's mechanics on a small mart-level simulation (martSim.ts): output shape,
 * bookkeeping of dropped members, balance, reproducibility, naive biases, risk adjustment
 * identities, savings arithmetic and control charts. The method's accuracy against the
 * generator's known truth is in validation.test.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../server/engine/db.ts';
import { controlCharts } from '../../server/evaluation/control-charts.ts';
import { evaluateProgram, type Evaluation } from '../../server/evaluation/evaluate.ts';
import type { Interval3 } from '../../server/evaluation/savings.ts';
import { uChart } from '../../server/stats/control-chart.ts';
import { simulateMarts } from './martSim.ts';

let dir: string;
let db: Database;
let evaluation: Evaluation;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'caseload-eval-'));
  db = await Database.open(join(dir, 'sim.duckdb'));
  await simulateMarts(db, { persons: 5000, seed: 11, effect: -0.2 });
  evaluation = await evaluateProgram(db, { seed: 5, replicates: 200, cost: { kind: 'pmpm', pmpm: 40 } });
}, 120_000);

afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('evaluateProgram on simulated marts', () => {
  it('has the documented shape', () => {
    for (const key of ['admissions', 'ed_visits', 'readmissions'] as const) {
      const m = evaluation[key];
      expect(m.naive).toHaveProperty('managed_per_1000');
      expect(m.naive).toHaveProperty('unmanaged_per_1000');
      for (const k of ['per_1000', 'relative_change'] as const) {
        expect(m.did[k]).toMatchObject({ estimate: expect.any(Number), ci_low: expect.any(Number), ci_high: expect.any(Number) });
      }
    }
    expect(evaluation.paid_pmpm.did.pmpm).toMatchObject({ estimate: expect.any(Number) });
    expect(evaluation.matching).toMatchObject({ treated: expect.any(Number), matched: expect.any(Number), dropped: expect.any(Number), max_abs_smd_after: expect.any(Number) });
    expect(evaluation.balance.length).toBeGreaterThan(10);
    expect(evaluation.risk_adjustment.cohorts.managed.admissions.oe).not.toBeNull();
    expect(evaluation.savings.assumptions.length).toBeGreaterThan(3);
    expect(() => JSON.stringify(evaluation)).not.toThrow();
  });

  it('accounts for every enrolled member: matched + dropped, dropped by reason', () => {
    const m = evaluation.matching;
    const reasons = Object.values(m.dropped_reasons).reduce((a, b) => a + (b ?? 0), 0);
    expect(m.matched + m.dropped).toBe(m.treated);
    expect(reasons).toBe(m.dropped);
    // The sim enrols over all 36 months, so enrolees of the first year lack a baseline.
    expect(m.dropped_reasons.baseline_under_12_months).toBeGreaterThan(0);
    expect(m.mean_follow_up_months).toBeGreaterThan(6);
    expect(m.mean_follow_up_months).toBeLessThanOrEqual(12);
    expect(m.matched).toBeGreaterThan(100);
  });

  it('balances the baseline covariates it matched on', () => {
    const before = Math.max(...evaluation.balance.map((b) => Math.abs(b.smd_before ?? 0)));
    expect(before).toBeGreaterThan(0.5);
    expect(evaluation.matching.max_abs_smd_after).toBeLessThan(0.3);
    const admissions = evaluation.balance.find((b) => b.covariate === 'baseline_admissions')!;
    expect(Math.abs(admissions.smd_after!)).toBeLessThan(Math.abs(admissions.smd_before!) / 3);
  });

  it('shows the naive biases the simulation builds in', () => {
    // Sicker members are enrolled (managed ≫ unmanaged) right after admissions (before ≫ after).
    expect(evaluation.admissions.naive.managed_vs_unmanaged_relative as number).toBeGreaterThan(0.5);
    expect(evaluation.admissions.naive.before_after_relative as number).toBeLessThan(-0.25);
  });

  it('is reproducible for a seed, and another seed changes only the intervals', async () => {
    const again = await evaluateProgram(db, { seed: 5, replicates: 200, cost: { kind: 'fte', costPerFte: 120_000 } });
    expect(again.admissions.did).toEqual(evaluation.admissions.did);
    expect(again.balance).toEqual(evaluation.balance);
    const other = await evaluateProgram(db, { seed: 6, replicates: 200, cost: { kind: 'pmpm', pmpm: 40 } });
    const a = evaluation.admissions.did.per_1000 as Interval3;
    const b = other.admissions.did.per_1000 as Interval3;
    expect(b.estimate).toBe(a.estimate);
    expect(b.ci_low).not.toBe(a.ci_low);
    // No FTEs given: FTEs = average managed members / caseload of 100.
    const inp = again.savings.inputs;
    expect(inp.fte).toBeCloseTo(inp.average_managed_members / 100, 10);
    expect(inp.program_cost_pmpm).toBeCloseTo(120_000 / 12 / 100, 6);
  });

  it('risk adjustment: the whole population is its own reference (O/E = 1) and expected counts add up', () => {
    const c = evaluation.risk_adjustment.cohorts;
    expect(c.all.admissions.oe!.estimate).toBeCloseTo(1, 10);
    expect(c.all.readmissions.oe!.estimate).toBeCloseTo(1, 10);
    const parts = c.managed.admissions.expected + c.unmanaged.admissions.expected + c.other.admissions.expected;
    expect(parts).toBeCloseTo(c.all.admissions.expected, 6);
    expect(c.managed.admissions.oe!.ci_low).toBeLessThan(c.managed.admissions.oe!.estimate);
  });

  it('savings: cost, CCM revenue and net follow from the inputs', () => {
    const s = evaluation.savings;
    expect(s.inputs.program_cost_pmpm).toBe(40);
    // The simulation pays one 99490 line of $62 for every managed member month.
    expect(s.inputs.ccm_tcm_revenue_pmpm).toBeCloseTo(62, 10);
    const b = s.program_period;
    expect(b.program_cost).toBeCloseTo(40 * b.member_months, 6);
    expect(b.net_savings!.estimate).toBeCloseTo(b.gross_savings!.estimate - b.program_cost + b.ccm_tcm_revenue, 6);
    expect(b.roi!.estimate).toBeCloseTo(b.net_savings!.estimate / b.program_cost, 10);
    // Admissions avoided per member month = −DiD per member month = −(DiD per 1,000 member-years)/12,000.
    const did = evaluation.admissions.did.per_1000 as Interval3;
    expect(12000 * s.per_member_month.admissions_avoided!.estimate).toBeCloseTo(-did.estimate, 6);
    expect(b.admissions_avoided!.estimate).toBeCloseTo((-did.estimate / 12000) * b.member_months, 6);
  });
});

describe('controlCharts', () => {
  it('builds u-charts per 1,000 member-years that match the stats module on the same counts', async () => {
    const charts = await controlCharts(db, { cohort: 'unmanaged' });
    expect(charts.admissions.points).toHaveLength(36);
    const rows = await db.all<{ month: string; n: number; mm: number }>(
      `SELECT strftime(month, '%Y-%m-%d') AS month, admissions::DOUBLE AS n, member_months::DOUBLE AS mm FROM mart_measures_monthly
       WHERE cohort = 'unmanaged' AND condition = 'any' AND payer = 'all' AND program = 'all' ORDER BY month`,
    );
    const direct = uChart(rows.map((r) => ({ label: r.month, numerator: r.n, denominator: r.mm })));
    expect(charts.admissions.laney).toBe(direct.laney);
    expect(charts.admissions.centre).toBeCloseTo(direct.centre! * 12000, 8);
    expect(charts.admissions.points[5].ucl).toBeCloseTo(direct.points[5].ucl! * 12000, 8);
    expect(charts.readmission_rate.kind).toBe('p');
  });

  it('restricts to the requested months', async () => {
    const charts = await controlCharts(db, { cohort: 'all', from: '2023-01-01', to: '2023-12-31' });
    expect(charts.ed_visits.points.map((p) => p.label)).toEqual(Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, '0')}-01`));
  });
});
