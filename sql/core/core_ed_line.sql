-- core_ed_line: emergency department lines of the used claims (MEASURES.md §5).
--
-- On an institutional claim that is not acute inpatient: revenue code 0450, 0451, 0452,
-- 0459 or 0981, or HCPCS 99281–99285, G0380–G0384. On a professional claim: place of
-- service '23' or HCPCS 99281–99285. The line date is
-- coalesce(claim_line_start_date, claim_start_date).
SELECT
    c.person_id,
    c.claim_uid,
    c.claim_id,
    c.data_source,
    c.claim_class,
    l.claim_line_number,
    coalesce(l.claim_line_start_date, c.claim_start_date) AS line_date,
    l.paid_amount
FROM stg_claim_line AS l
JOIN core_claim AS c USING (claim_uid)
-- Implied by the rules below; stated so the lines are narrowed before the join.
WHERE (l.revenue_center_code IN ('0450', '0451', '0452', '0459', '0981')
       OR l.hcpcs_code IN ('99281', '99282', '99283', '99284', '99285', 'G0380', 'G0381', 'G0382', 'G0383', 'G0384')
       OR l.place_of_service_code = '23')
  AND (
    (
        c.claim_class = 'institutional' AND NOT c.is_acute_inpatient
        AND (l.revenue_center_code IN ('0450', '0451', '0452', '0459', '0981')
             OR l.hcpcs_code IN ('99281', '99282', '99283', '99284', '99285', 'G0380', 'G0381', 'G0382', 'G0383', 'G0384'))
    )
    OR (
        c.claim_class = 'professional'
        AND (l.place_of_service_code = '23' OR l.hcpcs_code IN ('99281', '99282', '99283', '99284', '99285'))
    )
  )
