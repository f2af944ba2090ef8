-- mart_data_quality: one row per data-quality metric (metric, value, detail).
--
--   rejected_rows                 rows ingest rejected: 'all', then per table and rule (ingest_rejects)
--   values_set_null               values ingest could not parse and loaded as NULL
--                                 (ingest_warnings), per table and rule
--   reversed_claims               claims excluded as reversals (MEASURES.md §3)
--   replaced_claims               claims excluded because a frequency-7 claim replaced them (§3)
--   events_outside_eligibility    admissions and ED visits whose anchor month is not a
--                                 member month (§2), per kind
--   stays_with_null_facility      acute inpatient stays none of whose claims has a facility (§4)
--   claims_without_principal_diagnosis   used claims with no diagnosis_code_1 (§3), per class
--   non_icd10_diagnosis_claims    used claims whose diagnoses are of another declared type (§3)
--   malformed_bill_type           used institutional claims whose bill type is not 3 digits
--   index_candidates_lost_to_runout  episodes meeting every index condition but discharged
--                                 within 30 days of data_through (§6)
--   planned_readmissions          index stays whose first episode within 30 days is planned (§6)
--   open_inpatient_encounters     episodes still in hospital at data_through (§3a)
SELECT 'rejected_rows' AS metric, count(*) AS value, 'all' AS detail FROM ingest_rejects
UNION ALL
SELECT 'rejected_rows', count(*), table_name || ': ' || rule
FROM ingest_rejects
GROUP BY table_name, rule
UNION ALL
SELECT 'values_set_null', count(*), table_name || ': ' || rule
FROM ingest_warnings
GROUP BY table_name, rule
UNION ALL
SELECT 'reversed_claims', count(*), NULL FROM core_claim_candidate WHERE is_reversal
UNION ALL
SELECT 'replaced_claims', count(*), NULL FROM core_claim_replacement
UNION ALL
SELECT 'events_outside_eligibility', count(*), 'admissions' FROM mart_episode WHERE admit_cohort IS NULL
UNION ALL
SELECT 'events_outside_eligibility', count(*), 'ed_visits' FROM mart_ed_visit WHERE cohort IS NULL
UNION ALL
SELECT 'stays_with_null_facility', count(*), NULL FROM core_stay WHERE facility_npi IS NULL
UNION ALL
SELECT 'claims_without_principal_diagnosis', count(*), claim_class
FROM core_claim
WHERE principal_dx IS NULL
GROUP BY claim_class
UNION ALL
SELECT 'non_icd10_diagnosis_claims', count(*), NULL
FROM core_claim
WHERE has_non_icd10_diagnosis
UNION ALL
SELECT 'malformed_bill_type', count(*), NULL
FROM core_claim
WHERE claim_class = 'institutional' AND bill_type_code IS NOT NULL AND NOT regexp_matches(bill_type_code, '^[0-9]{3}$')
UNION ALL
SELECT 'index_candidates_lost_to_runout', count(*), NULL
FROM ms_episode_index
WHERE NOT has_runout AND is_discharged AND discharged_alive AND not_against_advice
  AND not_excluded_diagnosis AND discharge_in_member_month
UNION ALL
SELECT 'planned_readmissions', count(*), NULL FROM ms_readmission WHERE readmission_planned
UNION ALL
SELECT 'open_inpatient_encounters', count(*), NULL FROM core_episode WHERE is_open
