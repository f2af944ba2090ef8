-- stg_medical_claim_diagnosis: the header diagnosis codes of each medical claim, one row
-- per position (1 = principal).
--
-- MEASURES.md §3: each position's code is the most frequent non-blank value across the
-- claim's lines — the common value when the lines agree, else the one picked in
-- stg_medical_claim_disputed_value. Code types: a blank diagnosis_code_type means
-- ICD-10-CM, as do spellings of it ('icd-10-cm', 'ICD10', 'icd_10'); a code of another
-- declared type (ICD-9, SNOMED CT, …) is kept but matches no code list (is_icd10 = false).
-- Position 1 is also on the claim header (stg_medical_claim_header.principal_dx).
--
-- materialized: view (read once, by core_person_condition through stg_claim_diagnosis,
-- which keeps only target-condition codes: the 48M rows of a million members are not stored)
WITH agreed AS (
    UNPIVOT (
        SELECT
            claim_uid,
            is_icd10_cm(diagnosis_code_type) AS is_icd10,
            COLUMNS('^diagnosis_code_\d+$')
        FROM stg_medical_claim_line_tuple
        WHERE tuples = 1
    )
    ON COLUMNS('^diagnosis_code_\d+$')
    INTO NAME field VALUE code
),
disputed_type AS (
    SELECT
        claim_uid,
        is_icd10_cm(value) AS is_icd10
    FROM stg_medical_claim_disputed_value
    WHERE field = 'diagnosis_code_type'
),
disputed AS (
    SELECT v.claim_uid, coalesce(t.is_icd10, true) AS is_icd10, v.field, v.value AS code
    FROM stg_medical_claim_disputed_value AS v
    LEFT JOIN disputed_type AS t USING (claim_uid)
    WHERE regexp_full_match(v.field, 'diagnosis_code_\d+')
)
SELECT claim_uid, CAST(substr(field, length('diagnosis_code_') + 1) AS INTEGER) AS position, code, is_icd10 FROM agreed
UNION ALL
SELECT claim_uid, CAST(substr(field, length('diagnosis_code_') + 1) AS INTEGER) AS position, code, is_icd10 FROM disputed
