-- core_episode: one row per episode = admission (MEASURES.md §4).
--
-- An episode's admission is its first stay's admission; its discharge the latest
-- discharge of its stays, with that stay's discharge disposition (ties: the later stay);
-- principal diagnosis, DRG and facility from its first stay (ties by claim_id, via the
-- stay order). Length of stay = discharge − admission in days; a same-day episode counts
-- 1. An episode whose last stay is an encounter still in hospital (§3a) is open: it runs
-- through data_through and is never an index (§6). admitted_through_ed (§5): one of its
-- acute inpatient claims carries an ED revenue line (0450, 0451, 0452, 0459, 0981).
WITH episode_stay AS (
    SELECT es.episode_id, es.stay_order, es.is_transfer, s.*
    FROM core_episode_stay AS es
    JOIN core_stay AS s USING (stay_id)
)
SELECT
    episode_id,
    any_value(person_id) AS person_id,
    min(admission_date) AS admission_date,
    max(discharge_date) AS discharge_date,
    greatest(max(discharge_date) - min(admission_date), 1) AS los,
    arg_min_null(facility_npi, stay_order) AS facility_npi,
    arg_max_null(facility_npi, (discharge_date, stay_order)) AS discharge_facility_npi,
    arg_min_null(principal_dx, stay_order) AS principal_dx,
    arg_min_null(principal_dx_matchable, stay_order) AS principal_dx_matchable,
    arg_min_null(drg_code, stay_order) AS drg_code,
    arg_max_null(discharge_disposition_code, (discharge_date, stay_order)) AS discharge_disposition_code,
    arg_max_null(is_open, (discharge_date, stay_order)) AS is_open,
    sum(paid_amount) AS paid_amount,
    bool_or(has_ed_revenue) AS admitted_through_ed,
    count(*) AS stay_count,
    sum(claim_count)::BIGINT AS claim_count,
    flatten(list(claim_ids ORDER BY stay_order)) AS claim_ids,
    flatten(list(claim_uids ORDER BY stay_order)) AS claim_uids
FROM episode_stay
GROUP BY episode_id
