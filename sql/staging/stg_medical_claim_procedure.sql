-- stg_medical_claim_procedure: the header procedure codes of each medical claim, one row
-- per position.
--
-- MEASURES.md §3: each position's code is the most frequent non-blank value across the
-- claim's lines. A blank procedure_code_type means ICD-10-PCS, as do spellings of it
-- ('icd-10-pcs', 'ICD10'); codes of another declared type are kept but match no list.
SELECT
    v.claim_uid,
    CAST(regexp_extract(v.field, '(\d+)$', 1) AS INTEGER) AS position,
    v.value AS code,
    regexp_replace(coalesce(h.procedure_code_type, ''), '[^a-z0-9]', '', 'g') IN ('', 'icd10', 'icd10pcs') AS is_icd10_pcs
FROM stg_medical_claim_header_value AS v
JOIN stg_medical_claim_header AS h USING (claim_uid)
WHERE regexp_matches(v.field, '^procedure_code_\d+$')
