-- stg_medical_claim_procedure: the header procedure codes of each medical claim, one row
-- per position.
--
-- MEASURES.md §3: each position's code is the most frequent non-blank value across the
-- claim's lines (as for diagnoses). A blank procedure_code_type means ICD-10-PCS, as do
-- spellings of it ('icd-10-pcs', 'ICD10'); codes of another declared type are kept but
-- match no list.
WITH agreed_claim AS (
    SELECT
        claim_uid,
        is_icd10_pcs(procedure_code_type) AS is_icd10_pcs,
        COLUMNS('^procedure_code_\d+$'),
        coalesce(*COLUMNS('^procedure_code_\d+$')) AS any_procedure
    FROM stg_medical_claim_line_tuple
    WHERE tuples = 1
),
agreed AS (
    UNPIVOT (SELECT * EXCLUDE (any_procedure) FROM agreed_claim WHERE any_procedure IS NOT NULL)
    ON COLUMNS('^procedure_code_\d+$')
    INTO NAME field VALUE code
),
disputed_type AS (
    SELECT
        claim_uid,
        is_icd10_pcs(value) AS is_icd10_pcs
    FROM stg_medical_claim_disputed_value
    WHERE field = 'procedure_code_type'
),
disputed AS (
    SELECT v.claim_uid, coalesce(t.is_icd10_pcs, true) AS is_icd10_pcs, v.field, v.value AS code
    FROM stg_medical_claim_disputed_value AS v
    LEFT JOIN disputed_type AS t USING (claim_uid)
    WHERE regexp_full_match(v.field, 'procedure_code_\d+')
)
SELECT claim_uid, CAST(substr(field, length('procedure_code_') + 1) AS INTEGER) AS position, code, is_icd10_pcs FROM agreed
UNION ALL
SELECT claim_uid, CAST(substr(field, length('procedure_code_') + 1) AS INTEGER) AS position, code, is_icd10_pcs FROM disputed
