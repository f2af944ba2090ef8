-- stg_medical_claim_disputed_value: header values of the claims whose lines disagree,
-- one row per (claim, field) with the value the rule picks.
--
-- MEASURES.md §3: the most frequent non-blank value across the claim's lines; ties go to
-- the value found on the lowest line number. Blank (NULL) values do not count, so a field
-- blank on some lines takes the value of the others.
WITH field_value AS (
    UNPIVOT (
        SELECT
            claim_uid, line_count, first_line,
            person_id, claim_type,
            CAST(claim_start_date AS VARCHAR) AS claim_start_date,
            CAST(claim_end_date AS VARCHAR) AS claim_end_date,
            CAST(admission_date AS VARCHAR) AS admission_date,
            CAST(discharge_date AS VARCHAR) AS discharge_date,
            bill_type_code, discharge_disposition_code, facility_npi, drg_code,
            diagnosis_code_type, procedure_code_type,
            COLUMNS('^(diagnosis|procedure)_code_\d+$')
        FROM stg_medical_claim_line_tuple
        WHERE tuples > 1
    )
    ON COLUMNS(* EXCLUDE (claim_uid, line_count, first_line))
    INTO NAME field VALUE value
),
value_count AS (
    SELECT claim_uid, field, value, sum(line_count) AS line_count, min(first_line) AS first_line
    FROM field_value
    GROUP BY claim_uid, field, value
)
SELECT claim_uid, field, arg_min(value, (-line_count, first_line)) AS value
FROM value_count
GROUP BY claim_uid, field
