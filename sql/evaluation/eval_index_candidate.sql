-- eval_index_candidate: the units of the matched comparison (risk-set matching, Li,
-- Propert & Rosenbaum, JASA 2001;96:870–82), one row per candidate index month:
-- - role 'treated': each enrolled person at the index month = the first month of the
--   person's first case-management enrolment (first member month with cohort 'managed',
--   MEASURES.md §2), whatever their eligibility around it (the evaluation reports the
--   ones it drops and why);
-- - role 'comparison': each person of the target population not yet enrolled at the
--   month (never enrolled, or enrolled only later: later_enrolled), at every month that
--   is some treated person's index month (pseudo-index months), when 12 baseline and 12
--   follow-up months are all member months and the follow-up ends by the last complete
--   month of data. The evaluation decides whether later-enrolled persons may serve.
-- Baseline = the 12 months ending with the index month (the index month is baseline:
-- programs enrol right after the events that select members, and a month is the unit of
-- eligibility); follow-up = the 12 months after it. recent_* = the index month and the two
-- before it; prior_month_* = the month before the index month; index_* = the index month. Counts are summed over the member months in
-- each window; *_months counts those member months.
WITH first_managed AS (
  SELECT person_id, min(month) AS index_month FROM eval_person_month WHERE cohort = 'managed' GROUP BY person_id
),
index_months AS (SELECT DISTINCT index_month AS month FROM first_managed),
target AS (SELECT person_id FROM eval_person_month GROUP BY person_id HAVING bool_or(is_target)),
last_month AS (
  SELECT CASE WHEN data_through = last_day(data_through) THEN date_trunc('month', data_through)
              ELSE date_trunc('month', data_through) - INTERVAL 1 MONTH END::DATE AS last_full_month
  FROM build_info
),
windows AS (
  SELECT p.person_id, p.month, p.age_band, p.sex, p.has_diabetes, p.has_hypertension, p.has_heart_failure, p.has_ihd,
    p.condition_count, p.charlson_index, p.charlson_band,
    p.admissions AS index_admissions, p.ed_visits AS index_ed_visits,
    count(*) OVER baseline AS baseline_months,
    sum(p.admissions) OVER baseline AS baseline_admissions,
    sum(p.ed_visits) OVER baseline AS baseline_ed_visits,
    sum(p.index_stays) OVER baseline AS baseline_index_stays,
    sum(p.readmissions) OVER baseline AS baseline_readmissions,
    sum(p.paid) OVER baseline AS baseline_paid,
    sum(p.admissions) OVER recent AS recent_admissions,
    sum(p.ed_visits) OVER recent AS recent_ed_visits,
    coalesce(sum(p.admissions) OVER prior_month, 0) AS prior_month_admissions,
    coalesce(sum(p.ed_visits) OVER prior_month, 0) AS prior_month_ed_visits,
    count(*) OVER follow_up AS follow_up_months,
    coalesce(sum(p.admissions) OVER follow_up, 0) AS follow_up_admissions,
    coalesce(sum(p.ed_visits) OVER follow_up, 0) AS follow_up_ed_visits,
    coalesce(sum(p.index_stays) OVER follow_up, 0) AS follow_up_index_stays,
    coalesce(sum(p.readmissions) OVER follow_up, 0) AS follow_up_readmissions,
    coalesce(sum(p.paid) OVER follow_up, 0) AS follow_up_paid
  FROM eval_person_month p
  WINDOW
    baseline AS (PARTITION BY p.person_id ORDER BY p.month RANGE BETWEEN INTERVAL 11 MONTH PRECEDING AND CURRENT ROW),
    recent AS (PARTITION BY p.person_id ORDER BY p.month RANGE BETWEEN INTERVAL 2 MONTH PRECEDING AND CURRENT ROW),
    prior_month AS (PARTITION BY p.person_id ORDER BY p.month RANGE BETWEEN INTERVAL 1 MONTH PRECEDING AND INTERVAL 1 MONTH PRECEDING),
    follow_up AS (PARTITION BY p.person_id ORDER BY p.month RANGE BETWEEN INTERVAL 1 MONTH FOLLOWING AND INTERVAL 12 MONTH FOLLOWING)
)
SELECT CASE WHEN w.month = f.index_month THEN 'treated' ELSE 'comparison' END AS role,
  w.*, (w.month + INTERVAL 12 MONTH)::DATE <= l.last_full_month AS follow_up_in_data,
  f.person_id IS NOT NULL AS later_enrolled
FROM windows w
CROSS JOIN last_month l
LEFT JOIN first_managed f ON f.person_id = w.person_id
WHERE (f.person_id IS NOT NULL AND w.month = f.index_month)
   OR ((f.person_id IS NULL OR w.month < f.index_month)
       AND w.person_id IN (SELECT person_id FROM target)
       AND w.month IN (SELECT month FROM index_months)
       AND w.baseline_months = 12 AND w.follow_up_months = 12
       AND (w.month + INTERVAL 12 MONTH)::DATE <= l.last_full_month)
