-- mart_program_pre_post: utilisation of enrolled members around their enrolment, per
-- program × month relative to enrolment (−12 … 12; 0 = the month of the first enrolment
-- of the person in that program).
--
-- Only member months count (mart_member_month, through data_through), whatever their
-- cohort; events are anchored as in ms_person_month_event (MEASURES.md §2, §4, §5).
-- members = distinct persons with a member month at that relative month.
WITH enrolment AS (
    SELECT person_id, program, date_trunc('month', min(span_start))::DATE AS enrolment_month
    FROM stg_program_enrollment
    GROUP BY person_id, program
),
relative AS (
    SELECT
        en.program,
        en.person_id,
        date_diff('month', en.enrolment_month, mm.month) AS relative_month,
        coalesce(ev.admissions, 0) AS admissions,
        coalesce(ev.ed_visits, 0) AS ed_visits,
        coalesce(ev.bed_days, 0) AS bed_days,
        coalesce(ev.paid_amount, 0) AS paid_amount
    FROM enrolment AS en
    JOIN mart_member_month AS mm USING (person_id)
    LEFT JOIN ms_person_month_event AS ev USING (person_id, month)
)
SELECT
    program,
    relative_month,
    count(*) AS member_months,
    sum(admissions)::BIGINT AS admissions,
    sum(ed_visits)::BIGINT AS ed_visits,
    sum(bed_days)::BIGINT AS bed_days,
    sum(paid_amount) AS paid_amount,
    count(DISTINCT person_id) AS members
FROM relative
WHERE relative_month BETWEEN -12 AND 12
GROUP BY program, relative_month
