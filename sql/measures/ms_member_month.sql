-- ms_member_month: member months (MEASURES.md §2) with the person attributes the marts
-- slice by: target conditions (§2, a property of the person for the whole data), age
-- band (age in whole years on the first day of the month), sex.
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
aged AS (
    SELECT
        mm.*,
        p.sex,
        CASE WHEN p.birth_date <= mm.month THEN date_sub('year', p.birth_date, mm.month) END AS age
    FROM core_member_month AS mm
    LEFT JOIN core_person AS p USING (person_id)
)
SELECT
    a.person_id,
    a.month,
    a.cohort,
    a.program,
    a.case_manager_id,
    a.enrolled_since,
    a.payer,
    a.plan,
    a.is_target,
    coalesce(c.has_diabetes, false) AS has_diabetes,
    coalesce(c.has_hypertension, false) AS has_hypertension,
    coalesce(c.has_heart_failure, false) AS has_heart_failure,
    coalesce(c.has_ihd, false) AS has_ihd,
    CASE
        WHEN a.age IS NULL THEN 'unknown'
        WHEN a.age < 65 THEN '<65'
        WHEN a.age < 75 THEN '65-74'
        WHEN a.age < 85 THEN '75-84'
        ELSE '85+'
    END AS age_band,
    a.sex
FROM aged AS a
LEFT JOIN person_condition AS c USING (person_id)
