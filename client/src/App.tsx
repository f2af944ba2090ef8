/** The shell: navigation, the shared build information, the views and the definitions panel. */
import { NavLink, Route, Routes, useLocation } from 'react-router';
import { useJson } from './api.ts';
import { DefinitionsPanel } from './components/Definitions.tsx';
import { Load } from './components/States.tsx';
import { MetaContext, type Meta } from './meta.tsx';
import { carryFilters } from './urlState.ts';
import { Overview } from './views/Overview.tsx';
import { Program } from './views/Program.tsx';
import { Patients } from './views/Patients.tsx';
import { Patient } from './views/Patient.tsx';
import { Drill } from './views/Drill.tsx';
import { DataQuality } from './views/DataQuality.tsx';

export function App() {
  const meta = useJson<Meta>('/meta');
  const location = useLocation();
  const carry = carryFilters(new URLSearchParams(location.search));
  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="app-header">
        <span className="brand">Caseload</span>
        <nav aria-label="Views">
          <NavLink to={`/${carry}`} end>Overview</NavLink>
          <NavLink to={`/program${carry}`}>Program</NavLink>
          <NavLink to={`/patients${carry}`}>Patients</NavLink>
          <NavLink to={`/data-quality${carry}`}>Data quality</NavLink>
        </nav>
      </header>
      <div className="app-body">
        <main id="main" tabIndex={-1}>
          <Load state={meta} label="Loading Caseload…">
            {(data) => (
              <MetaContext.Provider value={data}>
                <Routes>
                  <Route path="/" element={<Overview />} />
                  <Route path="/program" element={<Program />} />
                  <Route path="/patients" element={<Patients />} />
                  <Route path="/patients/:personId" element={<Patient />} />
                  <Route path="/drill" element={<Drill />} />
                  <Route path="/data-quality" element={<DataQuality />} />
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
