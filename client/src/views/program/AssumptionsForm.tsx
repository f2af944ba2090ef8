/** The editable cost assumptions: case-manager FTEs × cost per FTE, or a fee per member per month. Applied on Enter, blur or Apply. */
import { useEffect, useState, type FormEvent } from 'react';
import { costBounds, DEFAULT_COST_PER_FTE, type CostSettings } from './costSettings.ts';

interface Props {
  settings: CostSettings;
  onChange: (next: CostSettings) => void;
  /** FTEs the server derives when none is given (average managed members / caseload 100). */
  defaultFte: number | null;
  /** The current program cost per managed member month, to seed a fee when switching to it. */
  currentPmpm: number | null;
}

type Draft = { fte: string; cost_per_fte: string; pmpm: string };
const text = (v: number | undefined) => (v === undefined ? '' : String(v));

export function AssumptionsForm({ settings, onChange, defaultFte, currentPmpm }: Props) {
  const [draft, setDraft] = useState<Draft>({ fte: text(settings.fte), cost_per_fte: text(settings.cost_per_fte), pmpm: text(settings.pmpm) });
  useEffect(() => setDraft({ fte: text(settings.fte), cost_per_fte: text(settings.cost_per_fte), pmpm: text(settings.pmpm) }), [settings.fte, settings.cost_per_fte, settings.pmpm]);
  const problems: Partial<Record<keyof Draft, string>> = {};
  for (const key of ['fte', 'cost_per_fte', 'pmpm'] as const) {
    const v = draft[key];
    if (v !== '' && !(Number(v) >= 0 && Number(v) <= costBounds[key])) problems[key] = `between 0 and ${costBounds[key].toLocaleString('en-US')}`;
  }
  const parse = (v: string) => (v === '' ? undefined : Number(v));
  const apply = (e?: FormEvent) => {
    e?.preventDefault();
    if (Object.keys(problems).length > 0) return;
    const next: CostSettings = { cost: settings.cost, fte: parse(draft.fte), cost_per_fte: parse(draft.cost_per_fte), pmpm: parse(draft.pmpm) };
    if (next.cost === 'pmpm' && next.pmpm === undefined) next.pmpm = Math.round(currentPmpm ?? 100);
    if (JSON.stringify(next) !== JSON.stringify(settings)) onChange(next);
  };
  const choose = (cost: 'fte' | 'pmpm') => {
    if (cost === settings.cost) return;
    onChange({ ...settings, cost, pmpm: cost === 'pmpm' ? (settings.pmpm ?? Math.round(currentPmpm ?? 100)) : settings.pmpm });
  };
  const field = (key: keyof Draft, label: string, placeholder: string, step: string) => (
    <label>
      {label}
      <input
        type="number"
        name={key}
        min={0}
        max={costBounds[key]}
        step={step}
        inputMode="decimal"
        placeholder={placeholder}
        value={draft[key]}
        aria-invalid={problems[key] ? true : undefined}
        aria-describedby={problems[key] ? `${key}-problem` : undefined}
        onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
        onBlur={() => apply()}
      />
      {problems[key] && <span id={`${key}-problem`} className="field-problem">{problems[key]}</span>}
    </label>
  );
  return (
    <form className="assumptions-form" aria-label="Program cost assumptions" onSubmit={apply}>
      <fieldset>
        <legend>Program cost</legend>
        <label className="radio">
          <input type="radio" name="cost" value="fte" checked={settings.cost === 'fte'} onChange={() => choose('fte')} /> Case-manager FTEs
        </label>
        <label className="radio">
          <input type="radio" name="cost" value="pmpm" checked={settings.cost === 'pmpm'} onChange={() => choose('pmpm')} /> Fee per member per month
        </label>
      </fieldset>
      {settings.cost === 'fte' ? (
        <>
          {field('fte', 'FTEs', defaultFte == null ? 'default' : `${defaultFte.toFixed(2)} (default)`, '0.05')}
          {field('cost_per_fte', 'Cost per FTE-year ($)', `${DEFAULT_COST_PER_FTE.toLocaleString('en-US')} (default)`, '1000')}
        </>
      ) : (
        field('pmpm', 'Fee per member per month ($)', '100', '1')
      )}
      <button type="submit">Apply</button>
    </form>
  );
}
