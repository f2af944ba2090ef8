/** Program (administrator): managed vs unmanaged for the period, and before vs after enrolment. */
import { kpiMeasures, measures, rateOf } from '../measures.ts';
import { defineRoute } from '../route.ts';
import { filterQuery, prePostQuery } from '../schemas.ts';
import { readBuildInfo, resolvePeriod } from '../period.ts';
import { periodSums } from '../queries/measures.ts';
import { prePostRows } from '../queries/prePost.ts';
import { comparisonSpec, type ComparisonRow } from '../../charts/comparison.ts';
import { prePostSpec } from '../../charts/prePost.ts';
import { cohortLabels, type CohortId } from '../../charts/palette.ts';
import { poissonRate } from '../../stats/intervals.ts';
import { suppressRate } from '../suppression.ts';
import { formatMonth } from '../format.ts';

const compared: CohortId[] = ['managed', 'unmanaged', 'all'];

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
      const sums = await periodSums(db, period, query);
      const suppress = Boolean(res.locals.suppressSmallCells);
      const panels = kpiMeasures.map((id) => ({
        measure: measures[id],
        rows: compared.map((cohort) => ({ cohort, ...suppressRate(rateOf(measures[id], sums[cohort]), suppress) })) as ComparisonRow[],
      }));
      const rows = panels.flatMap(({ measure, rows }) =>
        rows.map((r) => ({ measure: measure.label, ...r, cohort: cohortLabels[r.cohort], cohortId: r.cohort })),
      );
      const subtitle = `${formatMonth(period.from)} – ${formatMonth(period.to)}; point = rate, line = 95 % interval`;
      return { period, rows, spec: comparisonSpec(panels, compared, subtitle) };
    },
  }),
  defineRoute({
    path: '/program/pre-post',
    tag: 'program',
    summary: 'Enrolled members before vs after enrolment (mart_program_pre_post): rates by month relative to enrolment, rows and a Vega-Lite spec.',
    access: 'aggregate',
    returns: 'json',
    query: prePostQuery,
    handler: async ({ db, query }) => {
      const raw = await prePostRows(db, query.program);
      const rows = raw.map((r) => {
        const adm = poissonRate(r.admissions, r.member_months, 12000);
        const ed = poissonRate(r.ed_visits, r.member_months, 12000);
        return {
          ...r,
          admissions_per_1000: adm?.estimate ?? null,
          admissions_lower: adm?.low ?? null,
          admissions_upper: adm?.high ?? null,
          ed_visits_per_1000: ed?.estimate ?? null,
          ed_visits_lower: ed?.low ?? null,
          ed_visits_upper: ed?.high ?? null,
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
      return { program: query.program, rows, spec };
    },
  }),
];
