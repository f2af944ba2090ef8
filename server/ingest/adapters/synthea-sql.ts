/**
 * DuckDB SQL mapping Synthea CSV files to canonical columns (docs/synthea.md). Every
 * select reads its main file in line order (row_number over a single-threaded scan) and
 * returns one row per data line, so rejects point at physical lines (header = line 1).
 * Paths are bound parameters; only header names checked against the file go into the SQL.
 */

/** read_csv of one Synthea file as text, with the project's fixed dialect. */
export const syntheaCsv = (param: string) =>
  `read_csv(${param}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"', parallel = false)`;

/** Synthea ENCOUNTERCLASS → canonical encounter_type (MEASURES.md §3a types). */
export const ENCOUNTER_CLASSES: Record<string, string> = {
  inpatient: 'acute inpatient',
  emergency: 'emergency department',
  ambulatory: 'office visit',
  wellness: 'office visit',
  outpatient: 'outpatient hospital or clinic',
  urgentcare: 'urgent care',
  virtual: 'telehealth',
  home: 'home health',
  snf: 'skilled nursing',
  hospice: 'hospice',
};

/** Picks the header names a select may use; absent optional columns read as NULL. */
export class Header {
  private readonly byUpper: Map<string, string>;
  constructor(readonly names: string[]) {
    this.byUpper = new Map(names.map((n) => [n.toUpperCase(), n]));
  }
  /** The first of `candidates` present in the header, or undefined. */
  find(...candidates: string[]): string | undefined {
    for (const c of candidates) {
      const name = this.byUpper.get(c.toUpperCase());
      if (name !== undefined) return name;
    }
    return undefined;
  }
  /** `alias."NAME"` for the first present candidate, else NULL. */
  col(alias: string, ...candidates: string[]): string {
    const name = this.find(...candidates);
    return name === undefined ? 'NULL' : `${alias}."${name.replace(/"/g, '""')}"`;
  }
}

/** A Synthea timestamp reduced to its date (`2019-02-17T06:52:32Z` → `2019-02-17`); other text is kept for validation. */
const day = (expr: string, yearOnly: 'start' | 'end' | null = null) => {
  const year = yearOnly ? `WHEN regexp_matches(${expr}, '^\\d{4}$') THEN ${expr} || '${yearOnly === 'start' ? '-01-01' : '-12-31'}' ` : '';
  return `CASE WHEN regexp_matches(${expr}, '^\\d{4}-\\d{2}-\\d{2}[T ]') THEN left(${expr}, 10) ${year}ELSE ${expr} END`;
};

const numbered = (param: string) => `SELECT row_number() OVER () AS _rn, * FROM ${syntheaCsv(param)}`;

export const eligibilityColumns = [
  'person_id', 'member_id', 'gender', 'race', 'birth_date', 'death_date',
  'enrollment_start_date', 'enrollment_end_date', 'payer', 'payer_type', 'data_source',
];

/** payer_transitions ($1) × patients ($2) [× payers ($3)] → eligibility, one span per transition, ended at death. */
export function eligibilitySelect(t: Header, p: Header, payers: Header | null): string {
  const start = day(t.col('t', 'START_DATE', 'START_YEAR'), 'start');
  const end = day(t.col('t', 'END_DATE', 'END_YEAR'), 'end');
  const death = day(p.col('p', 'DEATHDATE'));
  const name = payers ? `coalesce(y."${payers.find('NAME')}", t."${t.find('PAYER')}")` : t.col('t', 'PAYER');
  const payerType = payers
    ? `CASE lower(y."${payers.find('NAME')}") WHEN 'medicare' THEN 'medicare' WHEN 'medicaid' THEN 'medicaid'
        WHEN 'dual eligible' THEN 'dual' WHEN 'no_insurance' THEN 'uninsured' WHEN NULL THEN NULL ELSE 'commercial' END`
    : 'NULL';
  return `WITH t AS (${numbered('$1')}), p AS (SELECT * FROM ${syntheaCsv('$2')})
    ${payers ? `, y AS (SELECT * FROM ${syntheaCsv('$3')})` : ''}
    SELECT t."${t.find('PATIENT')}", ${t.col('t', 'MEMBERID')},
      CASE upper(trim(${p.col('p', 'GENDER')})) WHEN 'M' THEN 'male' WHEN 'F' THEN 'female' ELSE 'unknown' END,
      ${p.col('p', 'RACE')}, ${day(p.col('p', 'BIRTHDATE'))}, ${death}, ${start},
      CASE WHEN try_cast(${death} AS DATE) < try_cast(${end} AS DATE) THEN ${death} ELSE ${end} END,
      ${name}, ${payerType}, 'synthea'
    FROM t LEFT JOIN p ON p."${p.find('Id')}" = t."${t.find('PATIENT')}"
    ${payers ? `LEFT JOIN y ON y."${payers.find('Id')}" = t."${t.find('PAYER')}"` : ''}
    ORDER BY t._rn`;
}

/** A SNOMED CT code ($2 map) → ICD-10-CM when mapped, with the matching code type ('' = ICD-10-CM). */
const mapped = (code: string, system: string) => ({
  type: `CASE WHEN ${code} IS NULL THEN NULL WHEN ${system} ILIKE '%icd%10%' OR m.icd10cm_code IS NOT NULL THEN '' ELSE 'snomed-ct' END`,
  code: `CASE WHEN ${system} ILIKE '%icd%10%' THEN ${code} ELSE coalesce(m.icd10cm_code, ${code}) END`,
});
const snomedMap = (param: string) => `SELECT * FROM ${syntheaCsv(param)}`;

export const encounterColumns = [
  'encounter_id', 'person_id', 'encounter_type', 'encounter_start_date', 'encounter_end_date', 'facility_id',
  'primary_diagnosis_code_type', 'primary_diagnosis_code', 'paid_amount', 'data_source', 'synthea_class',
];

/** encounters ($1) → encounter; the reason code ($2 SNOMED map) becomes the primary diagnosis. */
export function encounterSelect(e: Header): string {
  const reason = `nullif(trim(${e.col('e', 'REASONCODE')}), '')`;
  const dx = mapped(reason, "''");
  const cls = `lower(trim(e."${e.find('ENCOUNTERCLASS')}"))`;
  const types = Object.entries(ENCOUNTER_CLASSES).map(([k, v]) => `WHEN '${k}' THEN '${v}'`).join(' ');
  return `WITH e AS (${numbered('$1')}), m AS (${snomedMap('$2')})
    SELECT e."${e.find('Id')}", e."${e.find('PATIENT')}", CASE ${cls} ${types} END,
      ${day(`e."${e.find('START')}"`)}, ${day(e.col('e', 'STOP'))}, ${e.col('e', 'ORGANIZATION')},
      ${dx.type}, ${dx.code}, ${e.col('e', 'PAYER_COVERAGE')}, 'synthea', e."${e.find('ENCOUNTERCLASS')}"
    FROM e LEFT JOIN m ON m.snomed_code = ${reason} ORDER BY e._rn`;
}

export const codedColumns = (kind: 'condition' | 'procedure') => [
  `${kind}_id`, 'person_id', 'encounter_id', kind === 'condition' ? 'recorded_date' : 'procedure_date',
  'normalized_code_type', 'normalized_code', 'description', 'data_source',
];

/**
 * conditions or procedures ($1) → condition / procedure. Synthea has no row id: the id is
 * patient|encounter|code|start. Conditions map through the SNOMED map ($2); procedures keep
 * SNOMED CT (they match no ICD-10-PCS list) unless a SYSTEM column says ICD-10.
 */
export function codedSelect(h: Header, kind: 'condition' | 'procedure'): string {
  const code = `nullif(trim(c."${h.find('CODE')}"), '')`;
  const system = `coalesce(${h.col('c', 'SYSTEM')}, '')`;
  const out = kind === 'condition'
    ? mapped(code, system)
    : { type: `CASE WHEN ${system} ILIKE '%icd%10%' THEN '' ELSE 'snomed-ct' END`, code };
  const start = `c."${h.find('START')}"`;
  const id = `concat_ws('|', c."${h.find('PATIENT')}", ${h.col('c', 'ENCOUNTER')}, ${code}, ${start})`;
  return `WITH c AS (${numbered('$1')})${kind === 'condition' ? `, m AS (${snomedMap('$2')})` : ''}
    SELECT ${id}, c."${h.find('PATIENT')}", ${h.col('c', 'ENCOUNTER')}, ${day(start)}, ${out.type}, ${out.code},
      ${h.col('c', 'DESCRIPTION')}, 'synthea'
    FROM c ${kind === 'condition' ? `LEFT JOIN m ON m.snomed_code = ${code}` : ''} ORDER BY c._rn`;
}

export const careplanColumns = ['person_id', 'program', 'enrollment_start_date', 'enrollment_end_date', 'careplan_id'];

/** careplans ($1) whose reason maps ($2) to a target chronic condition → program_enrollment. */
export function careplanSelect(h: Header): string {
  return `WITH c AS (${numbered('$1')}), m AS (${snomedMap('$2')})
    SELECT c."${h.find('PATIENT')}", 'care plan: ' || coalesce(${h.col('c', 'DESCRIPTION')}, m.target_condition),
      ${day(`c."${h.find('START')}"`)}, ${day(h.col('c', 'STOP'))}, ${h.col('c', 'Id')}
    FROM c JOIN m ON m.snomed_code = trim(c."${h.find('REASONCODE')}")
    WHERE coalesce(m.target_condition, '') <> '' ORDER BY c._rn`;
}
