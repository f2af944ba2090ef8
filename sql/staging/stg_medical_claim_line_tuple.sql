-- stg_medical_claim_line_tuple: the distinct header tuples of each medical claim's lines,
-- with how many lines carry each tuple and the first of them.
--
-- MEASURES.md §3: a claim's header fields (dates, bill type, discharge disposition,
-- facility, diagnosis and procedure codes) are the most frequent non-blank value across
-- its lines (ties: the lowest line number). The same rule is applied to person_id,
-- claim_type, DRG and the code-type columns, which also describe the whole claim.
-- Collapsing identical lines keeps all the rule needs (each value's line count and first
-- line). `tuples` = 1 when every line of the claim agrees — nearly every claim — and the
-- header is that tuple; other claims go through stg_medical_claim_disputed_value.
-- Ingest has trimmed values (blank → NULL) and normalised codes (ICD upper-case without
-- dots, bill types 3 characters, dispositions 2; server/engine/contract.ts).
-- claim_uid is built as in stg_medical_claim_line.
WITH line_tuple AS (
    SELECT
        'mc' || length(coalesce(data_source, '')) || ':' || coalesce(data_source, '') || ':' || claim_id AS claim_uid,
        person_id,
        claim_type,
        claim_start_date,
        claim_end_date,
        admission_date,
        discharge_date,
        bill_type_code,
        discharge_disposition_code,
        facility_npi,
        drg_code,
        diagnosis_code_type,
        procedure_code_type,
        COLUMNS('^(diagnosis|procedure)_code_\d+$'),
        count(*) AS line_count,
        min(claim_line_number) AS first_line
    FROM raw_medical_claim
    GROUP BY ALL
)
SELECT t.*, c.tuples
FROM line_tuple AS t
JOIN (SELECT claim_uid, count(*) AS tuples FROM line_tuple GROUP BY claim_uid) AS c USING (claim_uid)
