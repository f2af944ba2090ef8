-- stg_claim_line: the line-level fields the measures read (ED lines §5, office visits,
-- paid amounts), for medical claims and claim-shaped encounters.
--
-- MEASURES.md §3a: an `emergency department` encounter carries one revenue-code 0450 line
-- on its start date; every other encounter one line with no codes and its paid amount.
--
-- materialized: view (a filter/projection/union: read in place, not copied)
SELECT
    claim_uid,
    claim_line_number,
    claim_line_start_date,
    claim_line_end_date,
    revenue_center_code,
    hcpcs_code,
    place_of_service_code,
    paid_amount
FROM stg_medical_claim_line
UNION ALL
SELECT
    claim_uid,
    1 AS claim_line_number,
    start_date AS claim_line_start_date,
    start_date AS claim_line_end_date,
    CASE WHEN encounter_type = 'emergency department' THEN '0450' END AS revenue_center_code,
    CAST(NULL AS VARCHAR) AS hcpcs_code,
    CAST(NULL AS VARCHAR) AS place_of_service_code,
    paid_amount
FROM stg_encounter
