-- mart_member_month: one row per member month (MEASURES.md §2) through the month of
-- data_through — the denominator of every rate. Months after data_through (open or
-- future-dated spans) are in mart_member_month_after_data_through.
--
-- cohort: managed / unmanaged / other (§2); program, case_manager_id: the enrolment
-- overlapping the month that started last; payer: the eligibility span overlapping the
-- month that started last; is_target and has_*: target population (§2); age_band: age
-- on the first day of the month ('<65', '65-74', '75-84', '85+', 'unknown').
--
-- materialized: view (of core_member_month, published with it)
SELECT m.*
FROM core_member_month AS m
CROSS JOIN build_info AS b
WHERE m.month <= date_trunc('month', b.data_through)
