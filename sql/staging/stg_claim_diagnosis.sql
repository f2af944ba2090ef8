-- stg_claim_diagnosis: diagnosis codes of every claim, one row per position
-- (1 = principal, MEASURES.md §3), with is_icd10 = the code may match a code list:
-- medical claims' header codes and those of encounter-derived claims (§3a).
--
-- materialized: view (a filter/projection/union: read in place, not copied)
SELECT claim_uid, position, code, is_icd10 FROM stg_medical_claim_diagnosis
UNION ALL
SELECT claim_uid, position, code, is_icd10 FROM stg_encounter_diagnosis
