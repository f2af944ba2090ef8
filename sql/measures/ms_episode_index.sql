-- ms_episode_index: the index-stay conditions of each episode (MEASURES.md §6), except
-- "discharge date within the period", which the report applies.
--
-- An index episode meets all of:
--   1. discharged at most data_through − 30 days (full 30-day run-out);
--   2. discharged alive: last disposition not 20, 40, 41, 42, and no death_date on or
--      before the discharge date;
--   3. not against medical advice: last disposition not 07;
--   4. principal diagnosis not in the HWR exclusion CCS categories (medical treatment of
--      cancer, psychiatric, rehabilitation; ref_exclusion_ccs_diagnosis_category) — a
--      blank or non-ICD-10 principal diagnosis matches no list, so it is not excluded;
--   5. discharge month is a member month.
-- §3a: an encounter still in hospital (open) is never an index.
-- exclusion_reason names the first condition an episode fails (for data quality).
WITH checked AS (
    SELECT
        e.episode_id,
        e.person_id,
        e.discharge_date,
        e.discharge_date <= b.data_through - 30 AS has_runout,
        NOT coalesce(e.discharge_disposition_code IN ('20', '40', '41', '42'), false)
            AND NOT coalesce(p.death_date <= e.discharge_date, false) AS discharged_alive,
        NOT coalesce(e.discharge_disposition_code = '07', false) AS not_against_advice,
        NOT coalesce(m.ccs_category IN (SELECT ccs_diagnosis_category FROM ref_exclusion_ccs_diagnosis_category), false) AS not_excluded_diagnosis,
        mm.person_id IS NOT NULL AS discharge_in_member_month,
        mm.cohort AS discharge_cohort,
        NOT e.is_open AS is_discharged
    FROM core_episode AS e
    CROSS JOIN build_info AS b
    LEFT JOIN core_person AS p USING (person_id)
    LEFT JOIN ref_ccs_dx_icd10cm_2019_1 AS m ON m.icd_10_cm_code = e.principal_dx_matchable
    LEFT JOIN core_member_month AS mm ON mm.person_id = e.person_id AND mm.month = date_trunc('month', e.discharge_date)
)
SELECT
    *,
    is_discharged AND has_runout AND discharged_alive AND not_against_advice
        AND not_excluded_diagnosis AND discharge_in_member_month AS is_index,
    CASE
        WHEN NOT is_discharged THEN 'still in hospital'
        WHEN NOT discharged_alive THEN 'died'
        WHEN NOT not_against_advice THEN 'against medical advice'
        WHEN NOT not_excluded_diagnosis THEN 'excluded diagnosis'
        WHEN NOT discharge_in_member_month THEN 'outside eligibility'
        WHEN NOT has_runout THEN 'within 30 days of data_through'
    END AS exclusion_reason
FROM checked
