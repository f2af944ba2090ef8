-- core_member_month: one row per (person, calendar month) of eligibility, with its
-- cohort, program and payer, through build_info.member_months_through.
--
-- MEASURES.md §2 member month: every month that any eligibility span overlaps by at
-- least one day; overlapping spans count once; death does not shorten eligibility.
-- Cohort: `managed` if any program_enrollment span overlaps the month, else `unmanaged`
-- if the person is in the target population, else `other`.
-- Program and case manager of a managed month: the overlapping enrolment that started
-- last (ties: program name). Payer/plan: the overlapping eligibility span that started
-- last (ties: payer, plan).
WITH span AS (
    SELECT e.*, least(e.span_end, b.member_months_through) AS clipped_end
    FROM stg_eligibility AS e
    CROSS JOIN build_info AS b
    WHERE e.span_start <= least(e.span_end, b.member_months_through)
),
span_month AS (
    SELECT
        person_id, span_start, payer, plan,
        unnest(generate_series(date_trunc('month', span_start), date_trunc('month', clipped_end), INTERVAL 1 MONTH))::DATE AS month
    FROM span
),
member_month AS (
    SELECT
        person_id,
        month,
        arg_max(payer, (span_start, payer, coalesce(plan, ''))) AS payer,
        arg_max(plan, (span_start, payer, coalesce(plan, ''))) AS plan
    FROM span_month
    GROUP BY person_id, month
),
enrolment_month AS (
    SELECT
        m.person_id,
        m.month,
        arg_max(p.program, (p.span_start, p.program)) AS program,
        arg_max(p.case_manager_id, (p.span_start, p.program)) AS case_manager_id,
        arg_max(p.span_start, (p.span_start, p.program)) AS enrolled_since
    FROM member_month AS m
    JOIN stg_program_enrollment AS p
      ON p.person_id = m.person_id
     AND p.span_start <= last_day(m.month)
     AND p.span_end >= m.month
    GROUP BY m.person_id, m.month
),
target AS (
    SELECT DISTINCT person_id FROM core_person_condition
)
SELECT
    m.person_id,
    m.month,
    CASE
        WHEN e.person_id IS NOT NULL THEN 'managed'
        WHEN t.person_id IS NOT NULL THEN 'unmanaged'
        ELSE 'other'
    END AS cohort,
    t.person_id IS NOT NULL AS is_target,
    e.program,
    e.case_manager_id,
    e.enrolled_since,
    m.payer,
    m.plan
FROM member_month AS m
LEFT JOIN enrolment_month AS e USING (person_id, month)
LEFT JOIN target AS t USING (person_id)
