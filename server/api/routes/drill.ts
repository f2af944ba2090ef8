/** Drill-down: the events and patients behind one month × cohort number of a chart. */
import { defineRoute, TablePage } from '../route.ts';
import { drillQuery } from '../schemas.ts';
import { drillEvents } from '../queries/drill.ts';
import { readBuildInfo, resolvePeriod } from '../period.ts';

export const drillRoutes = [
  defineRoute({
    path: '/drill',
    tag: 'drill',
    summary: 'Admissions, ED visits or index stays (readmissions) anchored in one month or a period, for one cohort and slice.',
    access: 'patient',
    returns: 'table',
    query: drillQuery,
    handler: async ({ db, query }) => {
      const period = query.month ? { from: query.month, to: query.month, months: 1 } : resolvePeriod(query, await readBuildInfo(db));
      const { rows, total } = await drillEvents(db, query, period);
      return new TablePage(rows, total, query.page, query.pageSize);
    },
  }),
];
