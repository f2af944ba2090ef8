-- stg_claim_header: every claim the measures see, one row per claim — medical claims
-- plus the claim-shaped encounters and stand-alone conditions of MEASURES.md §3a.
--
-- §3a: `acute inpatient` → institutional claim, bill type 111, start/end = encounter
-- dates, facility = facility_id, disposition as given; `emergency department` →
-- institutional outpatient claim, bill type 131 (its 0450 line is in stg_claim_line);
-- any other type → a professional claim on the start date. A condition on a date with no
-- encounter → an "other claim" (neither institutional nor professional) on that date.
--
-- materialized: view (a filter/projection/union: read in place, not copied)
SELECT
    claim_uid, claim_id, data_source, source, person_id, claim_type,
    claim_start_date, claim_end_date, admission_date, discharge_date,
    bill_type_code, discharge_disposition_code, facility_npi, drg_code,
    line_count, paid_amount, all_lines_negative, encounter_type, is_open
FROM stg_medical_claim_header
UNION ALL
SELECT
    claim_uid,
    encounter_id AS claim_id,
    data_source,
    'encounter' AS source,
    person_id,
    CASE WHEN encounter_type IN ('acute inpatient', 'emergency department') THEN 'institutional' ELSE 'professional' END AS claim_type,
    start_date AS claim_start_date,
    end_date AS claim_end_date,
    CASE WHEN encounter_type = 'acute inpatient' THEN start_date END AS admission_date,
    CASE WHEN encounter_type = 'acute inpatient' THEN end_date END AS discharge_date,
    CASE encounter_type WHEN 'acute inpatient' THEN '111' WHEN 'emergency department' THEN '131' END AS bill_type_code,
    discharge_disposition_code,
    facility_id AS facility_npi,
    CAST(NULL AS VARCHAR) AS drg_code,
    1 AS line_count,
    paid_amount,
    false AS all_lines_negative,
    encounter_type,
    is_open
FROM stg_encounter
UNION ALL
SELECT DISTINCT
    claim_uid,
    'condition:' || recorded_date AS claim_id,
    data_source,
    'condition' AS source,
    person_id,
    CAST(NULL AS VARCHAR) AS claim_type,
    recorded_date AS claim_start_date,
    recorded_date AS claim_end_date,
    CAST(NULL AS DATE) AS admission_date,
    CAST(NULL AS DATE) AS discharge_date,
    CAST(NULL AS VARCHAR) AS bill_type_code,
    CAST(NULL AS VARCHAR) AS discharge_disposition_code,
    CAST(NULL AS VARCHAR) AS facility_npi,
    CAST(NULL AS VARCHAR) AS drg_code,
    0 AS line_count,
    CAST(NULL AS DOUBLE) AS paid_amount,
    false AS all_lines_negative,
    CAST(NULL AS VARCHAR) AS encounter_type,
    false AS is_open
FROM stg_encounter_condition
WHERE placed_by = 'standalone'
