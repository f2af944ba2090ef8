-- ms_episode_planned: whether each episode is planned, by the CMS Planned Readmission
-- Algorithm v4 tables (ref_* from datasets/reference/cms-pra) with the AHRQ HCUP CCS maps
-- (ICD-10-CM v2019.1 → diagnosis CCS, ICD-10-PCS v2020.1 → procedure CCS).
--
-- MEASURES.md §6: planned = any procedure in an always-planned procedure CCS category,
-- or principal diagnosis in an always-planned diagnosis CCS category; or any potentially
-- planned procedure (by CCS category, or by ICD-10-PCS code) while the principal
-- diagnosis is not acute (neither its ICD-10-CM code nor its CCS category is on the acute
-- lists). A code absent from a map has no category. Only ICD-10-CM principal diagnoses
-- and ICD-10-PCS procedures match; a blank principal diagnosis is not acute (§3).
WITH principal AS (
    SELECT e.episode_id, e.principal_dx_matchable AS code, m.ccs_category
    FROM core_episode AS e
    LEFT JOIN ref_ccs_dx_icd10cm_2019_1 AS m ON m.icd_10_cm_code = e.principal_dx_matchable
),
procedure_flag AS (
    SELECT
        p.episode_id,
        bool_or(m.ccs_category IN (SELECT ccs_procedure_category FROM ref_always_planned_ccs_procedure_category)) AS always_planned_procedure,
        bool_or(
            m.ccs_category IN (SELECT ccs_procedure_category FROM ref_potentially_planned_ccs_procedure_category)
            OR p.code IN (SELECT icd_10_pcs FROM ref_potentially_planned_icd_10_pcs)
        ) AS potentially_planned_procedure
    FROM core_episode_procedure AS p
    LEFT JOIN ref_ccs_pr_icd10pcs_2020_1 AS m ON m.icd_10_pcs_code = p.code
    WHERE p.is_icd10_pcs
    GROUP BY p.episode_id
),
flag AS (
    SELECT
        d.episode_id,
        d.ccs_category AS principal_ccs,
        coalesce(d.ccs_category IN (SELECT ccs_diagnosis_category FROM ref_always_planned_ccs_diagnosis_category), false) AS always_planned_diagnosis,
        coalesce(pf.always_planned_procedure, false) AS always_planned_procedure,
        coalesce(pf.potentially_planned_procedure, false) AS potentially_planned_procedure,
        coalesce(
            d.code IN (SELECT icd_10_cm FROM ref_acute_diagnosis_icd_10_cm)
            OR d.ccs_category IN (SELECT ccs_diagnosis_category FROM ref_acute_diagnosis_ccs),
            false
        ) AS acute_principal_diagnosis
    FROM principal AS d
    LEFT JOIN procedure_flag AS pf USING (episode_id)
)
SELECT
    *,
    always_planned_procedure OR always_planned_diagnosis
        OR (potentially_planned_procedure AND NOT acute_principal_diagnosis) AS is_planned
FROM flag
