-- stg_encounter_diagnosis: diagnosis codes of the claims made from encounters and
-- stand-alone conditions (MEASURES.md §3a), one row per position, with is_icd10 = the code
-- may match a code list.
--
-- §3a: an encounter's principal diagnosis (position 1) is its primary_diagnosis_code
-- (blank type = ICD-10-CM); its other diagnoses are its condition rows, numbered from 2 in
-- (recorded_date, condition_id) order. A stand-alone condition claim numbers its
-- conditions from 1.
--
-- materialized: view (a filter/projection/union: read in place, not copied)
SELECT
    claim_uid,
    1 AS position,
    primary_diagnosis_code AS code,
    is_icd10_cm(primary_diagnosis_code_type) AS is_icd10
FROM stg_encounter
WHERE primary_diagnosis_code IS NOT NULL
UNION ALL
SELECT
    claim_uid,
    CAST(row_number() OVER (PARTITION BY claim_uid ORDER BY recorded_date, condition_id) AS INTEGER)
        + CASE WHEN placed_by = 'standalone' THEN 0 ELSE 1 END AS position,
    code,
    is_icd10
FROM stg_encounter_condition
