// Proving the phone (docs/identity.md#proof-of-the-phone-one-time-codes-by-sms): a code by SMS, then a login with it;
// the first one creates the citizen's account. Shown where a page needs to know who is asking.
import { useEffect, useState } from 'preact/hooks';
import { api, currentUser, errorText, saveSession, type User } from '../api';

/** The signed-in citizen, following logins and logouts in this tab. */
export function useUser(): User | null {
  const [user, setUser] = useState(currentUser);
  useEffect(() => {
    const update = () => setUser(currentUser());
    addEventListener('pa-session', update);
    return () => removeEventListener('pa-session', update);
  }, []);
  return user;
}

export function PhoneLogin({ why }: { why: string }) {
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [sent, setSent] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = (work: () => Promise<void>) => async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const requestCode = run(async () => {
    await api('/auth/otp', { method: 'POST', body: { phone, purpose: 'login' } });
    setSent(true);
  });
  const login = run(async () => {
    saveSession(await api('/auth/login/code', { method: 'POST', body: { phone, code } }));
  });

  return (
    <form class="pa-box" onSubmit={sent ? login : requestCode} aria-labelledby="xt">
      <h2 id="xt">Xác thực số điện thoại</h2>
      <p>{why}</p>
      <label>
        Số điện thoại
        <input
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          required
          value={phone}
          readOnly={sent}
          onInput={(e) => setPhone(e.currentTarget.value)}
        />
      </label>
      {sent && (
        <label>
          Mã xác thực (6 số, gửi qua SMS)
          <input
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            required
            value={code}
            onInput={(e) => setCode(e.currentTarget.value)}
          />
        </label>
      )}
      {error && <p role="alert">{error}</p>}
      <button type="submit" disabled={busy}>
        {sent ? 'Xác nhận' : 'Gửi mã xác thực'}
      </button>
    </form>
  );
}
