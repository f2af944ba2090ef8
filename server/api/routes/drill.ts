/** Drill-down: the events and patients behind one month × cohort number of a chart. */
import { defineRoute, TablePage } from '../route.ts';
import { drillQuery } from '../schemas.ts';
import { drillEvents } from '../queries/drill.ts';

export const drillRoutes = [
  defineRoute({
    path: '/drill',
    tag: 'drill',
    summary: 'Admissions, ED visits or index stays (readmissions) anchored in one month, for one cohort and slice.',
    access: 'patient',
    returns: 'table',
    query: drillQuery,
    handler: async ({ db, query }) => {
      const { rows, total } = await drillEvents(db, query);
      return new TablePage(rows, total, query.page, query.pageSize);
    },
  }),
];
