-- is_icd10_pcs(code_type): whether a declared procedure code type means ICD-10-PCS, so that
-- the code may match a code list.
--
-- MEASURES.md §3: a blank procedure_code_type means ICD-10-PCS, as do spellings of it
-- ('icd-10-pcs', 'ICD10', 'icd_10'); other declared types (ICD-9-PCS, …) match no code
-- list. Ingest has lower-cased the type (contract.ts).
CREATE MACRO is_icd10_pcs(code_type) AS
    regexp_replace(coalesce(code_type, ''), '[^a-z0-9]', '', 'g') IN ('', 'icd10', 'icd10pcs')
