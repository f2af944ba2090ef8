-- ms_person_month_event: event counts per member month (person × month) that has any
-- event or paid claim; every event sits on the member month containing its anchor date
-- (MEASURES.md §2). Events whose anchor month is not a member month are left out
-- (counted in data quality). Member months without events have no row (readers treat a
-- missing row as zeros).
--
-- Anchors: admissions and bed days on the admission date (§4; bed days = the whole LOS
-- of the episodes admitted); ED visits on the visit date (§5); index stays and
-- readmissions on the index discharge date (§6); paid amounts on the claim start (§3).
-- Every event is one row of one UNION ALL (flagged: the ED visit led to admission, the
-- index stay was readmitted), counted per (person, month) by a single aggregate, so the
-- member months are met by one join.
WITH event AS (
    SELECT person_id, date_trunc('month', admission_date)::DATE AS month, 'episode' AS kind, los AS bed_days,
           false AS flagged, CAST(NULL AS DOUBLE) AS paid_amount
    FROM core_episode
    UNION ALL
    SELECT person_id, date_trunc('month', visit_date)::DATE, 'ed', NULL, led_to_admission, NULL
    FROM ms_ed_event
    UNION ALL
    SELECT i.person_id, date_trunc('month', i.discharge_date)::DATE, 'index', NULL, r.readmitted, NULL
    FROM ms_episode_index AS i
    JOIN ms_readmission AS r USING (episode_id)
    WHERE i.is_index
    UNION ALL
    SELECT person_id, date_trunc('month', start_date)::DATE, 'claim', NULL, false, paid_amount
    FROM core_claim
),
event_month AS (
    SELECT
        person_id,
        month,
        count(*) FILTER (WHERE kind = 'episode') AS admissions,
        coalesce(sum(bed_days), 0) AS bed_days,
        count(*) FILTER (WHERE kind = 'ed') AS ed_visits,
        count(*) FILTER (WHERE kind = 'ed' AND flagged) AS ed_leading_to_admission,
        count(*) FILTER (WHERE kind = 'index') AS index_stays,
        count(*) FILTER (WHERE kind = 'index' AND flagged) AS readmissions,
        coalesce(sum(paid_amount), 0) AS paid_amount
    FROM event
    GROUP BY person_id, month
)
SELECT
    e.person_id,
    e.month,
    e.admissions,
    e.bed_days,
    e.ed_visits,
    e.ed_visits - e.ed_leading_to_admission AS ed_treat_release,
    e.ed_leading_to_admission,
    e.index_stays,
    e.readmissions,
    e.paid_amount
FROM event_month AS e
SEMI JOIN core_member_month AS mm ON mm.person_id = e.person_id AND mm.month = e.month
