-- stg_medical_claim_procedure: the header procedure codes of each medical claim, one row
-- per position.
--
-- MEASURES.md §3: each position's code is the most frequent non-blank value across the
-- claim's lines (as for diagnoses). A blank procedure_code_type means ICD-10-PCS, as do
-- spellings of it ('icd-10-pcs', 'ICD10'); codes of another declared type are kept but
-- match no list.
WITH agreed AS (
    UNPIVOT (
        SELECT claim_uid, COLUMNS('^procedure_code_\d+$')
        FROM stg_medical_claim_line_tuple
        WHERE tuples = 1
    )
    ON COLUMNS('^procedure_code_\d+$')
    INTO NAME field VALUE code
),
header_code AS (
    SELECT claim_uid, field, code FROM agreed
    UNION ALL
    SELECT claim_uid, field, value AS code
    FROM stg_medical_claim_disputed_value
    WHERE regexp_full_match(field, 'procedure_code_\d+')
)
SELECT
    c.claim_uid,
    CAST(substr(c.field, length('procedure_code_') + 1) AS INTEGER) AS position,
    c.code,
    regexp_replace(coalesce(h.procedure_code_type, ''), '[^a-z0-9]', '', 'g') IN ('', 'icd10', 'icd10pcs') AS is_icd10_pcs
FROM header_code AS c
JOIN stg_medical_claim_header AS h USING (claim_uid)
