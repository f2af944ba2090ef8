-- ms_ed_event: emergency department events — one per emergency, however billed
-- (MEASURES.md §5), with the cohort of the member month containing the anchor date
-- (§2; null when that month is not a member month).
--
-- * Every outpatient ED visit (core_ed_visit), anchored on the visit date. It leads to
--   admission when an episode of the person is admitted on the visit date or the day
--   after; episode_id names the first such episode (by admission, then episode_id).
-- * Every episode admitted through the ED (an ED revenue line on its acute inpatient
--   claims) that no outpatient ED visit leads to: an event anchored on its admission
--   date, leading to admission.
-- ED visits = all events; leading to admission = events linked to an episode;
-- treat-and-release = the others.
WITH visit_link AS (
    SELECT
        v.person_id,
        v.visit_date,
        e.episode_id,
        (e.admission_date, e.episode_id) AS link_order
    FROM core_ed_visit AS v
    LEFT JOIN core_episode AS e
      ON e.person_id = v.person_id
     AND e.admission_date BETWEEN v.visit_date AND v.visit_date + 1
),
outpatient AS (
    SELECT
        v.person_id,
        v.visit_date,
        'outpatient' AS source,
        l.episode_id,
        v.paid_amount,
        v.first_claim_id
    FROM core_ed_visit AS v
    LEFT JOIN (
        SELECT person_id, visit_date, arg_min(episode_id, link_order) AS episode_id
        FROM visit_link
        WHERE episode_id IS NOT NULL
        GROUP BY person_id, visit_date
    ) AS l USING (person_id, visit_date)
),
inpatient_only AS (
    SELECT
        e.person_id,
        e.admission_date AS visit_date,
        'inpatient_only' AS source,
        e.episode_id,
        CAST(NULL AS DOUBLE) AS paid_amount,
        e.claim_ids[1] AS first_claim_id
    FROM core_episode AS e
    WHERE e.admitted_through_ed
      AND NOT EXISTS (SELECT 1 FROM visit_link AS l WHERE l.episode_id = e.episode_id)
),
event AS (
    SELECT * FROM outpatient
    UNION ALL
    SELECT * FROM inpatient_only
)
SELECT
    ev.person_id || ':' || ev.visit_date || ':' || ev.source AS ed_visit_id,
    ev.person_id,
    ev.visit_date,
    ev.source,
    ev.episode_id,
    ev.episode_id IS NOT NULL AS led_to_admission,
    ev.paid_amount,
    ev.first_claim_id,
    mm.cohort
FROM event AS ev
LEFT JOIN core_member_month AS mm ON mm.person_id = ev.person_id AND mm.month = date_trunc('month', ev.visit_date)
