-- is_icd10_cm(code_type): whether a declared diagnosis code type means ICD-10-CM, so that
-- the code may match a code list.
--
-- MEASURES.md §3: a blank diagnosis_code_type means ICD-10-CM, as do spellings of it
-- ('icd-10-cm', 'ICD10', 'icd_10'); a code of another declared type (ICD-9, SNOMED CT, …)
-- is kept but matches no code list. Ingest has lower-cased the type (contract.ts).
CREATE MACRO is_icd10_cm(code_type) AS
    regexp_replace(coalesce(code_type, ''), '[^a-z0-9]', '', 'g') IN ('', 'icd10', 'icd10cm')
