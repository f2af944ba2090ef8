-- core_episode_procedure: the distinct procedure codes of each episode — all procedure
-- codes of the claims of all its stays (MEASURES.md §4), with the ICD-10-PCS flag.
SELECT DISTINCT
    es.episode_id,
    p.code,
    p.is_icd10_pcs
FROM core_episode_stay AS es
JOIN core_stay_claim AS sc USING (stay_id)
JOIN stg_claim_procedure AS p USING (claim_uid)
