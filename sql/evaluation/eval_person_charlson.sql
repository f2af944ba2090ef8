-- eval_person_charlson: one row per person with any diagnosis code — Charlson comorbidity
-- index and band, as a person-level property over all the data (like target status,
-- MEASURES.md §2).
-- Method: Charlson et al., J Chronic Dis 1987;40:373–83 (weights), ICD-10 coding of
-- Quan et al., Med Care 2005;43:1130–9 (ref_charlson_icd10_quan2005, from
-- datasets/reference/comorbidity/). A dotless, upper-case ICD-10 code counts for a
-- category when it starts with one of the category's prefixes. Codes come from every
-- diagnosis position of medical claims, encounter principal diagnoses and condition
-- rows, ICD-10 type only (a blank code type means ICD-10, MEASURES.md §3). Charlson's
-- hierarchy: diabetes with complications supersedes diabetes without, moderate/severe
-- liver disease supersedes mild, metastatic tumour supersedes any malignancy.
-- Bands: 0, 1–2, 3–4, 5+.
WITH codes AS (
  SELECT person_id, code
  FROM (
    SELECT person_id, diagnosis_code_type AS code_type,
      unnest([diagnosis_code_1, diagnosis_code_2, diagnosis_code_3, diagnosis_code_4, diagnosis_code_5,
              diagnosis_code_6, diagnosis_code_7, diagnosis_code_8, diagnosis_code_9, diagnosis_code_10,
              diagnosis_code_11, diagnosis_code_12, diagnosis_code_13, diagnosis_code_14, diagnosis_code_15,
              diagnosis_code_16, diagnosis_code_17, diagnosis_code_18, diagnosis_code_19, diagnosis_code_20,
              diagnosis_code_21, diagnosis_code_22, diagnosis_code_23, diagnosis_code_24, diagnosis_code_25]) AS code
    FROM raw_medical_claim
    UNION ALL
    SELECT person_id, primary_diagnosis_code_type, primary_diagnosis_code FROM raw_encounter
    UNION ALL
    SELECT person_id, normalized_code_type, normalized_code FROM raw_condition
  )
  WHERE code IS NOT NULL AND (code_type IS NULL OR code_type IN ('icd-10-cm', 'icd-10', 'icd10cm', 'icd10'))
  GROUP BY person_id, code
),
categories AS (
  -- "starts with a prefix" as an equality join on the code's leading 3, 4 and 5 characters
  -- (the Quan prefixes are 3–4 characters long).
  SELECT DISTINCT c.person_id, r.category_code, r.weight_charlson_1987::INTEGER AS weight
  FROM (SELECT person_id, code, unnest([left(code, 3), left(code, 4), left(code, 5)]) AS prefix FROM codes) c
  JOIN ref_charlson_icd10_quan2005 r ON r.icd10_prefix = c.prefix
),
kept AS (
  SELECT k.*
  FROM categories k
  WHERE NOT (k.category_code = 'diab' AND EXISTS (SELECT 1 FROM categories o WHERE o.person_id = k.person_id AND o.category_code = 'diabwc'))
    AND NOT (k.category_code = 'mld' AND EXISTS (SELECT 1 FROM categories o WHERE o.person_id = k.person_id AND o.category_code = 'msld'))
    AND NOT (k.category_code = 'canc' AND EXISTS (SELECT 1 FROM categories o WHERE o.person_id = k.person_id AND o.category_code = 'metacanc'))
)
SELECT person_id,
  sum(weight)::INTEGER AS charlson_index,
  CASE WHEN sum(weight) = 0 THEN '0' WHEN sum(weight) <= 2 THEN '1-2' WHEN sum(weight) <= 4 THEN '3-4' ELSE '5+' END AS charlson_band,
  list(category_code ORDER BY category_code) AS charlson_categories
FROM kept
GROUP BY person_id
