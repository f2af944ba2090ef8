-- stg_medical_claim_diagnosis: the header diagnosis codes of each medical claim, one row
-- per position (1 = principal).
--
-- MEASURES.md §3: each position's code is the most frequent non-blank value across the
-- claim's lines — the common value when the lines agree, else the one picked in
-- stg_medical_claim_disputed_value. Code types: a blank diagnosis_code_type means
-- ICD-10-CM, as do spellings of it ('icd-10-cm', 'ICD10', 'icd_10'); a code of another
-- declared type (ICD-9, SNOMED CT, …) is kept but matches no code list (is_icd10 = false).
WITH agreed AS (
    UNPIVOT (
        SELECT claim_uid, COLUMNS('^diagnosis_code_\d+$')
        FROM stg_medical_claim_line_tuple
        WHERE tuples = 1
    )
    ON COLUMNS('^diagnosis_code_\d+$')
    INTO NAME field VALUE code
),
header_code AS (
    SELECT claim_uid, field, code FROM agreed
    UNION ALL
    SELECT claim_uid, field, value AS code
    FROM stg_medical_claim_disputed_value
    WHERE regexp_full_match(field, 'diagnosis_code_\d+')
)
SELECT
    c.claim_uid,
    CAST(substr(c.field, length('diagnosis_code_') + 1) AS INTEGER) AS position,
    c.code,
    regexp_replace(coalesce(h.diagnosis_code_type, ''), '[^a-z0-9]', '', 'g') IN ('', 'icd10', 'icd10cm') AS is_icd10
FROM header_code AS c
JOIN stg_medical_claim_header AS h USING (claim_uid)
