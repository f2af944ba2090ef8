-- stg_medical_claim_line: one row per medical_claim line, codes in canonical shape.
--
-- MEASURES.md §3: a claim is identified by (claim_id, data_source); claim_uid encodes
-- that pair (length-prefixed, so no two pairs collide) and keeps claims apart from the
-- encounter-derived claims of §3a. Codes are compared upper-case without dots; bill
-- types as 3 characters ('0111' → '111'); dispositions and places of service as 2,
-- revenue codes as 4 characters. Ingest already normalises; repeating it here is cheap
-- and keeps the rules true for data loaded by any adapter. Blank means NULL.
WITH line AS (
    SELECT
        *,
        coalesce(data_source, '') AS source_name,
        nullif(upper(trim(bill_type_code)), '') AS bill_type_raw,
        nullif(trim(discharge_disposition_code), '') AS disposition_raw,
        nullif(trim(place_of_service_code), '') AS pos_raw,
        nullif(upper(trim(revenue_center_code)), '') AS revenue_raw
    FROM raw_medical_claim
)
SELECT
    'mc' || length(source_name) || ':' || source_name || ':' || claim_id AS claim_uid,
    claim_id,
    source_name AS data_source,
    claim_line_number,
    trim(person_id) AS person_id,
    nullif(lower(trim(claim_type)), '') AS claim_type,
    claim_start_date,
    claim_end_date,
    claim_line_start_date,
    claim_line_end_date,
    admission_date,
    discharge_date,
    CASE WHEN length(bill_type_raw) = 4 AND bill_type_raw[1] = '0' THEN bill_type_raw[2:] ELSE bill_type_raw END AS bill_type_code,
    CASE WHEN length(disposition_raw) = 1 THEN '0' || disposition_raw ELSE disposition_raw END AS discharge_disposition_code,
    CASE WHEN length(pos_raw) = 1 THEN '0' || pos_raw ELSE pos_raw END AS place_of_service_code,
    CASE WHEN length(revenue_raw) < 4 THEN lpad(revenue_raw, 4, '0') ELSE revenue_raw END AS revenue_center_code,
    nullif(upper(trim(hcpcs_code)), '') AS hcpcs_code,
    nullif(trim(facility_npi), '') AS facility_npi,
    nullif(trim(drg_code), '') AS drg_code,
    nullif(lower(trim(diagnosis_code_type)), '') AS diagnosis_code_type,
    nullif(lower(trim(procedure_code_type)), '') AS procedure_code_type,
    paid_amount,
    nullif(upper(replace(trim(COLUMNS('^diagnosis_code_\d+$')), '.', '')), ''),
    nullif(upper(replace(trim(COLUMNS('^procedure_code_\d+$')), '.', '')), '')
FROM line
