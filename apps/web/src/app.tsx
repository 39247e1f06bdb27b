import { useCallback, useEffect, useState, type ReactElement } from 'react';
import { apiRequest, ApiRequestError, setCsrfToken } from './api/client.js';
import { sessionSchema, type Session } from './api/schemas.js';
import { Disclaimer } from './components/disclaimer.js';
import { ErrorMessage } from './components/error-message.js';
import { LoginPage } from './pages/login-page.js';
import { PatientListPage } from './pages/patient-list-page.js';
import { PatientPage, patientSections, type PatientSection } from './pages/patient-page.js';

/** Navigates within the dashboard (history API; the server answers every page path with the app). */
export function navigate(path: string): void {
  window.history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

function usePath(): string {
  const [path, setPath] = useState(window.location.pathname);
  useEffect(() => {
    const update = (): void => {
      setPath(window.location.pathname);
    };
    window.addEventListener('popstate', update);
    return () => {
      window.removeEventListener('popstate', update);
    };
  }, []);
  return path;
}

const PATIENT_PATH = /^\/patients\/(R-[0-9A-Z]{10})(?:\/([a-z-]+))?$/;

function sectionOf(segment: string | undefined): PatientSection | undefined {
  if (segment === undefined) return 'overview';
  return (patientSections as readonly string[]).includes(segment) && segment !== 'overview'
    ? (segment as PatientSection)
    : undefined;
}

export function App(): ReactElement {
  const path = usePath();
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    apiRequest('GET', '/api/auth/me', sessionSchema)
      .then((me) => {
        setCsrfToken(me.csrfToken);
        setSession(me);
      })
      .catch((caught: unknown) => {
        if (caught instanceof ApiRequestError && caught.status === 401) setSession(null);
        else setError(caught);
      });
  }, []);

  const signedIn = useCallback((next: Session): void => {
    setCsrfToken(next.csrfToken);
    setSession(next);
  }, []);

  const signOut = (): void => {
    apiRequest('POST', '/api/auth/logout', undefined)
      .catch(() => undefined)
      .finally(() => {
        setCsrfToken(undefined);
        setSession(null);
        navigate('/');
      });
  };

  const patientMatch = PATIENT_PATH.exec(path);
  const section = sectionOf(patientMatch?.[2]);
  let main: ReactElement;
  if (error !== null) main = <ErrorMessage error={error} />;
  else if (session === undefined) main = <p aria-live="polite">Loading…</p>;
  else if (session === null) main = <LoginPage onSignedIn={signedIn} />;
  else if (patientMatch?.[1] !== undefined && section !== undefined)
    main = <PatientPage patientId={patientMatch[1]} session={session} section={section} />;
  else main = <PatientListPage session={session} />;

  return (
    <>
      <header className="top-bar">
        <a
          className="brand"
          href="/"
          onClick={(event) => {
            event.preventDefault();
            navigate('/');
          }}
        >
          bonemet · tumour board
        </a>
        <Disclaimer />
        {session ? (
          <div className="user">
            <span>
              {session.user.username} ({session.user.role})
            </span>
            <button type="button" onClick={signOut}>
              Sign out
            </button>
          </div>
        ) : null}
      </header>
      <main>{main}</main>
    </>
  );
}
