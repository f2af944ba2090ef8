-- stg_claim_procedure: procedure codes of every claim (MEASURES.md §4 "procedures = all
-- procedure codes of its claims"), with is_icd10_pcs = the code may match a code list.
-- §3a: an encounter's procedures are its procedure rows.
--
-- materialized: view (a filter/projection/union: read in place, not copied)
SELECT claim_uid, code, is_icd10_pcs FROM stg_medical_claim_procedure
UNION ALL
SELECT claim_uid, code, is_icd10_pcs FROM stg_encounter_procedure
