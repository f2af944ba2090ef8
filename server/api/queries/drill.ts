/**
 * The events behind one month (or period) × cohort number of a chart. The slice (condition, payer,
 * program) is taken from the member month holding the event's anchor date, as the
 * measures mart does, so the list length equals the chart's numerator.
 */
import type { Database } from '../../engine/db.ts';
import type { DrillQuery } from '../schemas.ts';
import type { Page } from './patients.ts';
import type { Period } from '../period.ts';

const sliceFilter = `($3 = 'all' OR mm.payer = $3) AND ($4 = 'all' OR mm.program = $4 OR ($4 = 'none' AND mm.program IS NULL))
  AND ($5 = 'any' OR ($5 = 'diabetes' AND mm.has_diabetes) OR ($5 = 'hypertension' AND mm.has_hypertension)
       OR ($5 = 'heart_failure' AND mm.has_heart_failure) OR ($5 = 'ihd' AND mm.has_ihd))`;

const queries = {
  admissions: `
    SELECT e.episode_id, e.person_id, e.admission_date, e.discharge_date, e.los, e.principal_dx, e.principal_ccs_description, e.drg_code,
           e.admitted_through_ed, e.admit_cohort AS cohort, e.paid_amount::DOUBLE AS paid_amount, count(*) OVER () AS _total
      FROM mart_episode e
      JOIN mart_member_month mm ON mm.person_id = e.person_id AND mm.month = date_trunc('month', e.admission_date)
     WHERE date_trunc('month', e.admission_date) BETWEEN $1::DATE AND $8::DATE AND e.admit_cohort IS NOT NULL
       AND ($2 = 'all' OR e.admit_cohort = $2) AND ${sliceFilter}
     ORDER BY e.admission_date, e.person_id LIMIT $6 OFFSET $7`,
  ed_visits: `
    SELECT v.ed_visit_id, v.person_id, v.visit_date, v.led_to_admission, v.episode_id, v.source, v.cohort,
           v.paid_amount::DOUBLE AS paid_amount, count(*) OVER () AS _total
      FROM mart_ed_visit v
      JOIN mart_member_month mm ON mm.person_id = v.person_id AND mm.month = date_trunc('month', v.visit_date)
     WHERE date_trunc('month', v.visit_date) BETWEEN $1::DATE AND $8::DATE AND v.cohort IS NOT NULL
       AND ($2 = 'all' OR v.cohort = $2) AND ${sliceFilter}
     ORDER BY v.visit_date, v.person_id LIMIT $6 OFFSET $7`,
  readmissions: `
    SELECT e.episode_id, e.person_id, e.admission_date, e.discharge_date, e.los, e.principal_dx, e.principal_ccs_description,
           e.readmitted, e.readmission_episode_id, e.days_to_readmission, e.readmission_planned, e.discharge_cohort AS cohort, count(*) OVER () AS _total
      FROM mart_episode e
      JOIN mart_member_month mm ON mm.person_id = e.person_id AND mm.month = date_trunc('month', e.discharge_date)
     WHERE e.is_index AND date_trunc('month', e.discharge_date) BETWEEN $1::DATE AND $8::DATE
       AND ($2 = 'all' OR e.discharge_cohort = $2) AND ${sliceFilter}
     ORDER BY e.readmitted DESC, e.discharge_date, e.person_id LIMIT $6 OFFSET $7`,
} as const;

/** Events of one kind anchored in the months of `period` for one cohort and slice, paged. */
export async function drillEvents(db: Database, q: DrillQuery, period: Period): Promise<Page> {
  const rows = await db.all(queries[q.events], [
    `${period.from}-01`, q.cohort, q.payer, q.program, q.condition, q.pageSize, (q.page - 1) * q.pageSize, `${period.to}-01`,
  ]);
  const total = rows.length > 0 ? Number(rows[0]._total) : 0;
  for (const row of rows) delete row._total;
  return { rows, total };
}
