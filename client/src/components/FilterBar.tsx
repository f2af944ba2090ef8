/** Period and population filters; every change is written to the URL (a new history entry). */
import { resolvePeriod, useMeta } from '../meta.tsx';
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
  const period = resolvePeriod(filters, { ...meta.build, pipeline_version: null });
  return (
    <form className="filter-bar" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      {show.period && (
        <>
          <label>
            From
            <input type="month" name="from" min={first} max={last} value={period.from} onChange={(e) => change('from', e.target.value)} />
          </label>
          <label>
            To
            <input type="month" name="to" min={first} max={last} value={period.to} onChange={(e) => change('to', e.target.value)} />
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
            {withCurrent(meta.filters.payers, filters.payer, 'all').map((p) => (
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
            {withCurrent(meta.filters.programs, filters.program, 'all').map((p) => (
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
            {withCurrent(meta.filters.caseManagers.map((m) => m.id), filters.caseManager ?? '', '').map((id) => meta.filters.caseManagers.find((m) => m.id === id) ?? { id, name: id }).map((m) => (
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

/** The choices plus the URL's value when it is not one of them, so the control shows what is applied. */
function withCurrent(choices: string[], current: string, none: string): string[] {
  return current === none || choices.includes(current) ? choices : [...choices, current];
}
