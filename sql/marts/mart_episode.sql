-- mart_episode: one row per episode = admission (MEASURES.md §4), with its cohorts,
-- index status (§6), planned flag (CMS PRA v4) and outcome.
--
-- admit_cohort: cohort of the member month containing the admission date (anchor of
-- admissions and bed days); discharge_cohort: of the discharge month (anchor of index
-- stays and readmissions); null when that month is not a member month (§2).
-- is_index: all §6 conditions except "discharge within the period", which readers apply
-- on discharge_date. readmitted: null unless index; readmission_episode_id: the first
-- episode admitted 0–30 days after the discharge, whether planned or not
-- (readmission_planned); readmitted = it exists and is not planned.
-- is_readmission: this episode is the counted (unplanned) readmission of an index.
WITH counted_readmission AS (
    SELECT DISTINCT readmission_episode_id AS episode_id FROM ms_readmission WHERE readmitted
)
SELECT
    e.episode_id,
    e.person_id,
    e.admission_date,
    e.discharge_date,
    e.los,
    e.facility_npi,
    e.discharge_facility_npi,
    e.principal_dx,
    p.principal_ccs,
    ccs.ccs_category_description AS principal_ccs_description,
    e.drg_code,
    e.discharge_disposition_code AS discharge_disposition,
    e.paid_amount,
    e.admitted_through_ed,
    am.cohort AS admit_cohort,
    i.discharge_cohort,
    am.program AS admit_program,
    i.is_index,
    i.exclusion_reason AS index_exclusion_reason,
    p.is_planned,
    r.readmitted,
    r.readmission_episode_id,
    r.readmission_planned,
    r.days_to_readmission,
    cr.episode_id IS NOT NULL AS is_readmission,
    e.is_open,
    e.stay_count,
    e.claim_count,
    e.claim_ids
FROM core_episode AS e
JOIN ms_episode_index AS i USING (episode_id)
JOIN ms_episode_planned AS p USING (episode_id)
LEFT JOIN ms_readmission AS r USING (episode_id)
LEFT JOIN counted_readmission AS cr USING (episode_id)
LEFT JOIN ref_ccs_dx_categories AS ccs ON ccs.ccs_category = p.principal_ccs
LEFT JOIN core_member_month AS am ON am.person_id = e.person_id AND am.month = date_trunc('month', e.admission_date)
