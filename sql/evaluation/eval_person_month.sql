-- eval_person_month: one row per member month (person × month, mart_member_month) with the
-- events anchored in it, for the program evaluation (risk adjustment, matching,
-- difference-in-differences). Nothing here re-derives a measure: admissions are
-- mart_episode rows by admission month (admit_cohort not null: the month is a member
-- month, MEASURES.md §2/§4), ED visits mart_ed_visit rows by visit month (§5), index stays
-- and readmissions mart_episode index rows by discharge month (§6).
-- paid = paid amount of the member's timeline events in the month (mart_patient_timeline,
-- every claim), leaving out CCM/TCM events, which the savings count as program revenue;
-- ccm_tcm_paid = paid amount of medical-claim lines with a CCM/TCM code
-- (ref_ccm_tcm_codes: 99490 99439 99487 99489 99491 99437 G0506 99495 99496) by line
-- start month. condition_count = number of the four target conditions of the member
-- month; charlson_band from eval_person_charlson ('0' without codes).
WITH admissions AS (
  SELECT person_id, date_trunc('month', admission_date)::DATE AS month, count(*) AS admissions
  FROM mart_episode WHERE admit_cohort IS NOT NULL GROUP BY ALL
),
ed AS (
  SELECT person_id, date_trunc('month', visit_date)::DATE AS month, count(*) AS ed_visits,
    count(*) FILTER (WHERE NOT coalesce(led_to_admission, false)) AS ed_treat_release
  FROM mart_ed_visit WHERE cohort IS NOT NULL GROUP BY ALL
),
index_stays AS (
  SELECT person_id, date_trunc('month', discharge_date)::DATE AS month,
    count(*) AS index_stays, count(*) FILTER (WHERE readmitted) AS readmissions
  FROM mart_episode WHERE is_index GROUP BY ALL
),
paid AS (
  SELECT person_id, date_trunc('month', event_date)::DATE AS month, sum(coalesce(paid_amount, 0)) AS paid
  FROM mart_patient_timeline WHERE kind NOT IN ('ccm', 'tcm') GROUP BY ALL
),
ccm_tcm AS (
  SELECT c.person_id, date_trunc('month', coalesce(c.claim_line_start_date, c.claim_start_date))::DATE AS month,
    sum(coalesce(c.paid_amount, 0)) AS ccm_tcm_paid
  FROM raw_medical_claim c JOIN ref_ccm_tcm_codes r ON c.hcpcs_code = r.code
  GROUP BY ALL
)
SELECT mm.person_id, mm.month, mm.cohort, mm.program, coalesce(mm.is_target, false) AS is_target,
  coalesce(mm.age_band, 'unknown') AS age_band, coalesce(mm.sex, 'unknown') AS sex,
  coalesce(mm.has_diabetes, false) AS has_diabetes, coalesce(mm.has_hypertension, false) AS has_hypertension,
  coalesce(mm.has_heart_failure, false) AS has_heart_failure, coalesce(mm.has_ihd, false) AS has_ihd,
  (coalesce(mm.has_diabetes, false)::INTEGER + coalesce(mm.has_hypertension, false)::INTEGER
    + coalesce(mm.has_heart_failure, false)::INTEGER + coalesce(mm.has_ihd, false)::INTEGER) AS condition_count,
  coalesce(ch.charlson_index, 0)::INTEGER AS charlson_index, coalesce(ch.charlson_band, '0') AS charlson_band,
  coalesce(a.admissions, 0)::INTEGER AS admissions, coalesce(e.ed_visits, 0)::INTEGER AS ed_visits,
  coalesce(e.ed_treat_release, 0)::INTEGER AS ed_treat_release,
  coalesce(i.index_stays, 0)::INTEGER AS index_stays, coalesce(i.readmissions, 0)::INTEGER AS readmissions,
  coalesce(p.paid, 0)::DOUBLE AS paid, coalesce(t.ccm_tcm_paid, 0)::DOUBLE AS ccm_tcm_paid
FROM mart_member_month mm
LEFT JOIN eval_person_charlson ch USING (person_id)
LEFT JOIN admissions a USING (person_id, month)
LEFT JOIN ed e USING (person_id, month)
LEFT JOIN index_stays i USING (person_id, month)
LEFT JOIN paid p USING (person_id, month)
LEFT JOIN ccm_tcm t USING (person_id, month)
