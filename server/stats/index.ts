/** Statistics used by the measures, the control charts and the program evaluation. */
export * from './intervals.ts';
export * from './control-chart.ts';
export * from './special-cause.ts';
export * from './standardisation.ts';
export * from './logistic.ts';
export * from './balance.ts';
export * from './bootstrap.ts';
