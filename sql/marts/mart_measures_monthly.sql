-- mart_measures_monthly: numerators and denominators per month × cohort × condition ×
-- payer × program, so any range of months sums correctly (except members, which is
-- distinct persons within one month).
--
-- Rows: every member month through data_through (mart_member_month) with the events
-- anchored in it (ms_person_month_event: admissions and bed days on the admission date,
-- ED visits on the visit date, index stays and readmissions on the index discharge date,
-- paid on the claim start — MEASURES.md §2, §4–§6). Events outside eligibility are not
-- here. Dimensions:
--   cohort    managed / unmanaged / other, or 'all' (every member month, §2);
--   condition 'any' (no condition filter: every member month) or one of diabetes,
--             hypertension, heart_failure, ihd (persons with that target condition; a
--             person with two conditions is in both rows);
--   payer     the member month's payer, or 'all';
--   program   the member month's program ('none' when not enrolled), or 'all'.
-- Rates are computed by readers (§7): 12,000 × events / member_months, null when
-- member_months = 0.
WITH person_month AS (
    SELECT
        mm.person_id,
        mm.month,
        mm.cohort,
        mm.payer,
        coalesce(mm.program, 'none') AS program,
        ev.admissions,
        ev.bed_days,
        ev.ed_visits,
        ev.ed_treat_release,
        ev.ed_leading_to_admission,
        ev.index_stays,
        ev.readmissions,
        ev.paid_amount
    FROM mart_member_month AS mm
    JOIN ms_person_month_event AS ev USING (person_id, month)
),
person_condition AS (
    SELECT DISTINCT person_id, 'any' AS condition FROM mart_member_month
    UNION ALL
    SELECT person_id, condition FROM core_person_condition
)
SELECT
    pm.month,
    CASE WHEN grouping(pm.cohort) = 1 THEN 'all' ELSE pm.cohort END AS cohort,
    pc.condition,
    CASE WHEN grouping(pm.payer) = 1 THEN 'all' ELSE pm.payer END AS payer,
    CASE WHEN grouping(pm.program) = 1 THEN 'all' ELSE pm.program END AS program,
    count(*) AS member_months,
    count(*) AS members,
    sum(pm.admissions)::BIGINT AS admissions,
    sum(pm.bed_days)::BIGINT AS bed_days,
    sum(pm.ed_visits)::BIGINT AS ed_visits,
    sum(pm.ed_treat_release)::BIGINT AS ed_treat_release,
    sum(pm.ed_leading_to_admission)::BIGINT AS ed_leading_to_admission,
    sum(pm.index_stays)::BIGINT AS index_stays,
    sum(pm.readmissions)::BIGINT AS readmissions,
    sum(pm.paid_amount) AS paid_amount
FROM person_month AS pm
JOIN person_condition AS pc USING (person_id)
GROUP BY GROUPING SETS (
    (pm.month, pc.condition, pm.cohort, pm.payer, pm.program),
    (pm.month, pc.condition, pm.cohort, pm.payer),
    (pm.month, pc.condition, pm.cohort, pm.program),
    (pm.month, pc.condition, pm.cohort),
    (pm.month, pc.condition, pm.payer, pm.program),
    (pm.month, pc.condition, pm.payer),
    (pm.month, pc.condition, pm.program),
    (pm.month, pc.condition)
)
