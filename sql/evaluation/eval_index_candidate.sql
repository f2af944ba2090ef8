-- eval_index_candidate: the units of the matched comparison (risk-set matching, Li,
-- Propert & Rosenbaum, JASA 2001;96:870–82), one row per candidate index month:
-- - role 'treated': each enrolled person at the index month = the first month of the
--   person's first case-management enrolment (first member month with cohort 'managed',
--   MEASURES.md §2), whatever their eligibility around it (the evaluation reports the
--   ones it drops and why);
-- - role 'comparison': each person of the target population not yet enrolled at the
--   month (never enrolled, or enrolled only later: later_enrolled), at every month that
--   is some treated person's index month (pseudo-index months), when the 12 baseline
--   months are all member months and at least one follow-up month is. The evaluation
--   decides whether later-enrolled persons may serve.
-- Baseline = the 12 months before the index month (what case-finding looks at); the index
-- month itself is a washout (enrolment falls somewhere inside it) reported as index_*;
-- follow-up = the member months among the 12 months after it, up to the last complete
-- month of data (fewer when eligibility ends: death, leaving the plan; rates are per
-- member month). recent_* = the 3 months before the index month,
-- half_year_* = the 6 months before it, prior_month_* = the month before it;
-- discharged_recently = an episode discharged in the 45 days before the index month
-- (programs enrol right after discharges). Counts are summed over the member months in
-- each window; *_months counts those member months. follow_up_managed_months: follow-up
-- months in a program (the analysis is intention to treat: enrolled members who leave,
-- and comparison members who enrol later, stay).
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
span AS (SELECT person_id, min(month) AS first_month, max(month) AS last_month FROM eval_person_month GROUP BY person_id),
anchors AS (
  SELECT 'treated' AS role, f.person_id, f.index_month AS month, true AS later_enrolled FROM first_managed f
  UNION ALL
  SELECT 'comparison', p.person_id, p.month, f.person_id IS NOT NULL
  FROM eval_person_month p
  JOIN target t ON t.person_id = p.person_id
  JOIN index_months i ON i.month = p.month
  JOIN span s ON s.person_id = p.person_id
  CROSS JOIN last_month l
  LEFT JOIN first_managed f ON f.person_id = p.person_id
  WHERE (f.person_id IS NULL OR p.month < f.index_month)
    -- only months with a possible full baseline and at least one follow-up month
    AND s.first_month <= p.month - INTERVAL 12 MONTH
    AND (p.month + INTERVAL 1 MONTH)::DATE <= least(s.last_month, l.last_full_month)
),
discharges AS (
  SELECT a.person_id, a.month, count(*) AS n
  FROM anchors a
  JOIN mart_episode e ON e.person_id = a.person_id
   AND e.discharge_date >= (a.month - INTERVAL 45 DAY)::DATE AND e.discharge_date < a.month
  GROUP BY a.person_id, a.month
),
windows AS (
  SELECT a.role, a.person_id, a.month, a.later_enrolled,
    (count(*) FILTER (WHERE w.month < a.month))::INTEGER AS baseline_months,
    (coalesce(sum(w.admissions) FILTER (WHERE w.month < a.month), 0))::INTEGER AS baseline_admissions,
    (coalesce(sum(w.ed_visits) FILTER (WHERE w.month < a.month), 0))::INTEGER AS baseline_ed_visits,
    (coalesce(sum(w.index_stays) FILTER (WHERE w.month < a.month), 0))::INTEGER AS baseline_index_stays,
    (coalesce(sum(w.readmissions) FILTER (WHERE w.month < a.month), 0))::INTEGER AS baseline_readmissions,
    (coalesce(sum(w.paid) FILTER (WHERE w.month < a.month), 0))::DOUBLE AS baseline_paid,
    (coalesce(sum(w.admissions) FILTER (WHERE w.month >= a.month - INTERVAL 3 MONTH AND w.month < a.month), 0))::INTEGER AS recent_admissions,
    (coalesce(sum(w.ed_visits) FILTER (WHERE w.month >= a.month - INTERVAL 3 MONTH AND w.month < a.month), 0))::INTEGER AS recent_ed_visits,
    (coalesce(sum(w.ed_visits) FILTER (WHERE w.month >= a.month - INTERVAL 6 MONTH AND w.month < a.month), 0))::INTEGER AS half_year_ed_visits,
    (coalesce(sum(w.admissions) FILTER (WHERE w.month = a.month - INTERVAL 1 MONTH), 0))::INTEGER AS prior_month_admissions,
    (coalesce(sum(w.ed_visits) FILTER (WHERE w.month = a.month - INTERVAL 1 MONTH), 0))::INTEGER AS prior_month_ed_visits,
    (count(*) FILTER (WHERE w.month > a.month))::INTEGER AS follow_up_months,
    (count(*) FILTER (WHERE w.month > a.month AND w.cohort = 'managed'))::INTEGER AS follow_up_managed_months,
    (coalesce(sum(w.admissions) FILTER (WHERE w.month > a.month), 0))::INTEGER AS follow_up_admissions,
    (coalesce(sum(w.ed_visits) FILTER (WHERE w.month > a.month), 0))::INTEGER AS follow_up_ed_visits,
    (coalesce(sum(w.index_stays) FILTER (WHERE w.month > a.month), 0))::INTEGER AS follow_up_index_stays,
    (coalesce(sum(w.readmissions) FILTER (WHERE w.month > a.month), 0))::INTEGER AS follow_up_readmissions,
    (coalesce(sum(w.paid) FILTER (WHERE w.month > a.month), 0))::DOUBLE AS follow_up_paid
  FROM anchors a
  CROSS JOIN last_month l
  JOIN eval_person_month w
    ON w.person_id = a.person_id AND w.month BETWEEN a.month - INTERVAL 12 MONTH AND a.month + INTERVAL 12 MONTH
   AND w.month <= l.last_full_month
  GROUP BY a.role, a.person_id, a.month, a.later_enrolled
)
SELECT w.role, w.person_id, w.month, p.age_band, p.sex, p.has_diabetes, p.has_hypertension, p.has_heart_failure, p.has_ihd,
  p.condition_count, p.charlson_index, p.charlson_band,
  p.admissions AS index_admissions, p.ed_visits AS index_ed_visits,
  coalesce(d.n, 0) > 0 AS discharged_recently,
  w.* EXCLUDE (role, person_id, month, later_enrolled),
  w.later_enrolled
FROM windows w
JOIN eval_person_month p ON p.person_id = w.person_id AND p.month = w.month
LEFT JOIN discharges d ON d.person_id = w.person_id AND d.month = w.month
WHERE w.role = 'treated' OR (w.baseline_months = 12 AND w.follow_up_months >= 1)
