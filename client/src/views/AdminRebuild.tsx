/** Admin: rebuild the marts from the ingested data while the dashboard stays up, and follow how it goes. */
import { useEffect, useState, type FormEvent } from 'react';
import { ApiError, getJson, sendJson } from '../api.ts';
import { formatDate } from '../format.ts';
import type { RebuildStatus as ServerRebuildStatus } from '../../../server/api/rebuild.ts';

/** GET /api/admin/rebuild: the rebuild's status and the build being served. */
type RebuildStatus = ServerRebuildStatus & { build?: { data_through: string; built_at: string | null } };

const POLL_MS = 2000;
const time = (iso: string | null) => (iso ? `${formatDate(iso)} ${iso.slice(11, 16)} UTC` : '—');
const seconds = (ms: number | null) => (ms == null ? '' : ` in ${(ms / 1000).toFixed(1)} s`);

export function RebuildMarts() {
  const [status, setStatus] = useState<RebuildStatus | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    getJson<RebuildStatus>('/admin/rebuild', {}, controller.signal).then(setStatus, (e: Error) => !controller.signal.aborted && setMessage(e.message));
    return () => controller.abort();
  }, [tick]);
  const running = status?.state === 'running';
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(() => setTick((t) => t + 1), POLL_MS);
    return () => clearTimeout(timer);
  }, [running, tick]);

  const start = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const dataThrough = String(new FormData(event.currentTarget).get('dataThrough') ?? '');
    setMessage(null);
    sendJson<RebuildStatus>('POST', '/admin/rebuild', dataThrough ? { dataThrough } : {}).then(
      (started) => {
        if (started) setStatus((s) => ({ ...started, build: s?.build }));
        setTick((t) => t + 1);
      },
      (e) => setMessage(e instanceof ApiError ? e.message : 'Could not reach the server.'),
    );
  };

  return (
    <section className="panel" aria-labelledby="rebuild-heading">
      <h2 id="rebuild-heading" className="section-title">Marts</h2>
      <p className="note">
        Rebuilds every measure from the ingested data while the dashboard stays up; everyone switches to the new numbers at once when the build finishes
        (reload a view to see them).
        {status?.build && ` Serving data through ${formatDate(status.build.data_through)}, built ${time(status.build.built_at)}.`}
      </p>
      <form className="admin-form" onSubmit={start} aria-label="Rebuild the marts">
        <label>
          Data through (optional)
          <input name="dataThrough" type="date" />
        </label>
        <button type="submit" disabled={running || status === null}>
          {running ? 'Rebuilding…' : 'Rebuild marts'}
        </button>
      </form>
      {status && status.state !== 'idle' && (
        <p className={status.state === 'failed' ? 'state state-error' : 'note'} role={status.state === 'failed' ? 'alert' : 'status'} data-rebuild-state={status.state}>
          {status.state === 'running' && `Rebuilding since ${time(status.startedAt)} (asked by ${status.requestedBy ?? 'unknown'})…`}
          {status.state === 'succeeded' && `Last rebuild succeeded${seconds(status.durationMs)} at ${time(status.finishedAt)}: data through ${status.builtThrough ? formatDate(status.builtThrough) : '—'}.`}
          {status.state === 'failed' && `Last rebuild failed${seconds(status.durationMs)} at ${time(status.finishedAt)}; the previous marts are still served. ${status.error ?? ''}`}
        </p>
      )}
      {message && <p className="state state-error" role="alert">{message}</p>}
    </section>
  );
}
