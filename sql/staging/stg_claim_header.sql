-- stg_claim_header: every claim the measures see, one row per claim — medical claims
-- plus the claim-shaped encounters and stand-alone conditions of MEASURES.md §3a.
--
-- §3a: `acute inpatient` → institutional claim, bill type 111, start/end = encounter
-- dates, facility = facility_id, disposition as given; `emergency department` →
-- institutional outpatient claim, bill type 131 (its 0450 line is in stg_claim_line);
-- any other type → a professional claim on the start date. A condition on a date with no
-- encounter → an "other claim" (neither institutional nor professional) on that date.
-- principal_dx: diagnosis position 1 (§3, stg_claim_diagnosis); principal_dx_is_icd10: it
-- may match a code list; has_non_icd10_diagnosis: some diagnosis of the claim is of another
-- declared code type.
--
-- materialized: view (a filter/projection/union: read in place, not copied)
WITH encounter_diagnosis AS (
    SELECT
        claim_uid,
        any_value(code) FILTER (WHERE position = 1) AS principal_dx,
        any_value(is_icd10) FILTER (WHERE position = 1) AS principal_dx_is_icd10,
        bool_or(NOT is_icd10) AS has_non_icd10_diagnosis
    FROM stg_encounter_diagnosis
    GROUP BY claim_uid
)
SELECT
    claim_uid, claim_id, data_source, source, person_id, claim_type,
    claim_start_date, claim_end_date, admission_date, discharge_date,
    bill_type_code, discharge_disposition_code, facility_npi, drg_code,
    line_count, paid_amount, all_lines_negative, principal_dx, principal_dx_is_icd10, has_non_icd10_diagnosis,
    encounter_type, is_open
FROM stg_medical_claim_header
UNION ALL
SELECT
    e.claim_uid,
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
    d.principal_dx,
    d.principal_dx_is_icd10,
    coalesce(d.has_non_icd10_diagnosis, false) AS has_non_icd10_diagnosis,
    encounter_type,
    is_open
FROM stg_encounter AS e
LEFT JOIN encounter_diagnosis AS d USING (claim_uid)
UNION ALL
SELECT
    s.*,
    d.principal_dx,
    d.principal_dx_is_icd10,
    coalesce(d.has_non_icd10_diagnosis, false) AS has_non_icd10_diagnosis,
    CAST(NULL AS VARCHAR) AS encounter_type,
    false AS is_open
FROM (
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
        false AS all_lines_negative
    FROM stg_encounter_condition
    WHERE placed_by = 'standalone'
) AS s
LEFT JOIN encounter_diagnosis AS d USING (claim_uid)
