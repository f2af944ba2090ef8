-- stg_medical_claim_diagnosis: the header diagnosis codes of each medical claim, one row
-- per position (1 = principal).
--
-- MEASURES.md §3: each position's code is the most frequent non-blank value across the
-- claim's lines (stg_medical_claim_header_value). Code types: a blank
-- diagnosis_code_type means ICD-10-CM, as do spellings of it ('icd-10-cm', 'ICD10',
-- 'icd_10'); a code of another declared type (ICD-9, SNOMED CT, …) is kept but matches no
-- code list (is_icd10 = false).
SELECT
    v.claim_uid,
    CAST(regexp_extract(v.field, '(\d+)$', 1) AS INTEGER) AS position,
    v.value AS code,
    regexp_replace(coalesce(h.diagnosis_code_type, ''), '[^a-z0-9]', '', 'g') IN ('', 'icd10', 'icd10cm') AS is_icd10
FROM stg_medical_claim_header_value AS v
JOIN stg_medical_claim_header AS h USING (claim_uid)
WHERE regexp_matches(v.field, '^diagnosis_code_\d+$')
