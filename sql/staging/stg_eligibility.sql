-- stg_eligibility: one row per eligibility span, codes trimmed.
--
-- MEASURES.md §1: a blank enrollment_end_date means open — through data_through, or the
-- period end if later; open spans run to build_info.member_months_through (the latest
-- period end a report accepts). §2: a death date does not shorten eligibility.
SELECT
    trim(e.person_id) AS person_id,
    e.enrollment_start_date AS span_start,
    coalesce(e.enrollment_end_date, b.member_months_through) AS span_end,
    e.enrollment_end_date IS NULL AS is_open,
    nullif(lower(trim(e.gender)), '') AS gender,
    e.birth_date,
    e.death_date,
    coalesce(nullif(trim(e.payer), ''), 'unknown') AS payer,
    nullif(trim(e.plan), '') AS plan,
    nullif(lower(trim(e.payer_type)), '') AS payer_type,
    coalesce(e.data_source, '') AS data_source
FROM raw_eligibility AS e
CROSS JOIN build_info AS b
WHERE nullif(trim(e.person_id), '') IS NOT NULL
  AND e.enrollment_start_date IS NOT NULL
