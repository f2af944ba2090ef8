/** Person-level reads (PHI): worklists, case finding, one patient, timeline and claims. */
import type { Database, Row } from '../../engine/db.ts';
import type { CaseFindingQuery, DischargedQuery, WorklistQuery } from '../schemas.ts';

const listColumns = `person_id, sex, age, conditions, condition_count, current_cohort, program, case_manager_id,
  case_manager_name, payer, ed_visits_12m, admissions_12m, bed_days_12m, paid_12m, last_discharge_date,
  days_since_discharge, followup_7d, followup_14d, readmitted_last, in_hospital`;

/** ORDER BY text for each allowed sort key (fixed strings, never caller text). */
const orderings: Record<string, { asc: string; desc: string }> = {
  utilization: {
    desc: 'ed_visits_12m DESC, admissions_12m DESC, bed_days_12m DESC, paid_12m DESC, person_id',
    asc: 'ed_visits_12m ASC, admissions_12m ASC, bed_days_12m ASC, paid_12m ASC, person_id',
  },
  admissions_12m: { desc: 'admissions_12m DESC, person_id', asc: 'admissions_12m ASC, person_id' },
  ed_visits_12m: { desc: 'ed_visits_12m DESC, person_id', asc: 'ed_visits_12m ASC, person_id' },
  bed_days_12m: { desc: 'bed_days_12m DESC, person_id', asc: 'bed_days_12m ASC, person_id' },
  paid_12m: { desc: 'paid_12m DESC, person_id', asc: 'paid_12m ASC, person_id' },
  days_since_discharge: { desc: 'days_since_discharge DESC NULLS LAST, person_id', asc: 'days_since_discharge ASC NULLS LAST, person_id' },
  person_id: { desc: 'person_id DESC', asc: 'person_id ASC' },
};

export interface Page {
  rows: Row[];
  total: number;
}

async function paged(db: Database, where: string, params: unknown[], order: string, page: number, pageSize: number): Promise<Page> {
  const n = params.length;
  const rows = await db.all(
    `SELECT ${listColumns}, count(*) OVER () AS _total FROM mart_patient WHERE ${where}
      ORDER BY ${order} LIMIT $${n + 1} OFFSET $${n + 2}`,
    [...(params as never[]), pageSize, (page - 1) * pageSize],
  );
  let total = rows.length > 0 ? Number(rows[0]._total) : 0;
  if (rows.length === 0 && page > 1) {
    const row = await db.one<{ n: number }>(`SELECT count(*) AS n FROM mart_patient WHERE ${where}`, params as never[]);
    total = Number(row?.n ?? 0);
  }
  for (const row of rows) delete row._total;
  return { rows, total };
}

/** A case manager's caseload (patients currently managed), ranked by recent utilization. */
export function worklist(db: Database, q: WorklistQuery): Promise<Page> {
  return paged(
    db,
    `current_cohort = 'managed' AND ($1::VARCHAR IS NULL OR case_manager_id = $1) AND ($2 = 'all' OR program = $2)`,
    [q.caseManager ?? null, q.program],
    orderings[q.sort][q.dir],
    q.page,
    q.pageSize,
  );
}

/** Unmanaged patients of the target population, ranked by recent utilization: who to enrol next. */
export function caseFinding(db: Database, q: CaseFindingQuery): Promise<Page> {
  return paged(
    db,
    `current_cohort = 'unmanaged' AND is_target AND ($1 = 'any' OR list_contains(conditions, $1)) AND ($2 = 'all' OR payer = $2)`,
    [q.condition, q.payer],
    orderings[q.sort][q.dir],
    q.page,
    q.pageSize,
  );
}

/** Managed patients discharged within `withinDays` of data_through with no 7-day follow-up visit. */
export function dischargedWithoutFollowup(db: Database, q: DischargedQuery): Promise<Page> {
  return paged(
    db,
    `current_cohort = 'managed' AND last_discharge_date IS NOT NULL AND days_since_discharge <= $1
       AND NOT coalesce(followup_7d, false) AND ($2::VARCHAR IS NULL OR case_manager_id = $2) AND ($3 = 'all' OR program = $3)`,
    [q.withinDays, q.caseManager ?? null, q.program],
    orderings.days_since_discharge[q.dir],
    q.page,
    q.pageSize,
  );
}

/** One patient's mart_patient row, or undefined. */
export function patient(db: Database, personId: string): Promise<Row | undefined> {
  return db.one('SELECT * FROM mart_patient WHERE person_id = $1', [personId]);
}

/** The patient's program enrolments as loaded (raw_program_enrollment). */
export function enrolments(db: Database, personId: string): Promise<Row[]> {
  return db.all(
    `SELECT program, enrollment_start_date, enrollment_end_date, case_manager_id, case_manager_name, acuity
       FROM raw_program_enrollment WHERE person_id = $1 ORDER BY enrollment_start_date`,
    [personId],
  );
}

/** Timeline events from `fromDate` on. */
export function timelineEvents(db: Database, personId: string, fromDate: string): Promise<Row[]> {
  return db.all(
    `SELECT event_date, end_date, kind, label, claim_id, data_source, episode_id, paid_amount::DOUBLE AS paid_amount
       FROM mart_patient_timeline WHERE person_id = $1 AND coalesce(end_date, event_date) >= $2::DATE
      ORDER BY event_date, kind`,
    [personId, fromDate],
  );
}

const claimColumns = `claim_id, claim_line_number, claim_type, claim_start_date, claim_end_date, admission_date, discharge_date,
  bill_type_code, revenue_center_code, hcpcs_code, place_of_service_code, discharge_disposition_code, diagnosis_code_1,
  diagnosis_code_2, diagnosis_code_3, facility_npi, paid_amount::DOUBLE AS paid_amount, data_source, _file, _line`;

/** Claim lines of one claim of the patient (raw_medical_claim). */
export function claimLines(db: Database, personId: string, claimId: string, dataSource: string | undefined): Promise<Row[]> {
  return db.all(
    `SELECT ${claimColumns} FROM raw_medical_claim
      WHERE person_id = $1 AND claim_id = $2 AND ($3::VARCHAR IS NULL OR data_source IS NOT DISTINCT FROM $3)
      ORDER BY data_source, claim_id, claim_line_number`,
    [personId, claimId, dataSource ?? null],
  );
}

/** Claim lines of every claim of one of the patient's episodes. */
export function episodeClaimLines(db: Database, personId: string, episodeId: string): Promise<Row[]> {
  return db.all(
    `SELECT ${claimColumns} FROM raw_medical_claim
      WHERE person_id = $1 AND claim_id IN (SELECT unnest(claim_ids) FROM mart_episode WHERE episode_id = $2 AND person_id = $1)
      ORDER BY claim_start_date, claim_id, claim_line_number`,
    [personId, episodeId],
  );
}
