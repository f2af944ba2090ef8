/** Who is signed in: loaded from /api/auth/session, shared by the shell and the views. */
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { getJson, sendJson, setCsrfToken, SIGNED_OUT_EVENT } from './api.ts';

export interface SessionInfo {
  user: { username: string; role: 'admin' | 'case_manager' | 'quality' | 'executive'; roleLabel: string; caseManagerId: string | null };
  csrfToken: string;
  expires: { idle: string; absolute: string };
  suppression: { threshold: number } | null;
  caseManagerScope: 'own' | 'all' | null;
  can: { patients: boolean; drill: boolean; dataQuality: boolean; admin: boolean };
}

interface AuthState {
  status: 'loading' | 'signed-out' | 'signed-in' | 'error';
  session: SessionInfo | null;
  /** Why the user was signed out, when it was not their choice. */
  notice: string | null;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AuthState['status']>('loading');
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const signedIn = useRef(false);

  const apply = useCallback((next: SessionInfo | null) => {
    signedIn.current = next !== null;
    setCsrfToken(next?.csrfToken ?? null);
    setSession(next);
    setStatus(next ? 'signed-in' : 'signed-out');
  }, []);

  useEffect(() => {
    getJson<SessionInfo | { user: null }>('/auth/session').then(
      (body) => apply(body.user ? (body as SessionInfo) : null),
      () => setStatus('error'),
    );
    const onSignedOut = () => {
      if (!signedIn.current) return;
      setNotice('Your session has ended. Please sign in again.');
      apply(null);
    };
    window.addEventListener(SIGNED_OUT_EVENT, onSignedOut);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, onSignedOut);
  }, [apply]);

  const signIn = useCallback(
    async (username: string, password: string) => {
      const body = await sendJson<SessionInfo>('POST', '/auth/login', { username, password });
      setNotice(null);
      apply(body);
    },
    [apply],
  );

  const signOut = useCallback(async () => {
    try {
      await sendJson('POST', '/auth/logout');
    } finally {
      setNotice('You have signed out.');
      apply(null);
    }
  }, [apply]);

  return <AuthContext.Provider value={{ status, session, notice, signIn, signOut }}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('AuthProvider missing');
  return auth;
}

/** The signed-in session (inside the signed-in shell only). */
export function useSession(): SessionInfo {
  const { session } = useAuth();
  if (!session) throw new Error('not signed in');
  return session;
}

/** The text shown for a suppressed cell, e.g. "<11". */
export function useSuppressedText(): string {
  const { session } = useAuth();
  return `<${session?.suppression?.threshold ?? 11}`;
}
