// The portal's one way to the API (docs/api.md): JSON in and out, the citizen's session kept in this browser,
// refreshed once when the access token has expired, and errors read by their stable code.

export interface User {
  id: string;
  fullName: string | null;
  phone: string | null;
}
interface Session {
  accessToken: string;
  refreshToken: string;
  user: User;
}

const KEY = 'pa-portal-session';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function currentUser(): User | null {
  return readSession()?.user ?? null;
}

function readSession(): Session | null {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? 'null') as Session | null;
  } catch {
    return null;
  }
}

export function saveSession(s: Session | null): void {
  if (s) localStorage.setItem(KEY, JSON.stringify(s));
  else localStorage.removeItem(KEY);
  dispatchEvent(new Event('pa-session'));
}

interface Options {
  method?: string;
  body?: unknown;
  /** A multipart upload instead of JSON. */
  form?: FormData;
  auth?: boolean;
}

export async function api<T>(path: string, opts: Options = {}): Promise<T> {
  let res = await send(path, opts);
  if (res.status === 401 && opts.auth && (await refresh())) res = await send(path, opts);
  if (res.status === 204) return undefined as T;
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    if (res.status === 401 && opts.auth) saveSession(null);
    throw new ApiError(res.status, body?.code ?? 'INTERNAL_ERROR', body?.message ?? res.statusText);
  }
  return body as T;
}

function send(path: string, { method = 'GET', body, form, auth }: Options): Promise<Response> {
  const headers: Record<string, string> = {};
  const token = auth ? readSession()?.accessToken : undefined;
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(`/api/v1${path}`, {
    method,
    headers,
    body: form ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
}

async function refresh(): Promise<boolean> {
  const s = readSession();
  if (!s) return false;
  const res = await send('/auth/refresh', { method: 'POST', body: { refreshToken: s.refreshToken } });
  if (!res.ok) return false;
  saveSession((await res.json()) as Session);
  return true;
}

/** What a person reads when a request fails: by the error's code, never its English message. */
export function errorText(e: unknown): string {
  if (!(e instanceof ApiError)) return 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng và thử lại.';
  switch (e.code) {
    case 'VALIDATION_FAILED':
      return 'Thông tin chưa hợp lệ, vui lòng kiểm tra lại.';
    case 'UNAUTHENTICATED':
      return 'Mã xác thực không đúng hoặc đã hết hạn.';
    case 'NOT_FOUND':
      return 'Không tìm thấy phản ánh này.';
    case 'RATE_LIMITED':
      return 'Bạn thao tác quá nhiều lần, vui lòng thử lại sau ít phút.';
    case 'PAYLOAD_TOO_LARGE':
      return 'Ảnh quá lớn.';
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 'Chỉ nhận ảnh JPEG, PNG, WebP, HEIC hoặc video MP4.';
    case 'INVALID_TRANSITION':
    case 'VERSION_CONFLICT':
      return 'Phản ánh vừa thay đổi, vui lòng tải lại trang.';
    case 'SERVICE_UNAVAILABLE':
      return 'Dịch vụ tạm thời gián đoạn, vui lòng thử lại sau.';
    default:
      return 'Có lỗi xảy ra, vui lòng thử lại.';
  }
}

/** The query string of the set values only. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
