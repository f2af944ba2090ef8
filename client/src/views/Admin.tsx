/** Administration: users (add, remove, reset a password), rebuilding the marts, and the audit trail (filter, page, export CSV, verify the chain). */
import { useState, type FormEvent } from 'react';
import { apiUrl, ApiError, getArrowPage, getJson, sendJson, useLoad } from '../api.ts';
import { useSession } from '../auth.tsx';
import { DataTable, Pager, type Column } from '../components/DataTable.tsx';
import { Load } from '../components/States.tsx';
import { useUrlState } from '../urlState.ts';
import { formatDate } from '../format.ts';
import { RebuildMarts } from './AdminRebuild.tsx';

type Row = Record<string, unknown>;

const roleOptions = [
  { id: 'admin', label: 'Administrator' },
  { id: 'case_manager', label: 'Case manager' },
  { id: 'quality', label: 'Quality lead' },
  { id: 'executive', label: 'Executive' },
];
const eventOptions = ['phi_read', 'phi_denied', 'login', 'login_failed', 'logout', 'user_added', 'user_removed', 'password_changed', 'audit_read', 'rebuild'];
const when = (value: unknown) => (value ? `${formatDate(String(value))} ${String(value).slice(11, 16)} UTC` : '—');

export function Admin() {
  return (
    <>
      <header className="view-head">
        <h1>Admin</h1>
        <p className="view-question">Who can sign in, and who read which patient's data when.</p>
      </header>
      <Users />
      <RebuildMarts />
      <AuditTrail />
    </>
  );
}

function Users() {
  const session = useSession();
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const users = useLoad(`users-${version}`, (signal) => getJson<{ users: Row[] }>('/admin/users', {}, signal));
  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work();
      setMessage({ error: false, text: done });
      setVersion((v) => v + 1);
    } catch (e) {
      setMessage({ error: true, text: e instanceof ApiError ? e.message : 'Could not reach the server.' });
    }
  };
  const add = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const body = {
      username: String(form.get('username')),
      role: String(form.get('role')),
      password: String(form.get('password')),
      ...(form.get('caseManagerId') ? { caseManagerId: String(form.get('caseManagerId')) } : {}),
    };
    void act(() => sendJson('POST', '/admin/users', body).then(() => formElement.reset()), `Added ${body.username}.`);
  };
  const columns: Column<Row>[] = [
    { key: 'username', label: 'User' },
    { key: 'role', label: 'Role', render: (r) => roleOptions.find((o) => o.id === r.role)?.label ?? String(r.role) },
    { key: 'caseManagerId', label: 'Caseload', render: (r) => String(r.caseManagerId ?? '—') },
    { key: 'lastLoginAt', label: 'Last sign-in', render: (r) => when(r.lastLoginAt) },
    { key: 'lockedUntil', label: 'Locked until', render: (r) => when(r.lockedUntil) },
    {
      key: 'actions',
      label: 'Actions',
      csv: () => '',
      render: (r) =>
        r.username === session.user.username ? (
          'You'
        ) : (
          <button type="button" className="link-button" onClick={() => window.confirm(`Remove ${String(r.username)}?`) && void act(() => sendJson('DELETE', `/admin/users/${encodeURIComponent(String(r.username))}`), `Removed ${String(r.username)}.`)}>
            Remove
          </button>
        ),
    },
  ];
  return (
    <section className="panel" aria-labelledby="users-heading">
      <h2 id="users-heading" className="section-title">Users</h2>
      <Load state={users} label="Loading users…">
        {(data) => <DataTable caption={`${data.users.length} users`} columns={columns} rows={data.users} fileName="caseload-users" empty="No users." />}
      </Load>
      <form className="admin-form" onSubmit={add} aria-label="Add a user">
        <label>
          User name
          <input name="username" required minLength={3} maxLength={64} autoComplete="off" />
        </label>
        <label>
          Role
          <select name="role" defaultValue="quality">
            {roleOptions.map((o) => <option key={o.id} value={o.id}>{o.label}</option>)}
          </select>
        </label>
        <label>
          Caseload (case managers)
          <input name="caseManagerId" maxLength={100} autoComplete="off" />
        </label>
        <label>
          Password (12+ characters)
          <input name="password" type="password" required minLength={12} maxLength={256} autoComplete="new-password" />
        </label>
        <button type="submit">Add user</button>
      </form>
      <ResetPassword onDone={(text, error) => setMessage({ text, error })} />
      {message && <p className={message.error ? 'state state-error' : 'note'} role={message.error ? 'alert' : 'status'}>{message.text}</p>}
    </section>
  );
}

function ResetPassword({ onDone }: { onDone: (text: string, error: boolean) => void }) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const username = String(form.get('username'));
    sendJson('POST', `/admin/users/${encodeURIComponent(username)}/password`, { password: String(form.get('password')) }).then(
      () => {
        formElement.reset();
        onDone(`New password set for ${username}; their sessions have ended.`, false);
      },
      (e) => onDone(e instanceof ApiError ? e.message : 'Could not reach the server.', true),
    );
  };
  return (
    <form className="admin-form" onSubmit={submit} aria-label="Reset a password">
      <label>
        User name
        <input name="username" required minLength={3} maxLength={64} autoComplete="off" />
      </label>
      <label>
        New password
        <input name="password" type="password" required minLength={12} maxLength={256} autoComplete="new-password" />
      </label>
      <button type="submit">Set password</button>
    </form>
  );
}

function AuditTrail() {
  const { get, set } = useUrlState();
  const filters = { username: get('aUser'), event: get('aEvent'), personId: get('aPerson'), from: get('aFrom'), to: get('aTo') };
  const page = Number(get('aPage') ?? 1);
  const params = { ...filters, page, pageSize: 50 };
  const audit = useLoad(`audit-${JSON.stringify(params)}`, (signal) => getArrowPage<Row>('/admin/audit', params, signal));
  const verify = useLoad(`verify-${JSON.stringify(params)}`, (signal) => getJson<{ ok: boolean; rows: number; firstBadId: number | null }>('/admin/audit/verify', {}, signal));
  const columns: Column<Row>[] = [
    { key: 'id', label: '#', numeric: true },
    { key: 'logged_at', label: 'When', render: (r) => when(r.logged_at) },
    { key: 'username', label: 'User', render: (r) => String(r.username ?? '—') },
    { key: 'event', label: 'Event' },
    { key: 'route', label: 'Route', render: (r) => String(r.route ?? '—') },
    { key: 'person_ids', label: 'Patients', render: (r) => summariseIds(r.person_ids) },
    { key: 'row_count', label: 'Rows', numeric: true, render: (r) => String(r.row_count ?? '—') },
    { key: 'params', label: 'Parameters', render: (r) => String(r.params ?? '—') },
  ];
  const change = (key: string, value: string) => set({ [key]: value || null, aPage: null });
  return (
    <section className="panel" aria-labelledby="audit-heading">
      <h2 id="audit-heading" className="section-title">Audit trail</h2>
      <p className="note">Every read of patient-level data and every account event, newest first. Rows are hash-chained; nothing in Caseload edits or deletes them.</p>
      <Load state={verify} label="Checking the chain…">
        {(v) => (v.ok ? <p className="chain-ok">Chain intact ({v.rows.toLocaleString('en-US')} rows).</p> : <p className="chain-broken" role="alert">Chain broken at row {v.firstBadId}: the table was changed outside Caseload.</p>)}
      </Load>
      <form className="admin-form" aria-label="Filter the audit trail" onSubmit={(e) => e.preventDefault()}>
        <label>
          User
          <input name="aUser" defaultValue={filters.username} onChange={(e) => change('aUser', e.target.value)} maxLength={64} />
        </label>
        <label>
          Event
          <select name="aEvent" value={filters.event ?? ''} onChange={(e) => change('aEvent', e.target.value)}>
            <option value="">Any event</option>
            {eventOptions.map((e) => <option key={e} value={e}>{e}</option>)}
          </select>
        </label>
        <label>
          Patient
          <input name="aPerson" defaultValue={filters.personId} onChange={(e) => change('aPerson', e.target.value)} maxLength={64} />
        </label>
        <label>
          From
          <input name="aFrom" type="date" value={filters.from ?? ''} onChange={(e) => change('aFrom', e.target.value)} />
        </label>
        <label>
          To
          <input name="aTo" type="date" value={filters.to ?? ''} onChange={(e) => change('aTo', e.target.value)} />
        </label>
        <a className="link-button" href={apiUrl('/admin/audit.csv', filters)} download>
          Export CSV
        </a>
      </form>
      <Load state={audit} label="Loading the audit trail…">
        {(data) => (
          <DataTable
            id="audit-table"
            caption={`${data.total.toLocaleString('en-US')} entries`}
            columns={columns}
            rows={data.rows}
            fileName="caseload-audit-page"
            empty="No audit entries match."
            footer={<Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={(p) => set({ aPage: p })} label="Audit trail" />}
          />
        )}
      </Load>
    </section>
  );
}

function summariseIds(value: unknown): string {
  const ids = Array.isArray(value) ? value.map(String) : [];
  if (ids.length === 0) return '—';
  return ids.length <= 3 ? ids.join(', ') : `${ids.slice(0, 3).join(', ')} and ${ids.length - 3} more`;
}
