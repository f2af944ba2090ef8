/** One headline measure: managed vs unmanaged (and all), 95 % interval, change vs the previous period, sparkline. */
import type { TopLevelSpec } from 'vega-lite';
import { cohortColours, cohortLabels, type CohortId } from '../palette.ts';
import { formatChange, formatCount, formatMeasure, formatMonth, formatPeriod } from '../format.ts';
import { DefinitionLink } from './Definitions.tsx';
import { Suppressed } from './States.tsx';
import { VegaChart } from './VegaChart.tsx';

export interface CohortValue {
  value: number | null;
  lower: number | null;
  upper: number | null;
  numerator: number | null;
  denominator: number | null;
  change: number | null;
  suppressed: boolean;
  previous: { value: number | null };
  signal: { month: string; direction: 'above' | 'below' } | null;
}

export interface Kpi {
  measure: string;
  label: string;
  unit: string;
  format: string;
  numeratorLabel: string;
  denominatorLabel: string;
  cohorts: Record<'managed' | 'unmanaged' | 'all', CohortValue>;
  sparkline: TopLevelSpec | null;
}

export function KpiTile({ kpi, previous }: { kpi: Kpi; previous: { from: string; to: string } }) {
  return (
    <article
      className={Object.values(kpi.cohorts).some((c) => c.signal) ? 'kpi-tile kpi-signalled' : 'kpi-tile'}
      data-kpi={kpi.measure}
      aria-labelledby={`kpi-${kpi.measure}`}
    >
      <h2 id={`kpi-${kpi.measure}`} className="kpi-title">
        <DefinitionLink id={kpi.measure}>{kpi.label}</DefinitionLink>
      </h2>
      <p className="kpi-unit">{kpi.unit}</p>
      {kpi.cohorts.all.denominator === 0 && !kpi.cohorts.all.suppressed ? (
        <p className="kpi-empty">No {kpi.denominatorLabel.toLowerCase()} in this period for this selection.</p>
      ) : (
      <dl className="kpi-values">
        {(['managed', 'unmanaged', 'all'] as CohortId[]).map((cohort) => (
          <CohortLine key={cohort} kpi={kpi} cohort={cohort} value={kpi.cohorts[cohort as 'managed']} />
        ))}
      </dl>
      )}
      <p className="kpi-compare">
        Change vs <DefinitionLink id="change">{formatPeriod(previous)}</DefinitionLink>
      </p>
      {kpi.sparkline && <VegaChart spec={kpi.sparkline} fileName={`${kpi.measure}-sparkline`} bare label={`${kpi.label} by month, managed and unmanaged`} />}
    </article>
  );
}

function CohortLine({ kpi, cohort, value }: { kpi: Kpi; cohort: CohortId; value: CohortValue }) {
  const title =
    value.suppressed || value.numerator == null
      ? undefined
      : `${kpi.numeratorLabel}: ${formatCount(value.numerator)}; ${kpi.denominatorLabel}: ${formatCount(value.denominator)}`;
  return (
    <div className={`kpi-line kpi-${cohort}`} data-cohort={cohort}>
      <dt>
        <span className="swatch" style={{ background: cohortColours[cohort] }} aria-hidden="true" />
        {cohortLabels[cohort]}
      </dt>
      <dd className="kpi-value" title={title}>
        {value.suppressed ? <Suppressed /> : <span data-value>{formatMeasure(value.value, kpi.format)}</span>}
      </dd>
      <dd className="kpi-interval">
        {value.lower != null && value.upper != null ? (
          <>
            <span className="visually-hidden">95 % interval </span>
            {formatMeasure(value.lower, kpi.format)}–{formatMeasure(value.upper, kpi.format)}
          </>
        ) : (
          '—'
        )}
      </dd>
      <dd className="kpi-change" aria-label={`Change ${formatChange(value.change, kpi.format)}`}>
        {formatChange(value.change, kpi.format)}
      </dd>
      {value.signal && (
        <dd className="kpi-signal" data-signal={value.signal.direction}>
          <span aria-hidden="true">{value.signal.direction === 'above' ? '▲' : '▼'}</span> {formatMonth(value.signal.month)} {value.signal.direction} the control limit
        </dd>
      )}
      <dd className="kpi-counts">
        {value.numerator == null ? <Suppressed /> : formatCount(value.numerator)} / {value.denominator == null ? <Suppressed /> : formatCount(value.denominator)}
      </dd>
    </div>
  );
}
