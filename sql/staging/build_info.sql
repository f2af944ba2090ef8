-- build_info: one row with the parameters every other relation reads.
--
-- data_through (MEASURES.md §1): the date given to `caseload build --data-through`,
--   otherwise the latest end date of any claim or encounter (any claim line's
--   claim_end_date or discharge_date; an encounter's end date, or its start date
--   when it is still open).
-- default_from (MEASURES.md §1, §8): first day of the earliest eligibility month.
-- member_months_through: member months are built through the last day of the 12th
--   month after data_through. A blank end date runs "through data_through, or the period
--   end if later" (§1), so a report may end up to this date; periods ending later are
--   refused by the report.
-- pipeline_version, built_at: written by the runner into build_params.
--
-- published: true (the marts' readers read it)
WITH claim_end AS (
    SELECT max(greatest(claim_end_date, discharge_date)) AS latest FROM raw_medical_claim
),
encounter_end AS (
    SELECT max(coalesce(encounter_end_date, encounter_start_date)) AS latest FROM raw_encounter
),
first_eligibility AS (
    SELECT date_trunc('month', min(enrollment_start_date))::DATE AS first_month FROM raw_eligibility
),
resolved AS (
    SELECT
        coalesce(p.data_through_override, greatest(c.latest, e.latest)) AS data_through,
        p.built_at,
        f.first_month AS default_from,
        p.pipeline_version
    FROM build_params AS p, claim_end AS c, encounter_end AS e, first_eligibility AS f
)
SELECT
    data_through,
    built_at,
    default_from,
    pipeline_version,
    last_day(data_through + INTERVAL 12 MONTH)::DATE AS member_months_through
FROM resolved
