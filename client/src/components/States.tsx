/** Designed states: loading, empty, error, suppressed. */
import type { ReactNode } from 'react';
import type { Loadable } from '../api.ts';
import { useSuppressedText } from '../auth.tsx';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {label}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <div className="state state-empty">{children}</div>;
}

export function ErrorState({ error }: { error: Error }) {
  return (
    <div className="state state-error" role="alert">
      <strong>Could not load this.</strong> {error.message}
    </div>
  );
}

/** A count hidden by small-cell suppression: shown as "<11", never 0. */
export function Suppressed() {
  const text = useSuppressedText();
  return (
    <abbr className="suppressed" data-suppressed title={`Suppressed: fewer than ${text.slice(1)}, or hidden so that such a count cannot be worked out (privacy)`}>
      {text}
    </abbr>
  );
}

/** Renders loading and error states, else `children(data)`. */
export function Load<T>({ state, label, children }: { state: Loadable<T>; label?: string; children: (data: T) => ReactNode }) {
  if (state.status === 'loading') return <Loading label={label} />;
  if (state.status === 'error') return <ErrorState error={state.error} />;
  return <>{children(state.data)}</>;
}
