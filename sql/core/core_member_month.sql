-- core_member_month: one row per (person, calendar month) of eligibility, through
-- build_info.member_months_through, with its cohort and the attributes marts slice by.
--
-- MEASURES.md §2 member month: every month that any eligibility span overlaps by at
-- least one day; overlapping spans count once; death does not shorten eligibility.
-- Cohort: `managed` if any program_enrollment span overlaps the month, else `unmanaged`
-- if the person is in the target population (core_person_condition, a property of the
-- person for the whole data), else `other`.
-- Program, case manager, enrolled_since of a managed month: the overlapping enrolment that
-- started last (ties: program name). Payer/plan: the overlapping eligibility span that
-- started last (ties: payer, plan). age_band: age in whole years on the first day of the
-- month (the birthdays that start each band are worked out once per span, not per month). sex: from eligibility (core_person). Only the months of spans that share a month
-- with another span of the person are grouped; the rest are unique already. The person's
-- attributes (sex, birth date, conditions) are joined to the spans before they are expanded
-- into months, so the tens of millions of member months meet only one join: the enrolment
-- months, expanded from the (few) enrolment spans.
--
-- published: true — stored once in the database file; mart_member_month and
-- mart_member_month_after_data_through are views of it split at data_through (writing the
-- 36M member months of a million members once instead of twice).
WITH person_condition AS (
    SELECT
        person_id,
        bool_or(condition = 'diabetes') AS has_diabetes,
        bool_or(condition = 'hypertension') AS has_hypertension,
        bool_or(condition = 'heart_failure') AS has_heart_failure,
        bool_or(condition = 'ihd') AS has_ihd
    FROM core_person_condition
    GROUP BY person_id
),
span AS (
    SELECT
        e.person_id,
        e.payer,
        e.plan,
        date_trunc('month', e.span_start)::DATE AS first_month,
        date_trunc('month', least(e.span_end, b.member_months_through))::DATE AS last_month,
        row_number() OVER (PARTITION BY e.person_id ORDER BY e.span_start, e.payer, e.plan NULLS FIRST) AS span_order
    FROM stg_eligibility AS e
    CROSS JOIN build_info AS b
    WHERE e.span_start <= least(e.span_end, b.member_months_through)
),
span_neighbour AS (
    SELECT
        *,
        coalesce(max(last_month) OVER earlier < first_month, true)
            AND coalesce(min(first_month) OVER later > last_month, true) AS shares_no_month
    FROM span
    WINDOW earlier AS (PARTITION BY person_id ORDER BY span_order ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
           later AS (PARTITION BY person_id ORDER BY span_order ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING)
),
span_person AS (
    SELECT
        s.*,
        p.birth_date,
        (p.birth_date + INTERVAL 65 YEAR)::DATE AS turns_65,
        (p.birth_date + INTERVAL 75 YEAR)::DATE AS turns_75,
        (p.birth_date + INTERVAL 85 YEAR)::DATE AS turns_85,
        coalesce(p.sex, 'unknown') AS sex,
        c.person_id IS NOT NULL AS is_target,
        coalesce(c.has_diabetes, false) AS has_diabetes,
        coalesce(c.has_hypertension, false) AS has_hypertension,
        coalesce(c.has_heart_failure, false) AS has_heart_failure,
        coalesce(c.has_ihd, false) AS has_ihd
    FROM span_neighbour AS s
    LEFT JOIN person_condition AS c USING (person_id)
    LEFT JOIN core_person AS p USING (person_id)
),
member_month AS (
    SELECT
        person_id, unnest(generate_series(first_month, last_month, INTERVAL 1 MONTH))::DATE AS month, payer, plan,
        birth_date, turns_65, turns_75, turns_85, sex, is_target, has_diabetes, has_hypertension, has_heart_failure, has_ihd
    FROM span_person
    WHERE shares_no_month
    UNION ALL
    SELECT
        person_id, month, arg_max(payer, span_order) AS payer, arg_max(plan, span_order) AS plan,
        any_value(birth_date) AS birth_date, any_value(turns_65) AS turns_65, any_value(turns_75) AS turns_75,
        any_value(turns_85) AS turns_85, any_value(sex) AS sex, any_value(is_target) AS is_target,
        any_value(has_diabetes) AS has_diabetes, any_value(has_hypertension) AS has_hypertension,
        any_value(has_heart_failure) AS has_heart_failure, any_value(has_ihd) AS has_ihd
    FROM (
        SELECT *, unnest(generate_series(first_month, last_month, INTERVAL 1 MONTH))::DATE AS month
        FROM span_person
        WHERE NOT shares_no_month
    )
    GROUP BY person_id, month
),
enrolment_month AS (
    SELECT
        person_id,
        month,
        arg_max(program, (span_start, program)) AS program,
        arg_max(case_manager_id, (span_start, program)) AS case_manager_id,
        max(span_start) AS enrolled_since
    FROM (
        SELECT
            p.*,
            unnest(generate_series(date_trunc('month', p.span_start),
                                   date_trunc('month', least(p.span_end, b.member_months_through)),
                                   INTERVAL 1 MONTH))::DATE AS month
        FROM stg_program_enrollment AS p
        CROSS JOIN build_info AS b
    )
    GROUP BY person_id, month
)
SELECT
    m.person_id,
    m.month,
    CASE
        WHEN e.person_id IS NOT NULL THEN 'managed'
        WHEN m.is_target THEN 'unmanaged'
        ELSE 'other'
    END AS cohort,
    e.program,
    e.case_manager_id,
    e.enrolled_since,
    m.payer,
    m.plan,
    m.is_target,
    m.has_diabetes,
    m.has_hypertension,
    m.has_heart_failure,
    m.has_ihd,
    CASE
        WHEN m.birth_date IS NULL OR m.birth_date > m.month THEN 'unknown'
        WHEN m.month < m.turns_65 THEN '<65'
        WHEN m.month < m.turns_75 THEN '65-74'
        WHEN m.month < m.turns_85 THEN '75-84'
        ELSE '85+'
    END AS age_band,
    m.sex
FROM member_month AS m
LEFT JOIN enrolment_month AS e USING (person_id, month)
