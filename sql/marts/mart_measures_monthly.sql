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
-- members: distinct persons in the row; a person has one member month per month, so it
-- equals member_months (roll-ups add up exactly; summing members over months does not
-- give distinct persons). Member months and events are first counted per month ×
-- cohort × payer × program × the member month's four has_* flags (the person's target
-- conditions, the same as core_person_condition's rows), so a person with two conditions
-- is counted in both condition rows without joining tens of millions of member months to
-- the conditions; then rolled up. Rates are computed by readers (§7):
-- 12,000 × events / member_months, null when member_months = 0.
WITH person_month AS (
    SELECT
        mm.month,
        mm.cohort,
        mm.payer,
        coalesce(mm.program, 'none') AS program,
        mm.has_diabetes,
        mm.has_hypertension,
        mm.has_heart_failure,
        mm.has_ihd,
        coalesce(ev.admissions, 0) AS admissions,
        coalesce(ev.bed_days, 0) AS bed_days,
        coalesce(ev.ed_visits, 0) AS ed_visits,
        coalesce(ev.ed_treat_release, 0) AS ed_treat_release,
        coalesce(ev.ed_leading_to_admission, 0) AS ed_leading_to_admission,
        coalesce(ev.index_stays, 0) AS index_stays,
        coalesce(ev.readmissions, 0) AS readmissions,
        coalesce(ev.paid_amount, 0) AS paid_amount
    FROM mart_member_month AS mm
    LEFT JOIN ms_person_month_event AS ev USING (person_id, month)
),
finest AS (
    SELECT
        month, cohort, payer, program, has_diabetes, has_hypertension, has_heart_failure, has_ihd,
        count(*) AS member_months,
        sum(admissions) AS admissions,
        sum(bed_days) AS bed_days,
        sum(ed_visits) AS ed_visits,
        sum(ed_treat_release) AS ed_treat_release,
        sum(ed_leading_to_admission) AS ed_leading_to_admission,
        sum(index_stays) AS index_stays,
        sum(readmissions) AS readmissions,
        sum(paid_amount) AS paid_amount
    FROM person_month
    GROUP BY ALL
),
cell AS (
    SELECT * EXCLUDE (has_diabetes, has_hypertension, has_heart_failure, has_ihd), 'any' AS condition FROM finest
    UNION ALL
    SELECT * EXCLUDE (has_diabetes, has_hypertension, has_heart_failure, has_ihd), 'diabetes' FROM finest WHERE has_diabetes
    UNION ALL
    SELECT * EXCLUDE (has_diabetes, has_hypertension, has_heart_failure, has_ihd), 'hypertension' FROM finest WHERE has_hypertension
    UNION ALL
    SELECT * EXCLUDE (has_diabetes, has_hypertension, has_heart_failure, has_ihd), 'heart_failure' FROM finest WHERE has_heart_failure
    UNION ALL
    SELECT * EXCLUDE (has_diabetes, has_hypertension, has_heart_failure, has_ihd), 'ihd' FROM finest WHERE has_ihd
)
SELECT
    month,
    CASE WHEN grouping(cohort) = 1 THEN 'all' ELSE cohort END AS cohort,
    condition,
    CASE WHEN grouping(payer) = 1 THEN 'all' ELSE payer END AS payer,
    CASE WHEN grouping(program) = 1 THEN 'all' ELSE program END AS program,
    sum(member_months)::BIGINT AS member_months,
    sum(member_months)::BIGINT AS members,
    sum(admissions)::BIGINT AS admissions,
    sum(bed_days)::BIGINT AS bed_days,
    sum(ed_visits)::BIGINT AS ed_visits,
    sum(ed_treat_release)::BIGINT AS ed_treat_release,
    sum(ed_leading_to_admission)::BIGINT AS ed_leading_to_admission,
    sum(index_stays)::BIGINT AS index_stays,
    sum(readmissions)::BIGINT AS readmissions,
    sum(paid_amount) AS paid_amount
FROM cell
GROUP BY GROUPING SETS (
    (month, condition, cohort, payer, program),
    (month, condition, cohort, payer),
    (month, condition, cohort, program),
    (month, condition, cohort),
    (month, condition, payer, program),
    (month, condition, payer),
    (month, condition, program),
    (month, condition)
)
