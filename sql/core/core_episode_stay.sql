-- core_episode_stay: each stay with the episode (transfer chain) it belongs to.
--
-- MEASURES.md §4: stays of one person are chained by transfers. A transfer is a stay at
-- another facility (both facilities known and different) admitted no later than the day
-- after the previous stay's discharge; no discharge disposition is required. Stays are
-- ordered by admission, ties by claim_id (of the stay's first claim; §4 "ties by
-- claim_id"); "the previous stay" is the one just before in that order.
WITH ordered AS (
    SELECT
        *,
        lag(facility_npi) OVER person_stays AS previous_facility,
        lag(discharge_date) OVER person_stays AS previous_discharge,
        row_number() OVER person_stays AS stay_order
    FROM core_stay
    WINDOW person_stays AS (PARTITION BY person_id ORDER BY admission_date, first_claim_id, discharge_date, stay_id)
),
flagged AS (
    SELECT
        *,
        coalesce(
            facility_npi IS NOT NULL AND previous_facility IS NOT NULL AND facility_npi <> previous_facility
            AND admission_date <= previous_discharge + 1,
            false
        ) AS is_transfer
    FROM ordered
)
SELECT
    stay_id,
    person_id,
    stay_order,
    is_transfer,
    person_id || ':' || sum(CASE WHEN is_transfer THEN 0 ELSE 1 END) OVER (
        PARTITION BY person_id ORDER BY stay_order ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) AS episode_id
FROM flagged
