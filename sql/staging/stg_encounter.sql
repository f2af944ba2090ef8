-- stg_encounter: one row per encounter of the encounter extract, with the dates its
-- claim-shaped form (MEASURES.md §3a) will carry.
--
-- §3a: `acute inpatient` keeps its start and end; a blank end date means still in
-- hospital — open through data_through (is_open; never an index, §6). `emergency
-- department` keeps its dates (end defaults to start). Every other type becomes a
-- professional claim on its start date.
WITH encounter AS (
    SELECT
        *,
        coalesce(data_source, '') AS source_name,
        coalesce(nullif(lower(trim(encounter_type)), ''), 'unknown') AS kind
    FROM raw_encounter
)
SELECT
    'en' || length(source_name) || ':' || source_name || ':' || encounter_id AS claim_uid,
    encounter_id,
    source_name AS data_source,
    trim(person_id) AS person_id,
    kind AS encounter_type,
    encounter_start_date AS start_date,
    CASE
        WHEN kind = 'acute inpatient' THEN coalesce(encounter_end_date, greatest(b.data_through, encounter_start_date))
        WHEN kind = 'emergency department' THEN coalesce(encounter_end_date, encounter_start_date)
        ELSE encounter_start_date
    END AS end_date,
    kind = 'acute inpatient' AND encounter_end_date IS NULL AS is_open,
    nullif(trim(facility_id), '') AS facility_id,
    nullif(trim(discharge_disposition_code), '') AS discharge_disposition_code,
    nullif(lower(trim(primary_diagnosis_code_type)), '') AS primary_diagnosis_code_type,
    nullif(upper(replace(trim(primary_diagnosis_code), '.', '')), '') AS primary_diagnosis_code,
    paid_amount
FROM encounter
CROSS JOIN build_info AS b
WHERE encounter_start_date IS NOT NULL
  AND nullif(trim(person_id), '') IS NOT NULL
