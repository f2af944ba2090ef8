-- stg_program_enrollment: one row per case-management program enrolment.
--
-- MEASURES.md §1: a blank enrollment_end_date means still enrolled — through
-- data_through, or the period end if later (build_info.member_months_through).
SELECT
    trim(p.person_id) AS person_id,
    trim(p.program) AS program,
    p.enrollment_start_date AS span_start,
    coalesce(p.enrollment_end_date, b.member_months_through) AS span_end,
    p.enrollment_end_date IS NULL AS is_open,
    nullif(trim(p.case_manager_id), '') AS case_manager_id,
    nullif(trim(p.case_manager_name), '') AS case_manager_name,
    nullif(trim(p.acuity), '') AS acuity
FROM raw_program_enrollment AS p
CROSS JOIN build_info AS b
WHERE nullif(trim(p.person_id), '') IS NOT NULL
  AND nullif(trim(p.program), '') IS NOT NULL
  AND p.enrollment_start_date IS NOT NULL
