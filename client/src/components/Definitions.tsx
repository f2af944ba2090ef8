/** Measure names link to their plain-language definition, shown in a side panel (?define=<id> in the URL). */
import { useEffect, useRef, type ReactNode } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { useJson } from '../api.ts';
import { Load } from './States.tsx';

interface Definition {
  id: string;
  term: string;
  plain: string;
  formula?: string;
  source: string;
}

/** A link opening the definition of `id`; `children` default to an ⓘ marker. */
export function DefinitionLink({ id, children, compact }: { id: string; children?: ReactNode; compact?: boolean }) {
  const location = useLocation();
  const [search] = useSearchParams();
  const next = new URLSearchParams(search);
  next.set('define', id);
  return (
    <Link
      to={`${location.pathname}?${next.toString()}`}
      className={compact ? 'definition-link compact' : 'definition-link'}
      aria-label={compact ? `Definition of ${id.replaceAll('_', ' ')}` : undefined}
      data-definition={id}
    >
      {children ?? <span className="info-icon" aria-hidden="true">i</span>}
    </Link>
  );
}

/** The side panel; focus moves into it when it opens, Escape closes it. */
export function DefinitionsPanel() {
  const [search, setSearch] = useSearchParams();
  const id = search.get('define');
  const state = useJson<{ definitions: Definition[] }>(id ? '/definitions' : null);
  const heading = useRef<HTMLHeadingElement>(null);

  const close = () =>
    setSearch((current) => {
      const next = new URLSearchParams(current);
      next.delete('define');
      return next;
    });

  useEffect(() => {
    if (!id) return;
    heading.current?.focus();
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && close();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, state.status]);

  if (!id) return null;
  return (
    <aside className="definitions-panel" aria-labelledby="definitions-heading">
      <div className="panel-head">
        <h2 id="definitions-heading" tabIndex={-1} ref={heading}>Definitions</h2>
        <button type="button" className="close-button" onClick={close} aria-label="Close definitions">×</button>
      </div>
      <Load state={state} label="Loading definitions…">
        {({ definitions }) => {
          const selected = definitions.find((d) => d.id === id);
          const others = definitions.filter((d) => d.id !== id);
          return (
            <>
              {selected ? <DefinitionEntry definition={selected} selected /> : <p>No definition called “{id}”.</p>}
              <h3 className="panel-subhead">Other terms</h3>
              <dl className="definition-index">
                {others.map((d) => (
                  <div key={d.id}>
                    <dt>
                      <DefinitionLink id={d.id}>{d.term}</DefinitionLink>
                    </dt>
                  </div>
                ))}
              </dl>
            </>
          );
        }}
      </Load>
    </aside>
  );
}

function DefinitionEntry({ definition, selected }: { definition: Definition; selected?: boolean }) {
  return (
    <section className={selected ? 'definition selected' : 'definition'} data-testid="definition">
      <h3>{definition.term}</h3>
      <p>{definition.plain}</p>
      {definition.formula && (
        <p className="formula">
          <strong>How it is computed:</strong> {definition.formula}
        </p>
      )}
      <p className="source">Source: {definition.source}</p>
    </section>
  );
}
