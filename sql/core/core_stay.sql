-- core_stay: one row per acute inpatient stay (MEASURES.md §4).
--
-- admission = earliest start; discharge = latest end. Principal diagnosis (diagnosis
-- position 1) and DRG from its first claim (first in the merge order), even when blank.
-- Facility: the stay's first claim that has a facility — the facility the merge rule
-- compares with (§4 "'same facility' compares with the stay's first claim that has a
-- facility"); null only when no claim of the stay has one (counted in data quality).
-- Discharge disposition from its last claim (latest end, then latest start, then
-- claim_id); a stay whose last claim is an encounter still in hospital (§3a) is open.
-- paid = sum of its claims' paid_amount. has_ed_revenue: one of its claims carries a
-- line with revenue code 0450, 0451, 0452, 0459 or 0981 (§5 "admitted through the ED").
-- Most stays have one claim: their row is that claim's values; only stays of several
-- claims are grouped (the ordered list and arg_min/arg_max aggregates are the costly part).
WITH stay_claim AS (
    SELECT
        s.stay_id,
        s.seq,
        count(*) OVER (PARTITION BY s.stay_id) AS stay_claims,
        c.*,
        (c.end_date, c.start_date, c.claim_id, c.data_source) AS last_rank
    FROM core_stay_claim AS s
    JOIN core_claim AS c USING (claim_uid)
),
ed_revenue AS (
    SELECT DISTINCT l.claim_uid
    FROM stg_claim_line AS l
    JOIN core_stay_claim AS s USING (claim_uid)
    WHERE l.revenue_center_code IN ('0450', '0451', '0452', '0459', '0981')
),
stay_claim_ed AS (
    SELECT sc.*, e.claim_uid IS NOT NULL AS is_ed_revenue
    FROM stay_claim AS sc
    LEFT JOIN ed_revenue AS e USING (claim_uid)
)
SELECT
    stay_id,
    person_id,
    start_date AS admission_date,
    end_date AS discharge_date,
    facility_npi,
    principal_dx,
    principal_dx_matchable,
    drg_code,
    claim_id AS first_claim_id,
    discharge_disposition_code,
    is_open,
    paid_amount,
    CAST(1 AS BIGINT) AS claim_count,
    [claim_id] AS claim_ids,
    [claim_uid] AS claim_uids,
    is_ed_revenue AS has_ed_revenue
FROM stay_claim_ed
WHERE stay_claims = 1
UNION ALL
SELECT
    sc.stay_id,
    any_value(sc.person_id) AS person_id,
    min(sc.start_date) AS admission_date,
    max(sc.end_date) AS discharge_date,
    arg_min(sc.facility_npi, sc.seq) AS facility_npi,
    arg_min_null(sc.principal_dx, sc.seq) AS principal_dx,
    arg_min_null(sc.principal_dx_matchable, sc.seq) AS principal_dx_matchable,
    arg_min_null(sc.drg_code, sc.seq) AS drg_code,
    arg_min_null(sc.claim_id, sc.seq) AS first_claim_id,
    arg_max_null(sc.discharge_disposition_code, sc.last_rank) AS discharge_disposition_code,
    arg_max_null(sc.is_open, sc.last_rank) AS is_open,
    sum(sc.paid_amount) AS paid_amount,
    count(*) AS claim_count,
    list(sc.claim_id ORDER BY sc.seq) AS claim_ids,
    list(sc.claim_uid ORDER BY sc.seq) AS claim_uids,
    bool_or(sc.is_ed_revenue) AS has_ed_revenue
FROM stay_claim_ed AS sc
WHERE sc.stay_claims > 1
GROUP BY sc.stay_id
