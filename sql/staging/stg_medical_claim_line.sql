-- stg_medical_claim_line: the line-level fields of each medical_claim line (ED lines
-- §5, office visits, paid amounts). Header fields are in stg_medical_claim_header.
--
-- MEASURES.md §3: a claim is identified by (claim_id, data_source); claim_uid encodes
-- that pair (length-prefixed, so no two pairs collide, and apart from the
-- encounter-derived claims of §3a). Ingest has already trimmed values (blank → NULL) and
-- normalised codes as contract.ts says: revenue codes 4 characters, places of service 2,
-- HCPCS upper-case.
--
-- materialized: view (a filter/projection/union: read in place, not copied)
SELECT
    'mc' || length(coalesce(data_source, '')) || ':' || coalesce(data_source, '') || ':' || claim_id AS claim_uid,
    claim_id,
    coalesce(data_source, '') AS data_source,
    claim_line_number,
    claim_line_start_date,
    claim_line_end_date,
    revenue_center_code,
    hcpcs_code,
    place_of_service_code,
    paid_amount
FROM raw_medical_claim
