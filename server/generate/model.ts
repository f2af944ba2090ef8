/**
 * Every tunable parameter of the synthetic population, in one object so truth.json can
 * record them all. Rates are per member-year unless named otherwise. Calibrated so the
 * default population lands near the targets of GENERATOR.md (see test/generate).
 */
export const MODEL = {
  population: {
    under65Share: 0.14,
    ageBands65: [[65, 74, 0.52], [75, 84, 0.33], [85, 99, 0.15]] as [number, number, number][],
    femaleShare65: 0.56,
    femaleShareUnder65: 0.46,
    race: [
      ['white', 74], ['black or african american', 11], ['hispanic', 7], ['asian', 4],
      ['american indian or alaska native', 1], ['other race', 1], ['unknown', 2],
    ] as [string, number][],
  },
  eligibility: {
    payer: 'Synthetic Health Plan',
    payerType: 'medicare',
    plans: ['Medicare Advantage HMO', 'Medicare Advantage PPO', 'Dual Eligible SNP', 'Chronic Condition SNP'],
    presentAtStartShare: 0.8,
    voluntaryLeavePerYear: 0.07,
    gapShare: 0.04,
    planSwitchPerYear: 0.06,
  },
  conditions: {
    hypertension: { base: 0.64, ageFactor: [0.75, 0.93, 1.06, 1.1] },
    diabetes: { withHypertension: 0.36, without: 0.162 },
    ischemicHeartDisease: { base: 0.115, hypertension: 0.22, diabetes: 0.13, male: 1.25, female: 0.82, ageFactor: [0.7, 0.86, 1.15, 1.3] },
    heartFailure: { base: 0.013, hypertension: 0.086, ischemicHeartDisease: 0.23, diabetes: 0.052, ageFactor: [0.75, 0.75, 1.15, 1.55] },
    copd: 0.11, afib: 0.09, ckd: 0.12, dementiaByAge: [0.03, 0.04, 0.1, 0.2], depression: 0.1, cancer: 0.03,
    hipOa: 0.05, kneeOa: 0.06, mitralInHeartFailure: 0.12, bladder: 0.012, ureter: 0.006,
  },
  frailtyShape: 0.75,
  admissions: {
    base: 0.115,
    ageFactor: [1.0, 0.75, 1.05, 1.4],
    conditionFactor: { hf: 2.6, ihd: 1.35, dm: 1.35, htn: 1.12, copd: 1.8, ckd: 1.3, cancer: 1.8, dementia: 1.4 },
    /** Extra admission hazard per day right after a discharge, decaying with this time constant (days). */
    readmissionExcess: 0.0095,
    readmissionDecayDays: 14,
    /** The next admission starts at least this many days after a discharge (keeps episodes apart). */
    minimumGapDays: 2,
    severity: { mcc: 0.3, cc: 0.42 },
    plannedSeverity: { mcc: 0.06, cc: 0.3 },
    losSigma: 0.62,
    losBySeverity: [1.5, 1.13, 0.83],
    maxLos: 60,
    inHospitalMortality: 0.022,
    againstMedicalAdvice: 0.012,
    bundledEdShare: 0.85,
    separateEdDayBeforeShare: 0.3,
  },
  planned: {
    electivePerYear: { hip_replacement: 0.09, knee_replacement: 0.09, coronary_intervention: 0.025, valve_repair: 0.12, bladder_fulguration: 0.15, ureter_excision: 0.15 },
    afterDischargeDamping: 0.3,
    chemotherapyShareOfCancer: 0.2,
    chemotherapyPerYear: 5,
    stagedInterventionShare: 0.35,
    stagedInterventionPerDay: 0.03,
  },
  ed: {
    base: 0.25,
    ageFactor: [1.8, 0.85, 1.0, 1.3],
    conditionFactor: { hf: 1.6, ihd: 1.2, dm: 1.2, htn: 1.1, copd: 1.6, dementia: 1.5, depression: 1.4 },
    propensityShape: 1.5,
    frailtyPower: 0.6,
    postDischargeExcess: 0.004,
    facilityAndPhysicianShare: 0.92,
    facilityOnlyShare: 0.05,
  },
  mortality: {
    byAge: [0.012, 0.014, 0.033, 0.09],
    conditionFactor: { hf: 2.2, dementia: 2, cancer: 3, copd: 1.6, ckd: 1.3 },
  },
  seasonality: [1.15, 1.12, 1.04, 0.98, 0.93, 0.9, 0.9, 0.92, 0.95, 1.0, 1.05, 1.12],
  outpatient: {
    officeBase: 1.3,
    officePerCondition: 1.1,
    wellnessShare: 0.45,
    labsPerYearChronic: 1.2,
    labsPerYearOther: 0.4,
    chronicCodeOnVisit: 0.78,
  },
  program: {
    base: 0.00125,
    edgeMonthWeight: 0.15,
    recentDischargeDays: 45,
    recentDischargeFactor: 8,
    perPriorAdmission: 0.8,
    edTwoPlusFactor: 2.5,
    edOneFactor: 1.4,
    heartFailureFactor: 1.5,
    disenrolShare: 0.15,
    ccmMonthlyShare: 0.85,
    tcmShareEnrolled: 0.6,
    tcmShareOther: 0.12,
  },
  mess: {
    blankPrincipalDiagnosis: 0.002,
    nullFacility: 0.006,
    replacement: 0.004,
    void: 0.002,
    duplicateLine: 0.0005,
    eventOutsideEligibility: 0.05,
  },
} as const;

/** Index of an age into the four age bands used by the factors above (<65, 65–74, 75–84, 85+). */
export function ageBand(age: number): 0 | 1 | 2 | 3 {
  return age < 65 ? 0 : age < 75 ? 1 : age < 85 ? 2 : 3;
}
