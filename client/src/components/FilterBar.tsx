/** Period and population filters; every change is written to the URL (a new history entry). */
import { useMeta } from '../meta.tsx';
import { useUrlState } from '../urlState.ts';
import { conditionIds, formatCondition } from '../format.ts';

interface Props {
  /** Which filters this view uses. */
  show: { period?: boolean; condition?: boolean; payer?: boolean; program?: boolean; caseManager?: boolean };
  /** URL keys to clear when a filter changes (e.g. page numbers). */
  resets?: string[];
}

export function FilterBar({ show, resets = [] }: Props) {
  const meta = useMeta();
  const { filters, set } = useUrlState();
  const change = (key: string, value: string) => set({ [key]: value, ...Object.fromEntries(resets.map((k) => [k, null])) });
  const { first, last } = meta.filters.months;
  return (
    <form className="filter-bar" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      {show.period && (
        <>
          <label>
            From
            <input type="month" name="from" min={first} max={last} value={filters.from ?? meta.defaultPeriod.from} onChange={(e) => change('from', e.target.value)} />
          </label>
          <label>
            To
            <input type="month" name="to" min={first} max={last} value={filters.to ?? meta.defaultPeriod.to} onChange={(e) => change('to', e.target.value)} />
          </label>
        </>
      )}
      {show.condition && (
        <label>
          Condition
          <select name="condition" value={filters.condition} onChange={(e) => change('condition', e.target.value)}>
            {conditionIds.map((id) => (
              <option key={id} value={id}>{formatCondition(id)}</option>
            ))}
          </select>
        </label>
      )}
      {show.payer && (
        <label>
          Payer
          <select name="payer" value={filters.payer} onChange={(e) => change('payer', e.target.value)}>
            <option value="all">All payers</option>
            {meta.filters.payers.map((p) => (
              <option key={p} value={p}>{p}</option>
            ))}
          </select>
        </label>
      )}
      {show.program && (
        <label>
          Program
          <select name="program" value={filters.program} onChange={(e) => change('program', e.target.value)}>
            <option value="all">All programs</option>
            {meta.filters.programs.map((p) => (
              <option key={p} value={p}>{p}</option>
            ))}
          </select>
        </label>
      )}
      {show.caseManager && (
        <label>
          Case manager
          <select name="caseManager" value={filters.caseManager ?? ''} onChange={(e) => change('caseManager', e.target.value)}>
            <option value="">All case managers</option>
            {meta.filters.caseManagers.map((m) => (
              <option key={m.id} value={m.id}>{m.name}</option>
            ))}
          </select>
        </label>
      )}
      <span className="filter-note">Data through {formatDay(meta.build.data_through)}</span>
    </form>
  );
}

function formatDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-US', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}
