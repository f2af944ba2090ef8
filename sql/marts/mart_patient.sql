-- mart_patient: one row per person with eligibility, for patient lists and case finding.
--
-- Windows: "last 12 months" = (data_through − 12 months, data_through]; "prior 12" =
-- (data_through − 24 months, data_through − 12 months]. Counts use every event of the
-- person in the window (admissions on admission date, ED visits on visit date, paid on
-- claim start), eligible month or not — a patient list shows what happened.
-- current_cohort / payer: the member month of data_through (null when not eligible then).
-- program, case manager, acuity, enrolled_since: the enrolment active on data_through
-- (latest start), else null. conditions: target conditions (MEASURES.md §2).
-- last_discharge_*: the latest discharged episode (open stays excluded; in_hospital says
-- the person is in hospital at data_through). readmitted_last: that episode is an
-- unplanned 30-day readmission of an earlier index (§6). followup_7d / followup_14d: an
-- office or TCM contact (core_care_contact) on days 1–7 / 1–14 after the last discharge.
WITH build AS (
    SELECT data_through FROM build_info
),
current_month AS (
    SELECT mm.*
    FROM mart_member_month AS mm, build AS b
    WHERE mm.month = date_trunc('month', b.data_through)
),
enrolment AS (
    SELECT
        p.person_id,
        arg_max(p.program, (p.span_start, p.program)) AS program,
        arg_max(p.case_manager_id, (p.span_start, p.program)) AS case_manager_id,
        arg_max(p.case_manager_name, (p.span_start, p.program)) AS case_manager_name,
        arg_max(p.acuity, (p.span_start, p.program)) AS acuity,
        max(p.span_start) AS enrolled_since
    FROM stg_program_enrollment AS p, build AS b
    WHERE b.data_through BETWEEN p.span_start AND p.span_end
    GROUP BY p.person_id
),
condition_list AS (
    SELECT person_id, list(condition ORDER BY condition) AS conditions
    FROM core_person_condition
    GROUP BY person_id
),
window_event AS (
    SELECT
        e.person_id,
        count(*) FILTER (WHERE e.admission_date > b.data_through - INTERVAL 12 MONTH AND e.admission_date <= b.data_through) AS admissions_12m,
        CAST(sum(e.los) FILTER (WHERE e.admission_date > b.data_through - INTERVAL 12 MONTH AND e.admission_date <= b.data_through) AS BIGINT) AS bed_days_12m,
        count(*) FILTER (WHERE e.admission_date > b.data_through - INTERVAL 24 MONTH AND e.admission_date <= b.data_through - INTERVAL 12 MONTH) AS admissions_prior_12m,
        count(*) FILTER (WHERE e.is_index AND e.readmitted AND e.discharge_date > b.data_through - INTERVAL 12 MONTH) AS readmissions_12m
    FROM mart_episode AS e, build AS b
    GROUP BY e.person_id
),
window_ed AS (
    SELECT
        v.person_id,
        count(*) FILTER (WHERE v.visit_date > b.data_through - INTERVAL 12 MONTH AND v.visit_date <= b.data_through) AS ed_visits_12m,
        count(*) FILTER (WHERE v.visit_date > b.data_through - INTERVAL 24 MONTH AND v.visit_date <= b.data_through - INTERVAL 12 MONTH) AS ed_visits_prior_12m
    FROM mart_ed_visit AS v, build AS b
    GROUP BY v.person_id
),
window_paid AS (
    SELECT
        c.person_id,
        sum(c.paid_amount) FILTER (WHERE c.start_date > b.data_through - INTERVAL 12 MONTH AND c.start_date <= b.data_through) AS paid_12m,
        sum(c.paid_amount) FILTER (WHERE c.start_date > b.data_through - INTERVAL 24 MONTH AND c.start_date <= b.data_through - INTERVAL 12 MONTH) AS paid_prior_12m
    FROM core_claim AS c, build AS b
    GROUP BY c.person_id
),
last_discharge AS (
    SELECT
        person_id,
        arg_max(episode_id, (discharge_date, admission_date, episode_id)) AS episode_id,
        max(discharge_date) AS discharge_date
    FROM mart_episode
    WHERE NOT is_open
    GROUP BY person_id
),
in_hospital AS (
    SELECT DISTINCT person_id FROM mart_episode WHERE is_open
),
contact AS (
    SELECT
        l.person_id,
        bool_or(c.start_date > l.discharge_date AND c.start_date <= l.discharge_date + 7) AS followup_7d,
        bool_or(c.start_date > l.discharge_date AND c.start_date <= l.discharge_date + 14) AS followup_14d
    FROM last_discharge AS l
    JOIN core_care_contact AS c ON c.person_id = l.person_id AND c.kind IN ('office', 'tcm')
    GROUP BY l.person_id
),
last_office AS (
    SELECT person_id, max(start_date) AS last_office_visit
    FROM core_care_contact, build AS b
    WHERE kind IN ('office', 'tcm') AND start_date <= b.data_through
    GROUP BY person_id
)
SELECT
    p.person_id,
    p.sex,
    CASE WHEN p.birth_date <= b.data_through THEN date_sub('year', p.birth_date, b.data_through) END AS age,
    p.birth_date,
    p.death_date,
    cl.person_id IS NOT NULL AS is_target,
    coalesce(cl.conditions, []::VARCHAR[]) AS conditions,
    coalesce(len(cl.conditions), 0) AS condition_count,
    cm.cohort AS current_cohort,
    en.program,
    en.case_manager_id,
    en.case_manager_name,
    en.acuity,
    en.enrolled_since,
    cm.payer,
    coalesce(we.admissions_12m, 0) AS admissions_12m,
    coalesce(wd.ed_visits_12m, 0) AS ed_visits_12m,
    coalesce(we.bed_days_12m, 0) AS bed_days_12m,
    coalesce(wp.paid_12m, 0) AS paid_12m,
    coalesce(we.admissions_prior_12m, 0) AS admissions_prior_12m,
    coalesce(wd.ed_visits_prior_12m, 0) AS ed_visits_prior_12m,
    coalesce(wp.paid_prior_12m, 0) AS paid_prior_12m,
    coalesce(we.readmissions_12m, 0) AS readmissions_12m,
    ld.discharge_date AS last_discharge_date,
    le.discharge_disposition AS last_discharge_disposition,
    b.data_through - ld.discharge_date AS days_since_discharge,
    le.is_readmission AS readmitted_last,
    CASE WHEN ld.person_id IS NOT NULL THEN coalesce(ct.followup_7d, false) END AS followup_7d,
    CASE WHEN ld.person_id IS NOT NULL THEN coalesce(ct.followup_14d, false) END AS followup_14d,
    lo.last_office_visit,
    ih.person_id IS NOT NULL AS in_hospital
FROM core_person AS p
CROSS JOIN build AS b
LEFT JOIN condition_list AS cl USING (person_id)
LEFT JOIN current_month AS cm USING (person_id)
LEFT JOIN enrolment AS en USING (person_id)
LEFT JOIN window_event AS we USING (person_id)
LEFT JOIN window_ed AS wd USING (person_id)
LEFT JOIN window_paid AS wp USING (person_id)
LEFT JOIN last_discharge AS ld USING (person_id)
LEFT JOIN mart_episode AS le ON le.episode_id = ld.episode_id
LEFT JOIN in_hospital AS ih USING (person_id)
LEFT JOIN contact AS ct USING (person_id)
LEFT JOIN last_office AS lo USING (person_id)
WHERE p.has_eligibility
