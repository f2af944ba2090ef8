/** The cohort colours, the same constants the chart specs use (server/charts/palette.ts). */
export { cohortColours, cohortLabels, signalColour, type CohortId } from '../../server/charts/palette.ts';
