-- core_care_contact: the kind of contact each used claim that is not acute inpatient
-- represents, for the patient timeline and the follow-up flags of the patient mart.
--
-- Product definitions (not MEASURES.md rules; HEDIS/CMS code sets):
--   tcm    — a line with a transitional care management code (99495, 99496;
--            datasets/reference/care-management);
--   ccm    — a line with a chronic care management code (99490, 99439, 99487, 99489,
--            99491, 99437, G0506);
--   office — a line with an office/outpatient E/M code (99201–99205, 99211–99215) or an
--            annual wellness visit (G0438, G0439), or an encounter (§3a) of type
--            'office visit', 'ambulatory', 'wellness' or 'telehealth';
--   other  — anything else.
-- has_ed_line: the claim carries an ED line (core_ed_line); such claims appear on the
-- timeline as ED visits (§5).
WITH line_kind AS (
    SELECT
        l.claim_uid,
        bool_or(l.hcpcs_code IN (SELECT code FROM ref_ccm_tcm_codes WHERE program = 'TCM')) AS has_tcm,
        bool_or(l.hcpcs_code IN (SELECT code FROM ref_ccm_tcm_codes WHERE program = 'CCM')) AS has_ccm,
        bool_or(l.hcpcs_code IN ('99201', '99202', '99203', '99204', '99205', '99211', '99212', '99213',
                                 '99214', '99215', 'G0438', 'G0439')) AS has_office,
        min(l.hcpcs_code) AS first_hcpcs
    FROM stg_claim_line AS l
    WHERE l.hcpcs_code IS NOT NULL
    GROUP BY l.claim_uid
),
ed_claim AS (
    SELECT DISTINCT claim_uid FROM core_ed_line
)
SELECT
    c.claim_id,
    c.data_source,
    c.person_id,
    c.claim_class,
    c.start_date,
    c.end_date,
    c.principal_dx,
    c.paid_amount,
    k.first_hcpcs,
    c.encounter_type,
    CASE
        WHEN coalesce(k.has_tcm, false) THEN 'tcm'
        WHEN coalesce(k.has_ccm, false) THEN 'ccm'
        WHEN coalesce(k.has_office, false)
          OR c.encounter_type IN ('office visit', 'ambulatory', 'wellness', 'telehealth') THEN 'office'
        ELSE 'other'
    END AS kind,
    e.claim_uid IS NOT NULL AS has_ed_line
FROM core_claim AS c
LEFT JOIN line_kind AS k USING (claim_uid)
LEFT JOIN ed_claim AS e USING (claim_uid)
WHERE NOT c.is_acute_inpatient
