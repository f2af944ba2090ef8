-- stg_medical_claim_header_value: the header fields of each medical claim, one row per
-- (claim, field) with its value.
--
-- MEASURES.md §3: a claim's header fields (dates, bill type, discharge disposition,
-- facility, diagnosis and procedure codes) are the most frequent non-blank value across
-- its lines; ties go to the value found on the lowest line number. The same rule is
-- applied to person_id, claim_type, DRG and the code-type columns, which also describe
-- the whole claim. Identical lines are collapsed first (the rule only needs each value's
-- line count and first line), which keeps the unpivot small on real extracts.
WITH line_tuple AS (
    SELECT
        claim_uid,
        person_id,
        claim_type,
        CAST(claim_start_date AS VARCHAR) AS claim_start_date,
        CAST(claim_end_date AS VARCHAR) AS claim_end_date,
        CAST(admission_date AS VARCHAR) AS admission_date,
        CAST(discharge_date AS VARCHAR) AS discharge_date,
        bill_type_code,
        discharge_disposition_code,
        facility_npi,
        drg_code,
        diagnosis_code_type,
        procedure_code_type,
        COLUMNS('^(diagnosis|procedure)_code_\d+$'),
        count(*) AS line_count,
        min(claim_line_number) AS first_line
    FROM stg_medical_claim_line
    GROUP BY ALL
),
field_value AS (
    UNPIVOT line_tuple
    ON COLUMNS(* EXCLUDE (claim_uid, line_count, first_line))
    INTO NAME field VALUE value
),
value_count AS (
    SELECT claim_uid, field, value, sum(line_count) AS line_count, min(first_line) AS first_line
    FROM field_value
    GROUP BY claim_uid, field, value
)
SELECT
    claim_uid,
    field,
    arg_min(value, (-line_count, first_line)) AS value
FROM value_count
GROUP BY claim_uid, field
