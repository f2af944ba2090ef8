/** The shell: sign-in, navigation for the user's role, the shared build information, the views and the definitions panel. */
import type { ReactNode } from 'react';
import { NavLink, Route, Routes, useLocation } from 'react-router';
import { useJson } from './api.ts';
import { AuthProvider, useAuth, useSession } from './auth.tsx';
import { DefinitionsPanel } from './components/Definitions.tsx';
import { Load, Loading } from './components/States.tsx';
import { MetaContext, type Meta } from './meta.tsx';
import { carryFilters } from './urlState.ts';
import { Overview } from './views/Overview.tsx';
import { Program } from './views/Program.tsx';
import { Patients } from './views/Patients.tsx';
import { Patient } from './views/Patient.tsx';
import { Drill } from './views/Drill.tsx';
import { DataQuality } from './views/DataQuality.tsx';
import { Admin } from './views/Admin.tsx';
import { SignIn } from './views/SignIn.tsx';

export function App() {
  return (
    <AuthProvider>
      <Gate />
    </AuthProvider>
  );
}

function Gate() {
  const { status } = useAuth();
  if (status === 'loading') return <Loading label="Loading Caseload…" />;
  if (status === 'error') return <p className="state state-error" role="alert">Caseload could not be reached. Reload the page to try again.</p>;
  if (status === 'signed-out') return <SignIn />;
  return <Shell />;
}

/** A view the role may not use: the server refuses it too; this only explains. */
function Allowed({ when, children }: { when: boolean; children: ReactNode }) {
  return when ? <>{children}</> : <p className="state state-empty">This page is not available for your role.</p>;
}

function Shell() {
  const meta = useJson<Meta>('/meta');
  const location = useLocation();
  const session = useSession();
  const { signOut } = useAuth();
  const carry = carryFilters(new URLSearchParams(location.search));
  const { can } = session;
  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="app-header">
        <span className="brand">Caseload</span>
        <nav aria-label="Views">
          <NavLink to={`/${carry}`} end>Overview</NavLink>
          <NavLink to={`/program${carry}`}>Program</NavLink>
          {can.patients && <NavLink to={`/patients${carry}`}>Patients</NavLink>}
          {can.dataQuality && <NavLink to={`/data-quality${carry}`}>Data quality</NavLink>}
          {can.admin && <NavLink to="/admin">Admin</NavLink>}
        </nav>
        <div className="user-box" data-testid="signed-in">
          <span>
            <span className="visually-hidden">Signed in as </span>
            <strong>{session.user.username}</strong> · <span data-role={session.user.role}>{session.user.roleLabel}</span>
            {session.suppression && <span className="user-note"> · small counts hidden</span>}
          </span>
          <button type="button" className="sign-out" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <div className="app-body">
        <main id="main" tabIndex={-1} data-rendered={location.pathname + location.search}>
          <Load state={meta} label="Loading Caseload…">
            {(data) => (
              <MetaContext.Provider value={data}>
                <Routes>
                  <Route path="/" element={<Overview />} />
                  <Route path="/program" element={<Program />} />
                  <Route path="/patients" element={<Allowed when={can.patients}><Patients /></Allowed>} />
                  <Route path="/patients/:personId" element={<Allowed when={can.patients}><Patient /></Allowed>} />
                  <Route path="/drill" element={<Allowed when={can.drill}><Drill /></Allowed>} />
                  <Route path="/data-quality" element={<Allowed when={can.dataQuality}><DataQuality /></Allowed>} />
                  <Route path="/admin" element={<Allowed when={can.admin}><Admin /></Allowed>} />
                  <Route path="*" element={<p className="state state-empty">There is no page here. Use the navigation above.</p>} />
                </Routes>
              </MetaContext.Provider>
            )}
          </Load>
        </main>
        <DefinitionsPanel />
      </div>
    </>
  );
}
