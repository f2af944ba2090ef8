-- core_ed_visit: outpatient emergency department visits (MEASURES.md §5).
--
-- One visit per person per distinct ED line date: a facility line and a physician line on
-- the same date are one visit. paid_amount sums the paid amounts of its ED lines.
SELECT
    person_id,
    line_date AS visit_date,
    count(*) AS ed_line_count,
    count(DISTINCT claim_uid) AS claim_count,
    bool_or(claim_class = 'institutional') AS has_facility_line,
    bool_or(claim_class = 'professional') AS has_professional_line,
    min(claim_id) AS first_claim_id,
    sum(paid_amount) AS paid_amount
FROM core_ed_line
GROUP BY person_id, line_date
