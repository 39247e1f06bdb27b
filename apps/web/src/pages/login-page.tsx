import { useState, type SyntheticEvent, type ReactElement } from 'react';
import { apiRequest } from '../api/client.js';
import { sessionSchema, type Session } from '../api/schemas.js';
import { ErrorMessage } from '../components/error-message.js';

export function LoginPage({ onSignedIn }: { readonly onSignedIn: (session: Session) => void }): ReactElement {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = (event: SyntheticEvent<HTMLFormElement>): void => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    apiRequest('POST', '/api/auth/login', sessionSchema, { username, password })
      .then(onSignedIn)
      .catch((caught: unknown) => {
        setError(caught);
        setBusy(false);
      });
  };

  return (
    <section className="login" aria-labelledby="login-heading">
      <h1 id="login-heading">Sign in</h1>
      <form onSubmit={submit}>
        <label htmlFor="username">Username</label>
        <input
          id="username"
          name="username"
          autoComplete="username"
          required
          value={username}
          onChange={(event) => {
            setUsername(event.target.value);
          }}
        />
        <label htmlFor="password">Password</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(event) => {
            setPassword(event.target.value);
          }}
        />
        <button type="submit" disabled={busy}>
          Sign in
        </button>
      </form>
      {error === null ? null : <ErrorMessage error={error} />}
    </section>
  );
}
