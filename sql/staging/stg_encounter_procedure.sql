-- stg_encounter_procedure: each procedure row placed on its encounter (MEASURES.md §3a).
--
-- Joins by encounter_id (same person); without one, or with an id that names no
-- encounter of the person, it joins the encounters covering its procedure_date (as
-- conditions do). Only inpatient procedures matter downstream (§6 planned readmissions);
-- a procedure with no encounter is dropped. A blank normalized_code_type means
-- ICD-10-PCS; other code systems are kept but match no list.
WITH proc AS (
    SELECT
        procedure_id,
        trim(person_id) AS person_id,
        nullif(trim(encounter_id), '') AS encounter_id,
        procedure_date,
        nullif(upper(replace(trim(normalized_code), '.', '')), '') AS code,
        is_icd10_pcs(lower(trim(normalized_code_type))) AS is_icd10_pcs,
        coalesce(data_source, '') AS data_source
    FROM raw_procedure
    WHERE nullif(trim(normalized_code), '') IS NOT NULL
),
by_id AS (
    SELECT p.*, e.claim_uid
    FROM proc AS p
    JOIN stg_encounter AS e ON e.encounter_id = p.encounter_id AND e.person_id = p.person_id
),
by_date AS (
    SELECT p.*, e.claim_uid
    FROM proc AS p
    JOIN stg_encounter AS e ON e.person_id = p.person_id AND p.procedure_date BETWEEN e.start_date AND e.end_date
    ANTI JOIN by_id AS b ON b.procedure_id = p.procedure_id AND b.data_source = p.data_source
)
SELECT claim_uid, procedure_id, code, is_icd10_pcs FROM by_id
UNION ALL
SELECT claim_uid, procedure_id, code, is_icd10_pcs FROM by_date
