-- stg_medical_claim_header_value: the header fields of each medical claim, one row per
-- (claim, field) with its value.
--
-- MEASURES.md §3: a claim's header fields (dates, bill type, discharge disposition,
-- facility, diagnosis and procedure codes) are the most frequent non-blank value across
-- its lines; ties go to the value found on the lowest line number. The same rule is
-- applied to person_id, claim_type, DRG and the code-type columns, which also describe
-- the whole claim. Ingest has trimmed values (blank → NULL) and normalised codes (ICD
-- upper-case without dots, bill types 3 characters, dispositions 2; contract.ts).
--
-- Identical lines are collapsed first (the rule needs only each value's line count and
-- first line). A claim whose lines all agree (one distinct line tuple — nearly every
-- claim) takes its values as they are; only claims whose lines disagree are counted.
-- claim_uid is built as in stg_medical_claim_line.
WITH line_tuple AS (
    SELECT
        'mc' || length(coalesce(data_source, '')) || ':' || coalesce(data_source, '') || ':' || claim_id AS claim_uid,
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
    FROM raw_medical_claim
    GROUP BY ALL
),
tuple_count AS (
    SELECT *, count(*) OVER (PARTITION BY claim_uid) AS tuples FROM line_tuple
),
field_value AS (
    UNPIVOT tuple_count
    ON COLUMNS(* EXCLUDE (claim_uid, line_count, first_line, tuples))
    INTO NAME field VALUE value
),
disagreeing AS (
    SELECT claim_uid, field, value, sum(line_count) AS line_count, min(first_line) AS first_line
    FROM field_value
    WHERE tuples > 1
    GROUP BY claim_uid, field, value
)
SELECT claim_uid, field, value
FROM field_value
WHERE tuples = 1
UNION ALL
SELECT claim_uid, field, arg_min(value, (-line_count, first_line)) AS value
FROM disagreeing
GROUP BY claim_uid, field
