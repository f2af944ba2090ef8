-- ms_person_month_event: event counts per member month (person × month) that has any
-- event or paid claim; every event sits on the member month containing its anchor date
-- (MEASURES.md §2). Events whose anchor month is not a member month are left out
-- (counted in data quality). Member months without events have no row (readers treat a
-- missing row as zeros).
--
-- Anchors: admissions and bed days on the admission date (§4; bed days = the whole LOS
-- of the episodes admitted); ED visits on the visit date (§5); index stays and
-- readmissions on the index discharge date (§6); paid amounts on the claim start (§3).
WITH episode AS (
    SELECT person_id, date_trunc('month', admission_date)::DATE AS month, count(*) AS admissions, sum(los) AS bed_days
    FROM core_episode
    GROUP BY ALL
),
ed AS (
    SELECT
        person_id,
        date_trunc('month', visit_date)::DATE AS month,
        count(*) AS ed_visits,
        count(*) FILTER (WHERE led_to_admission) AS ed_leading_to_admission
    FROM ms_ed_event
    GROUP BY ALL
),
index_stay AS (
    SELECT
        i.person_id,
        date_trunc('month', i.discharge_date)::DATE AS month,
        count(*) AS index_stays,
        count(*) FILTER (WHERE r.readmitted) AS readmissions
    FROM ms_episode_index AS i
    JOIN ms_readmission AS r USING (episode_id)
    WHERE i.is_index
    GROUP BY ALL
),
paid AS MATERIALIZED (
    -- read twice below; computed once (a scan of every used claim)
    SELECT person_id, date_trunc('month', start_date)::DATE AS month, sum(paid_amount) AS paid_amount
    FROM core_claim
    GROUP BY ALL
),
event_month AS (
    SELECT person_id, month FROM episode
    UNION
    SELECT person_id, month FROM ed
    UNION
    SELECT person_id, month FROM index_stay
    UNION
    SELECT person_id, month FROM paid
)
SELECT
    mm.person_id,
    mm.month,
    coalesce(e.admissions, 0) AS admissions,
    coalesce(e.bed_days, 0) AS bed_days,
    coalesce(d.ed_visits, 0) AS ed_visits,
    coalesce(d.ed_visits, 0) - coalesce(d.ed_leading_to_admission, 0) AS ed_treat_release,
    coalesce(d.ed_leading_to_admission, 0) AS ed_leading_to_admission,
    coalesce(i.index_stays, 0) AS index_stays,
    coalesce(i.readmissions, 0) AS readmissions,
    coalesce(p.paid_amount, 0) AS paid_amount
FROM event_month AS em
JOIN core_member_month AS mm USING (person_id, month)
LEFT JOIN episode AS e USING (person_id, month)
LEFT JOIN ed AS d USING (person_id, month)
LEFT JOIN index_stay AS i USING (person_id, month)
LEFT JOIN paid AS p USING (person_id, month)
