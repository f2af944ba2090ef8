-- mart_member_month_after_data_through: member months after the month of data_through,
-- up to build_info.member_months_through (same columns as mart_member_month).
--
-- MEASURES.md §1: a blank end date runs through data_through "or the period end, if
-- later", and spans may end in the future; a report whose period ends after
-- data_through counts these months too. Dashboards read mart_member_month only.
--
-- materialized: view (of core_member_month, published with it)
SELECT m.*
FROM core_member_month AS m
CROSS JOIN build_info AS b
WHERE m.month > date_trunc('month', b.data_through)
