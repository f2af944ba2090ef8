-- ms_readmission: the outcome of each index episode (MEASURES.md §6).
--
-- Take the first episode (by admission, then discharge) of the same person, other than
-- the index, admitted 0–30 days after the index discharge. It need not be in the period,
-- in a member month, or itself an index. Readmitted = that episode exists and is not
-- planned; if the first is planned the index is not readmitted (a readmission after a
-- planned one is not counted). Only the first counts.
WITH candidate AS (
    SELECT
        i.episode_id,
        o.episode_id AS following_episode_id,
        o.admission_date - i.discharge_date AS days_after_discharge,
        (o.admission_date, o.discharge_date, o.episode_id) AS following_order
    FROM ms_episode_index AS i
    JOIN core_episode AS o
      ON o.person_id = i.person_id
     AND o.episode_id <> i.episode_id
     AND o.admission_date BETWEEN i.discharge_date AND i.discharge_date + 30
    WHERE i.is_index
),
first_following AS (
    SELECT
        episode_id,
        arg_min(following_episode_id, following_order) AS readmission_episode_id,
        arg_min(days_after_discharge, following_order) AS days_to_readmission
    FROM candidate
    GROUP BY episode_id
)
SELECT
    i.episode_id,
    f.readmission_episode_id,
    f.days_to_readmission,
    p.is_planned AS readmission_planned,
    f.readmission_episode_id IS NOT NULL AND NOT p.is_planned AS readmitted
FROM ms_episode_index AS i
LEFT JOIN first_following AS f USING (episode_id)
LEFT JOIN ms_episode_planned AS p ON p.episode_id = f.readmission_episode_id
WHERE i.is_index
