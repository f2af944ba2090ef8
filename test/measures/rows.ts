/**
 * Builders for canonical CSV rows used by the golden tests. Each returns one line of an
 * extract with only the columns a rule needs; everything else stays blank, as in real
 * extracts.
 */
import type { CsvRow } from './fixture.ts';

/** One eligibility span; a missing end means open. */
export function eligibility(person_id: string, start: string, end?: string | null, extra: CsvRow = {}): CsvRow {
  return { person_id, enrollment_start_date: start, enrollment_end_date: end ?? '', payer: 'medicare', plan: 'ffs', ...extra };
}

/** One case-management programme enrolment; a missing end means still enrolled. */
export function enrolment(person_id: string, start: string, end?: string | null, extra: CsvRow = {}): CsvRow {
  return { person_id, program: 'care-transitions', enrollment_start_date: start, enrollment_end_date: end ?? '', case_manager_id: 'cm1', ...extra };
}

/** Fields every claim-line builder takes: ids, line number (1 unless given), extra columns. */
interface ClaimLineBase {
  claim_id: string;
  person_id: string;
  line?: number;
  extra?: CsvRow;
}

/** The header columns shared by every claim line, in extract order. */
function claimHeader(c: ClaimLineBase, claim_type: string, from: string, to: string): CsvRow {
  return { claim_id: c.claim_id, claim_line_number: c.line ?? 1, claim_type, person_id: c.person_id, claim_start_date: from, claim_end_date: to };
}

export interface InpatientLine extends ClaimLineBase {
  from: string;
  to: string;
  facility?: string | null;
  disposition?: string;
  dx?: string | null;
  bill_type?: string;
}

/** A line of an acute inpatient claim (institutional, bill type 111 unless given). */
export function inpatient(c: InpatientLine): CsvRow {
  return {
    ...claimHeader(c, 'institutional', c.from, c.to),
    admission_date: c.from,
    discharge_date: c.to,
    bill_type_code: c.bill_type ?? '111',
    facility_npi: c.facility === undefined ? 'F1' : (c.facility ?? ''),
    discharge_disposition_code: c.disposition ?? '01',
    revenue_center_code: '0120',
    diagnosis_code_1: c.dx === undefined ? 'J189' : (c.dx ?? ''),
    paid_amount: 1000,
    ...c.extra,
  };
}

export interface OutpatientLine extends ClaimLineBase {
  date: string;
  revenue?: string;
  hcpcs?: string;
  bill_type?: string;
  facility?: string;
  dx?: string;
  paid?: number;
}

/** A line of an institutional outpatient claim (bill type 131 unless given). */
export function outpatient(c: OutpatientLine): CsvRow {
  return {
    ...claimHeader(c, 'institutional', c.date, c.date),
    bill_type_code: c.bill_type ?? '131',
    facility_npi: c.facility ?? 'F1',
    revenue_center_code: c.revenue ?? '',
    hcpcs_code: c.hcpcs ?? '',
    diagnosis_code_1: c.dx ?? 'R079',
    paid_amount: c.paid ?? 300,
    ...c.extra,
  };
}

export interface ProfessionalLine extends ClaimLineBase {
  date: string;
  pos?: string;
  hcpcs?: string;
  dx?: string | null;
  paid?: number;
}

/** A line of a professional claim (place of service 11, office, unless given). */
export function professional(c: ProfessionalLine): CsvRow {
  return {
    ...claimHeader(c, 'professional', c.date, c.date),
    claim_line_start_date: c.date,
    claim_line_end_date: c.date,
    place_of_service_code: c.pos ?? '11',
    hcpcs_code: c.hcpcs ?? '99213',
    diagnosis_code_1: c.dx === undefined ? 'Z0000' : (c.dx ?? ''),
    paid_amount: c.paid ?? 100,
    ...c.extra,
  };
}
