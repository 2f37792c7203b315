// The HTTP client of the console: bearer token, one refresh on 401 (single flight, rotating refresh tokens),
// the API's error shape turned into Vietnamese messages. Tokens live in memory and in sessionStorage (one tab's
// session: closing the tab logs out; a reload keeps it). A refresh refused means the session was ended on the
// server (account locked, password changed, logged out everywhere...): the console returns to the login page,
// which says why (sessionNotice).
import type { Role } from '@app/workflow';

export type { Role };

export interface User {
  id: string;
  username: string | null;
  phone: string | null;
  fullName: string;
  roles: Role[];
  agencyId: string | null;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: User;
}

/** An account as GET /me and the admin's user list show it. */
export interface AccountView extends User {
  locked: boolean;
  phoneVerified: boolean;
  lastLoginAt: string | null;
  mfaEnabled: boolean;
  /** The role must log in with a second factor. */
  mfaRequired: boolean;
  createdAt: string;
}

/** The second step of a login: a code from the authenticator app, or enrolment for a role that must have one. */
export interface MfaChallenge {
  mfa: 'required' | 'enroll';
  mfaToken: string;
  expiresInSeconds: number;
}

/** A new authenticator secret, as a QR code's URL and as text to type. */
export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

const STORAGE_KEY = 'pa.console.session';
export const API_BASE = '/api/v1';

const ERROR_TEXT: Record<string, string> = {
  VALIDATION_FAILED: 'Dữ liệu chưa hợp lệ',
  UNAUTHENTICATED: 'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại',
  FORBIDDEN: 'Bạn không có quyền thực hiện thao tác này',
  NOT_FOUND: 'Không tìm thấy dữ liệu',
  INVALID_TRANSITION: 'Trạng thái phản ánh đã thay đổi nên không thể thực hiện thao tác này',
  VERSION_CONFLICT: 'Phản ánh vừa được người khác cập nhật; dữ liệu đã được tải lại',
  CONFLICT: 'Dữ liệu bị trùng với bản ghi đã có',
  PAYLOAD_TOO_LARGE: 'Tệp quá lớn',
  UNSUPPORTED_MEDIA_TYPE: 'Định dạng tệp không được hỗ trợ (chỉ nhận ảnh JPEG, PNG, WebP, HEIC hoặc video MP4)',
  RATE_LIMITED: 'Thao tác quá nhanh, vui lòng thử lại sau ít phút',
  NETWORK: 'Không kết nối được máy chủ',
  LOGIN_FAILED: 'Sai tên đăng nhập hoặc mật khẩu',
  WRONG_PASSWORD: 'Mật khẩu hiện tại không đúng',
  WRONG_CODE: 'Mã xác thực không đúng hoặc đã được dùng',
  RESET_LINK_INVALID:
    'Liên kết đặt lại mật khẩu không đúng, đã được dùng hoặc đã hết hạn. Hãy đề nghị quản trị viên cấp liên kết mới.',
  SESSION_ENDED: 'Phiên đăng nhập đã kết thúc. Vui lòng đăng nhập lại.',
};

/** "30 giây", "5 phút": how long to wait after a 429. */
function waitText(seconds: number): string {
  return seconds < 90 ? `${Math.max(1, Math.ceil(seconds))} giây` : `${Math.ceil(seconds / 60)} phút`;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: { fields?: Record<string, string[]> } & Record<string, unknown>,
  ) {
    super(message);
  }

  /** What to show a person: the Vietnamese text for the code, plus the fields the server named. */
  get text(): string {
    const retry = Number(this.details?.retryAfterSeconds);
    if (this.code === 'RATE_LIMITED' && retry > 0)
      return `Thao tác quá nhiều lần, vui lòng thử lại sau ${waitText(retry)}`;
    const base = ERROR_TEXT[this.code] ?? (this.status >= 500 ? 'Máy chủ gặp lỗi, vui lòng thử lại' : this.message);
    const fields = this.details?.fields ? Object.keys(this.details.fields) : [];
    return fields.length ? `${base}: ${fields.join(', ')}` : base;
  }
}

export const errorText = (e: unknown): string =>
  e instanceof ApiError ? e.text : e instanceof Error ? e.message : 'Đã có lỗi xảy ra';

// ---- session ----
type Listener = (s: Session | null) => void;
const listeners = new Set<Listener>();

function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

let session: Session | null = loadSession();

export const getSession = () => session;

/** Why the last session ended, for the login page (null: nothing to say). */
let notice: string | null = null;
export const sessionNotice = () => notice;

/** What the login page says when the server ended the session. */
export const SESSION_ENDED_TEXT =
  'Phiên đăng nhập đã kết thúc: đã hết hạn, tài khoản bị khóa, mật khẩu vừa được đổi hoặc đã đăng xuất khỏi mọi thiết bị. Vui lòng đăng nhập lại.';

/** Replaces the session; `why` is what the login page will say when it ends one. */
export function setSession(next: Session | null, why: string | null = null): void {
  session = next;
  notice = next ? null : why;
  try {
    if (next) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    else sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Private mode without storage: the session lives in memory only.
  }
  for (const l of listeners) l(next);
}

export function onSession(l: Listener): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

/** Seconds until the access token expires (from its `exp` claim); 0 when unknown or past. */
export function accessTokenTtl(token = session?.accessToken): number {
  if (!token) return 0;
  try {
    const payload = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    return payload.exp ? Math.max(0, payload.exp - Date.now() / 1000) : 0;
  } catch {
    return 0;
  }
}

let refreshing: Promise<Session | null> | null = null;
/**
 * An account operation in flight that replaces or ends this session itself (password change, log out). The server
 * ends the other sessions and closes the sockets before it answers, so the socket's reconnection may find the old
 * tokens refused first: a refusal seen meanwhile waits for the operation instead of logging out.
 */
let renewal: Promise<unknown> | null = null;

async function whileRenewing<T>(op: () => Promise<T>): Promise<T> {
  const running = op();
  renewal = running;
  try {
    return await running;
  } finally {
    if (renewal === running) renewal = null;
  }
}

/** Rotates the refresh token once, however many requests ask at the same time; null = logged out. */
export function refreshSession(): Promise<Session | null> {
  const current = session;
  if (!current) return Promise.resolve(null);
  refreshing ??= (async () => {
    try {
      const res = await fetch(`${API_BASE}/auth/refresh`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken: current.refreshToken }),
      });
      if (res.ok) {
        const next = (await res.json()) as Session;
        if (session !== current) return session; // replaced meanwhile (a password change): keep the newer one
        setSession(next);
        return next;
      }
      // Busy or failing server: keep the session, the next call will tell.
      if (res.status === 429 || res.status >= 500) return session;
      // Refused: the session was ended on the server (or its refresh token expired).
      if (renewal) await renewal.catch(() => undefined);
      if (session !== current) return session;
      setSession(null, SESSION_ENDED_TEXT);
      return null;
    } catch {
      return session; // network trouble: keep the session, the next call will tell
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** An access token valid for at least `minSeconds` more (refreshing if needed), or null when logged out. */
export async function freshToken(minSeconds = 30): Promise<string | null> {
  if (!session) return null;
  if (accessTokenTtl() > minSeconds) return session.accessToken;
  return (await refreshSession())?.accessToken ?? null;
}

// ---- requests ----
type Query = Record<string, string | number | boolean | undefined | null | string[]>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

interface RequestOptions {
  query?: Query;
  body?: unknown;
  form?: FormData;
  /** Return the Response itself (downloads). */
  raw?: boolean;
  /** No Authorization header (login). */
  anonymous?: boolean;
  /**
   * A 401 of this route may mean a wrong password or code rather than an ended session: it is not retried;
   * if the session still works, the error gets this code instead.
   */
  credential?: 'WRONG_PASSWORD' | 'WRONG_CODE';
}

async function send(method: string, path: string, opts: RequestOptions, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token && !opts.anonymous) headers.Authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  try {
    return await fetch(withQuery(`${API_BASE}${path}`, opts.query), { method, headers, body });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', (e as Error).message);
  }
}

async function toError(res: Response): Promise<ApiError> {
  // Not JSON (a proxy's page): the status says enough.
  const payload: unknown = await res.json().catch(() => null);
  return apiError(res.status, payload, res.statusText);
}

const sessionEndedError = () => new ApiError(401, 'SESSION_ENDED', 'Session ended');

/**
 * A 401 where a password or code was checked: wrong, or was the session ended? The profile tells (and, if the
 * session was ended, the refresh it tries returns to the login page).
 */
async function credentialError(code: 'WRONG_PASSWORD' | 'WRONG_CODE'): Promise<ApiError> {
  const failed = await request('GET', '/me').then(
    () => null,
    (e: unknown) => e,
  );
  if (!session) return sessionEndedError();
  return failed instanceof ApiError ? failed : new ApiError(401, code, 'Wrong credential');
}

/**
 * The fetch of the generated client (client.tsx): the bearer token, and one refresh and retry on a 401, as
 * `request` does for the calls written by hand.
 */
export async function authorisedFetch(req: Request): Promise<Response> {
  const retry = req.clone();
  const token = await freshToken();
  if (token) req.headers.set('Authorization', `Bearer ${token}`);
  const go = (r: Request) =>
    fetch(r).catch((e: Error) => {
      throw new ApiError(0, 'NETWORK', e.message);
    });
  const res = await go(req);
  if (res.status !== 401 || !session) return res;
  const next = await refreshSession();
  if (!next) throw sessionEndedError();
  retry.headers.set('Authorization', `Bearer ${next.accessToken}`);
  return go(retry);
}

/** The API's error body (docs/api.md#errors) as the console's error. */
export function apiError(status: number, payload: unknown, statusText = ''): ApiError {
  const p = (payload ?? {}) as { code?: string; message?: string; details?: ApiError['details'] };
  const code = p.code ?? (status === 404 ? 'NOT_FOUND' : `HTTP_${status}`);
  return new ApiError(status, code, p.message ?? statusText, p.details);
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  let res = await send(method, path, opts, opts.anonymous ? null : await freshToken());
  if (res.status === 401 && opts.credential && session) throw await credentialError(opts.credential);
  if (res.status === 401 && !opts.anonymous && session) {
    const next = await refreshSession();
    if (!next) throw sessionEndedError();
    res = await send(method, path, opts, next.accessToken);
  }
  if (!res.ok) throw await toError(res);
  if (opts.raw) return res as unknown as T;
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

export const api = {
  get: <T,>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T,>(path: string, body?: unknown) => request<T>('POST', path, { body: body ?? {} }),
  put: <T,>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T,>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  del: <T,>(path: string) => request<T>('DELETE', path),
};

export interface UploadedAttachment {
  id: string;
  mimeType: string;
  size: number;
  url: string;
}

export function uploadAttachment(file: File | Blob, name?: string): Promise<UploadedAttachment> {
  const form = new FormData();
  form.append('file', file, name ?? (file instanceof File ? file.name : 'anh.jpg'));
  return request<UploadedAttachment>('POST', '/attachments', { form });
}

/** Downloads a protected file (bearer token) and hands it to the browser under the server's file name. */
export async function download(path: string, fallbackName: string, query?: Query): Promise<void> {
  const res = await request<Response>('GET', path, { query, raw: true });
  const blob = await res.blob();
  const disposition = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  saveBlob(star ? decodeURIComponent(star[1]) : plain ? plain[1] : fallbackName, blob);
}

/** Hands a blob to the browser as a file download named `name`. */
export function saveBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A protected image (attachment original) as an object URL; the caller revokes it. */
export async function fetchObjectUrl(url: string): Promise<string> {
  const path = url.startsWith(API_BASE) ? url.slice(API_BASE.length) : url;
  const res = await request<Response>('GET', path, { raw: true });
  return URL.createObjectURL(await res.blob());
}

export const isChallenge = (r: Session | MfaChallenge): r is MfaChallenge => 'mfa' in r;

/** Password login: a session (stored), or the second step it asks for (nothing stored yet). */
export async function login(loginName: string, password: string): Promise<Session | MfaChallenge> {
  const r = await request<Session | MfaChallenge>('POST', '/auth/login', {
    body: { login: loginName, password },
    anonymous: true,
  }).catch((e) => {
    if (e instanceof ApiError && e.code === 'UNAUTHENTICATED')
      throw new ApiError(401, 'LOGIN_FAILED', 'Wrong login or password');
    throw e;
  });
  if (!isChallenge(r)) setSession(r);
  return r;
}

/** 401 on a login step: a wrong code (or the step's token expired: the caller knows when). */
const wrongCode = (e: unknown) => {
  throw e instanceof ApiError && e.code === 'UNAUTHENTICATED' ? new ApiError(401, 'WRONG_CODE', 'Wrong code') : e;
};

/** The second factor of a login: a 6-digit code or a recovery code. Stores the session. */
export async function verifyMfa(mfaToken: string, code: string): Promise<Session> {
  const s = await request<Session>('POST', '/auth/mfa', { body: { mfaToken, code }, anonymous: true }).catch(wrongCode);
  setSession(s);
  return s;
}

/** Enrolment during login (a role that must have a second factor and has none): a new secret. */
export const enrollMfa = (mfaToken: string) =>
  request<TotpSetup>('POST', '/auth/mfa/enroll', { body: { mfaToken }, anonymous: true }).catch(wrongCode);

/**
 * Confirms the enrolment with a first code: the session and the ten recovery codes. The session is NOT stored
 * here: the codes must be shown (once) before the console opens.
 */
export const activateMfaAtLogin = (mfaToken: string, code: string) =>
  request<Session & { recoveryCodes: string[] }>('POST', '/auth/mfa/activate', {
    body: { mfaToken, code },
    anonymous: true,
  }).catch(wrongCode);

/**
 * The page of an admin's reset link: a new password, then a session of the person, or, for staff who use a second
 * factor, a challenge (the link does not stand in for it: they log in again with the new password). Not stored here.
 */
export const resetPasswordWithLink = (token: string, newPassword: string) =>
  request<Session | MfaChallenge>('POST', '/auth/password/reset-link', {
    body: { token, newPassword },
    anonymous: true,
  }).catch((e) => {
    throw e instanceof ApiError && e.code === 'UNAUTHENTICATED'
      ? new ApiError(401, 'RESET_LINK_INVALID', 'Reset link refused')
      : e;
  });

/** A new password: the other sessions end, this one continues with the new tokens. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  const token = await freshToken();
  if (!token) throw sessionEndedError();
  const failed = await whileRenewing(async () => {
    const res = await send('PUT', '/me/password', { body: { currentPassword, newPassword } }, token);
    if (!res.ok) return res;
    setSession((await res.json()) as Session);
    return null;
  });
  if (!failed) return;
  if (failed.status === 401) throw await credentialError('WRONG_PASSWORD');
  throw await toError(failed);
}

/** Logs out of this session (the others stay); the console forgets it whatever the server says. */
export async function logout(): Promise<void> {
  if (!session) return;
  // The token first: a refresh inside the operation would wait for the operation itself.
  const token = await freshToken().catch(() => null);
  await whileRenewing(async () => {
    if (token) {
      const stop = new AbortController();
      const timer = setTimeout(() => stop.abort(), 5000);
      await fetch(`${API_BASE}/auth/logout`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
        signal: stop.signal,
      })
        .catch(() => undefined)
        .finally(() => clearTimeout(timer));
    }
    if (session) setSession(null, 'Bạn đã đăng xuất.');
  });
}

/** Ends every session of the account, on every device (this one too). */
export async function logoutEverywhere(): Promise<void> {
  const token = await freshToken();
  if (!token) throw sessionEndedError();
  await whileRenewing(async () => {
    const res = await send('POST', '/auth/logout-all', {}, token);
    // 401: this session had already ended; either way none is left.
    if (!res.ok && res.status !== 401) throw await toError(res);
    setSession(null, 'Bạn đã đăng xuất khỏi mọi thiết bị.');
  });
}

/** True when the route is not deployed yet (404 for the route itself, not for a record). */
export const isMissingRoute = (e: unknown) => e instanceof ApiError && (e.status === 404 || e.status === 405);
