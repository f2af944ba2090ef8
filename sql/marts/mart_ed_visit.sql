-- mart_ed_visit: one row per emergency department event (MEASURES.md §5): outpatient ED
-- visits (one per person per date) and episodes admitted through the ED that no
-- outpatient visit leads to (source 'inpatient_only', anchored on the admission date).
-- cohort: of the member month containing visit_date, null outside eligibility (§2).
-- led_to_admission / episode_id: the episode the visit leads to (admitted on the visit
-- date or the day after). paid_amount: paid on its ED lines (null for inpatient-only).
SELECT
    ed_visit_id,
    person_id,
    visit_date,
    cohort,
    led_to_admission,
    episode_id,
    source,
    paid_amount,
    first_claim_id AS claim_id
FROM ms_ed_event
