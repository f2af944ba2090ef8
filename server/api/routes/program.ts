/** Program (administrator): managed vs unmanaged for the period, and before vs after enrolment. */
import { kpiMeasures, measures, rateOf } from '../measures.ts';
import { defineRoute } from '../route.ts';
import { filterQuery, prePostQuery } from '../schemas.ts';
import { readBuildInfo, resolvePeriod } from '../period.ts';
import { comparisonSpec, type ComparisonRow } from '../../charts/comparison.ts';
import { prePostSpec } from '../../charts/prePost.ts';
import { cohortLabels, type CohortId } from '../../charts/palette.ts';
import { poissonRate } from '../../stats/intervals.ts';
import { measureReader } from '../suppression/index.ts';
import { formatMonth } from '../format.ts';

const compared: CohortId[] = ['managed', 'unmanaged', 'all'];

/** A rate per 1,000 member-years with its interval; all null when a side is hidden. */
function perThousand(events: number | null, memberMonths: number | null) {
  const rate = events === null || memberMonths === null ? null : poissonRate(events, memberMonths, 12000);
  return { value: rate?.estimate ?? null, lower: rate?.low ?? null, upper: rate?.high ?? null };
}

export const programRoutes = [
  defineRoute({
    path: '/program/comparison',
    tag: 'program',
    summary: 'Managed vs unmanaged vs all for the period: each headline measure with its 95 % interval, as rows and a Vega-Lite spec.',
    access: 'aggregate',
    returns: 'json',
    query: filterQuery,
    handler: async ({ db, query, res }) => {
      const info = await readBuildInfo(db);
      const period = resolvePeriod(query, info);
      const reader = measureReader(db, res);
      const sums = await reader.period(period, query);
      const panels = kpiMeasures.map((id) => ({
        measure: measures[id],
        rows: compared.map((cohort) => ({ cohort, ...rateOf(measures[id], sums[cohort]) })) as ComparisonRow[],
      }));
      const rows = panels.flatMap(({ measure, rows }) =>
        rows.map((r) => ({ measure: measure.label, ...r, cohort: cohortLabels[r.cohort], cohortId: r.cohort })),
      );
      const subtitle = `${formatMonth(period.from)} – ${formatMonth(period.to)}; point = rate, line = 95 % interval`;
      return { period, suppression: reader.policy, rows, spec: comparisonSpec(panels, compared, subtitle) };
    },
  }),
  defineRoute({
    path: '/program/pre-post',
    tag: 'program',
    summary: 'Enrolled members before vs after enrolment (mart_program_pre_post): rates by month relative to enrolment, rows and a Vega-Lite spec.',
    access: 'aggregate',
    returns: 'json',
    query: prePostQuery,
    handler: async ({ db, query, res }) => {
      const reader = measureReader(db, res);
      const raw = await reader.prePost(query.program);
      const rows = raw.map((r) => {
        const adm = perThousand(r.admissions, r.member_months);
        const ed = perThousand(r.ed_visits, r.member_months);
        const suppressed = Object.values(r).some((v) => v === null);
        return {
          ...r,
          admissions_per_1000: adm.value,
          admissions_lower: adm.lower,
          admissions_upper: adm.upper,
          ed_visits_per_1000: ed.value,
          ed_visits_lower: ed.lower,
          ed_visits_upper: ed.upper,
          suppressed,
        };
      });
      const panel = (id: 'admissions' | 'ed_visits', label: string, numeratorLabel: string) => ({
        id,
        label,
        unit: 'per 1,000 member-years',
        numeratorLabel,
        points: rows.map((r) => ({
          relative_month: r.relative_month,
          measure: id,
          value: r[`${id}_per_1000`],
          lower: r[`${id}_lower`],
          upper: r[`${id}_upper`],
          numerator: r[id],
          member_months: r.member_months,
          members: r.members,
        })),
      });
      const spec = prePostSpec(
        [panel('admissions', 'Admissions per 1,000', 'Admissions'), panel('ed_visits', 'ED visits per 1,000', 'ED visits')],
        query.program,
      );
      return { program: query.program, suppression: reader.policy, rows, spec };
    },
  }),
];
