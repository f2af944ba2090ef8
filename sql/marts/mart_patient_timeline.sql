-- mart_patient_timeline: one row per event of a person, for the patient timeline.
--
-- kind:
--   inpatient — an episode (MEASURES.md §4), admission to discharge; label: principal
--               diagnosis and its CCS category, length of stay;
--   ed        — an ED event (§5) on its visit date; label says whether it led to admission;
--   office / ccm / tcm / other — every other used claim that carries no ED line
--               (core_care_contact), on its start date.
-- claim_id/data_source: the claim behind the event (the first claim of an episode or an
-- ED visit); episode_id links inpatient and ED events to mart_episode.
WITH claim_source AS (
    -- only the claim ids an episode or ED event names (not every claim's)
    SELECT claim_id, any_value(data_source) AS data_source
    FROM core_claim
    WHERE claim_id IN (SELECT claim_ids[1] FROM mart_episode UNION ALL SELECT claim_id FROM mart_ed_visit)
    GROUP BY claim_id
)
SELECT
    e.person_id,
    e.admission_date AS event_date,
    e.discharge_date AS end_date,
    'inpatient' AS kind,
    concat_ws(' · ', 'Inpatient stay', coalesce(e.principal_dx, 'no principal diagnosis'),
              e.principal_ccs_description, e.los || CASE WHEN e.los = 1 THEN ' day' ELSE ' days' END) AS label,
    e.claim_ids[1] AS claim_id,
    s.data_source,
    e.episode_id,
    e.paid_amount
FROM mart_episode AS e
LEFT JOIN claim_source AS s ON s.claim_id = e.claim_ids[1]
UNION ALL
SELECT
    v.person_id,
    v.visit_date,
    v.visit_date,
    'ed',
    CASE WHEN v.led_to_admission THEN 'ED visit · admitted' ELSE 'ED visit · treated and released' END,
    v.claim_id,
    s.data_source,
    v.episode_id,
    v.paid_amount
FROM mart_ed_visit AS v
LEFT JOIN claim_source AS s ON s.claim_id = v.claim_id
UNION ALL
SELECT
    c.person_id,
    c.start_date,
    c.end_date,
    c.kind,
    concat_ws(' · ',
              CASE c.kind WHEN 'office' THEN 'Office visit' WHEN 'ccm' THEN 'Chronic care management'
                          WHEN 'tcm' THEN 'Transitional care management' ELSE coalesce(c.encounter_type, c.claim_class || ' claim') END,
              c.first_hcpcs, c.principal_dx),
    c.claim_id,
    c.data_source,
    CAST(NULL AS VARCHAR),
    c.paid_amount
FROM core_care_contact AS c
WHERE NOT c.has_ed_line
