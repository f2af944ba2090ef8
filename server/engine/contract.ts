/**
 * The data contract: the canonical input tables (Tuva input layer names, DESIGN.md
 * "Canonical input"), their columns, types, keys and code normalisation. Ingest, the
 * generator, adapters and the data dictionary all read this one definition.
 */

export type ColumnType = 'varchar' | 'date' | 'integer' | 'double';

/** How a code column is normalised on ingest (DESIGN.md: "Codes are normalised on ingest"). */
export type Normalize = 'icd' | 'revenue' | 'bill_type' | 'two_char' | 'lower';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  /** Structural: the file must have this column, else the batch fails. */
  requiredColumn?: boolean;
  /** Row-level: a blank or unparseable value rejects the row. */
  requiredValue?: boolean;
  /** Older Tuva names accepted for this column. */
  aliases?: string[];
  normalize?: Normalize;
  description: string;
}

export interface TableSpec {
  /** Canonical name, also the file stem (`medical_claim.csv`). */
  name: string;
  /** Raw table in DuckDB holding every loaded row. */
  rawTable: string;
  columns: ColumnSpec[];
  /** Natural key: a repeat inside a batch is a reject, across batches a replacement. */
  key: string[];
  /** Pairs [start, end]: a row whose end is before its start is rejected. */
  dateOrder: [string, string][];
  description: string;
}

const numbered = (prefix: string, n: number, spec: Omit<ColumnSpec, 'name'>): ColumnSpec[] =>
  Array.from({ length: n }, (_, i) => ({ ...spec, name: `${prefix}_${i + 1}` }));

const v = (name: string, description: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({
  name,
  type: 'varchar',
  description,
  ...extra,
});
const d = (name: string, description: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => v(name, description, { type: 'date', ...extra });
const n = (name: string, description: string, extra: Partial<ColumnSpec> = {}): ColumnSpec => v(name, description, { type: 'double', ...extra });

export const medicalClaim: TableSpec = {
  name: 'medical_claim',
  rawTable: 'raw_medical_claim',
  description: 'One row per claim line (Tuva input layer medical_claim).',
  key: ['claim_id', 'claim_line_number', 'data_source'],
  dateOrder: [
    ['claim_start_date', 'claim_end_date'],
    ['claim_line_start_date', 'claim_line_end_date'],
    ['admission_date', 'discharge_date'],
  ],
  columns: [
    v('claim_id', 'Claim identifier, unique within data_source.', { requiredColumn: true, requiredValue: true }),
    v('claim_line_number', 'Line number within the claim.', { type: 'integer', requiredColumn: true, requiredValue: true }),
    v('claim_type', "'institutional' or 'professional'.", { normalize: 'lower' }),
    v('person_id', 'Person identifier, shared with eligibility.', { requiredColumn: true, requiredValue: true, aliases: ['patient_id'] }),
    v('member_id', 'Member identifier at the payer.'),
    v('payer', 'Payer name.'),
    v('plan', 'Plan name.'),
    d('claim_start_date', 'First date of service on the claim.', { requiredColumn: true, requiredValue: true }),
    d('claim_end_date', 'Last date of service on the claim.', { requiredColumn: true, requiredValue: true }),
    d('claim_line_start_date', 'First date of service on the line.'),
    d('claim_line_end_date', 'Last date of service on the line.'),
    d('admission_date', 'Inpatient admission date.'),
    d('discharge_date', 'Inpatient discharge date.'),
    v('admit_source_code', 'UB-04 point of origin.'),
    v('admit_type_code', 'UB-04 priority of admission.'),
    v('discharge_disposition_code', 'UB-04 patient discharge status (2 characters).', { normalize: 'two_char' }),
    v('place_of_service_code', 'CMS place of service (2 characters).', { normalize: 'two_char' }),
    v('bill_type_code', 'UB-04 type of bill (3 characters; the last is the frequency digit).', { normalize: 'bill_type' }),
    v('drg_code_type', "'ms-drg' or 'apr-drg'.", { normalize: 'lower' }),
    v('drg_code', 'Diagnosis-related group.', { aliases: ['ms_drg_code', 'apr_drg_code'] }),
    v('revenue_center_code', 'UB-04 revenue code (4 characters).', { normalize: 'revenue' }),
    n('service_unit_quantity', 'Units of service.'),
    v('hcpcs_code', 'CPT/HCPCS code.', { normalize: 'icd' }),
    v('rendering_npi', 'Rendering provider NPI.'),
    v('billing_npi', 'Billing provider NPI.'),
    v('facility_npi', 'Facility NPI.'),
    n('paid_amount', 'Amount paid by the payer.'),
    n('allowed_amount', 'Allowed amount.'),
    n('charge_amount', 'Billed charge.'),
    v('diagnosis_code_type', "Blank means ICD-10-CM ('icd-10-cm', 'icd-9-cm', …).", { normalize: 'lower' }),
    ...numbered('diagnosis_code', 25, { type: 'varchar', normalize: 'icd', description: 'Diagnosis code (1 = principal).' }),
    v('procedure_code_type', "Blank means ICD-10-PCS ('icd-10-pcs', 'icd-9-pcs', …).", { normalize: 'lower' }),
    ...numbered('procedure_code', 25, { type: 'varchar', normalize: 'icd', description: 'Procedure code.' }),
    v('data_source', 'Name of the source extract (part of the claim key).'),
  ],
};

export const eligibility: TableSpec = {
  name: 'eligibility',
  rawTable: 'raw_eligibility',
  description: 'One row per enrollment span (Tuva input layer eligibility).',
  key: ['person_id', 'enrollment_start_date', 'payer', 'plan', 'data_source'],
  dateOrder: [['enrollment_start_date', 'enrollment_end_date'], ['birth_date', 'death_date']],
  columns: [
    v('person_id', 'Person identifier.', { requiredColumn: true, requiredValue: true, aliases: ['patient_id'] }),
    v('member_id', 'Member identifier at the payer.'),
    v('gender', "'female', 'male' or 'unknown'.", { normalize: 'lower' }),
    v('race', 'Race as given.'),
    d('birth_date', 'Date of birth.'),
    d('death_date', 'Date of death, blank if alive.'),
    d('enrollment_start_date', 'First day of the span.', { requiredColumn: true, requiredValue: true }),
    d('enrollment_end_date', 'Last day of the span; blank = open.'),
    v('payer', 'Payer name.'),
    v('payer_type', "'medicare', 'medicaid', 'commercial', …", { normalize: 'lower' }),
    v('plan', 'Plan name.'),
    v('data_source', 'Name of the source extract.'),
  ],
};

export const programEnrollment: TableSpec = {
  name: 'program_enrollment',
  rawTable: 'raw_program_enrollment',
  description: "Caseload's own: one row per enrollment of a person in a case-management program.",
  key: ['person_id', 'program', 'enrollment_start_date'],
  dateOrder: [['enrollment_start_date', 'enrollment_end_date']],
  columns: [
    v('person_id', 'Person identifier.', { requiredColumn: true, requiredValue: true, aliases: ['patient_id'] }),
    v('program', 'Program name.', { requiredColumn: true, requiredValue: true }),
    d('enrollment_start_date', 'Enrolment date.', { requiredColumn: true, requiredValue: true }),
    d('enrollment_end_date', 'Disenrolment date; blank = still enrolled.'),
    v('case_manager_id', 'Case manager identifier.'),
    v('case_manager_name', 'Case manager name.'),
    v('acuity', 'Acuity tier.'),
  ],
};

export const encounter: TableSpec = {
  name: 'encounter',
  rawTable: 'raw_encounter',
  description: 'One row per EHR/ADT encounter (Tuva clinical input layer encounter).',
  key: ['encounter_id', 'data_source'],
  dateOrder: [['encounter_start_date', 'encounter_end_date']],
  columns: [
    v('encounter_id', 'Encounter identifier.', { requiredColumn: true, requiredValue: true }),
    v('person_id', 'Person identifier.', { requiredColumn: true, requiredValue: true, aliases: ['patient_id'] }),
    v('encounter_type', "'acute inpatient', 'emergency department', 'office visit', …", { requiredColumn: true, normalize: 'lower' }),
    d('encounter_start_date', 'Start date.', { requiredColumn: true, requiredValue: true }),
    d('encounter_end_date', 'End date; blank for an inpatient still in hospital.'),
    v('admit_source_code', 'UB-04 point of origin.'),
    v('admit_type_code', 'UB-04 priority of admission.'),
    v('discharge_disposition_code', 'UB-04 discharge status (2 characters).', { normalize: 'two_char' }),
    v('facility_id', 'Facility identifier.'),
    v('primary_diagnosis_code_type', 'Blank means ICD-10-CM.', { normalize: 'lower' }),
    v('primary_diagnosis_code', 'Primary diagnosis.', { normalize: 'icd' }),
    n('paid_amount', 'Amount paid, if known.'),
    v('data_source', 'Name of the source extract.'),
  ],
};

export const condition: TableSpec = {
  name: 'condition',
  rawTable: 'raw_condition',
  description: 'One row per recorded diagnosis (Tuva clinical input layer condition).',
  key: ['condition_id', 'data_source'],
  dateOrder: [],
  columns: [
    v('condition_id', 'Condition identifier.', { requiredColumn: true, requiredValue: true }),
    v('person_id', 'Person identifier.', { requiredColumn: true, requiredValue: true, aliases: ['patient_id'] }),
    v('encounter_id', 'Encounter the diagnosis was recorded in, if any.'),
    d('recorded_date', 'Date recorded.', { requiredColumn: true, requiredValue: true }),
    v('normalized_code_type', "Blank means ICD-10-CM; 'snomed-ct' etc. match no list.", { normalize: 'lower' }),
    v('normalized_code', 'Diagnosis code.', { requiredColumn: true, normalize: 'icd' }),
    v('data_source', 'Name of the source extract.'),
  ],
};

export const procedure: TableSpec = {
  name: 'procedure',
  rawTable: 'raw_procedure',
  description: 'One row per procedure (Tuva clinical input layer procedure).',
  key: ['procedure_id', 'data_source'],
  dateOrder: [],
  columns: [
    v('procedure_id', 'Procedure identifier.', { requiredColumn: true, requiredValue: true }),
    v('person_id', 'Person identifier.', { requiredColumn: true, requiredValue: true, aliases: ['patient_id'] }),
    v('encounter_id', 'Encounter, if any.'),
    d('procedure_date', 'Date performed.', { requiredColumn: true, requiredValue: true }),
    v('normalized_code_type', "Blank means ICD-10-PCS; other systems match no list.", { normalize: 'lower' }),
    v('normalized_code', 'Procedure code.', { requiredColumn: true, normalize: 'icd' }),
    v('data_source', 'Name of the source extract.'),
  ],
};

/** Every canonical table, in load order. */
export const canonicalTables: TableSpec[] = [eligibility, programEnrollment, medicalClaim, encounter, condition, procedure];

/** Looks up a canonical table by name. */
export function tableSpec(name: string): TableSpec {
  const spec = canonicalTables.find((t) => t.name === name);
  if (!spec) throw new Error(`unknown canonical table ${name}`);
  return spec;
}

const issueList = 'STRUCT(column_name VARCHAR, value VARCHAR, rule VARCHAR, reason VARCHAR)[]';

/**
 * Columns every raw table carries besides the canonical ones: the batch that loaded the
 * row, the file and 1-based physical line it came from, and any extra source columns as
 * JSON. `_problems` and `_warnings` are ingest's scratch space inside a batch transaction
 * (a row's issues between reading and recording them); they are NULL in every committed row.
 */
export const rawMetaColumns = [
  { name: '_batch_id', sqlType: 'INTEGER' },
  { name: '_file', sqlType: 'VARCHAR' },
  { name: '_line', sqlType: 'BIGINT' },
  { name: '_extra', sqlType: 'JSON' },
  { name: '_problems', sqlType: issueList },
  { name: '_warnings', sqlType: issueList },
] as const;

export const sqlType: Record<ColumnType, string> = {
  varchar: 'VARCHAR',
  date: 'DATE',
  integer: 'INTEGER',
  double: 'DOUBLE',
};

/** DDL for a raw table: canonical columns plus meta columns; idempotent. */
export function rawTableDdl(spec: TableSpec): string {
  const cols = [
    ...spec.columns.map((c) => `  ${c.name} ${sqlType[c.type]}`),
    ...rawMetaColumns.map((c) => `  ${c.name} ${c.sqlType}`),
  ];
  return `CREATE TABLE IF NOT EXISTS ${spec.rawTable} (\n${cols.join(',\n')}\n)`;
}
