// One's own account (GET /me, second factor) and the rules its forms share with the admin's user page.
import type { FormRule as Rule } from 'antd';
import { api, request, type AccountView, type TotpSetup } from './api';

/** The API's rule for a new password: 8–128 characters with a letter and a digit. */
export const PASSWORD_PATTERN = /^(?=.*[A-Za-zÀ-ỹ])(?=.*\d).{8,128}$/;
export const PASSWORD_HINT = 'Ít nhất 8 ký tự, có cả chữ và số';
export const newPasswordRules: Rule[] = [
  { required: true, message: 'Nhập mật khẩu mới' },
  { pattern: PASSWORD_PATTERN, message: PASSWORD_HINT },
];
/** "Nhập lại mật khẩu mới" must equal the field `field`. */
export const confirmRules = (field: string): Rule[] => [
  { required: true, message: 'Nhập lại mật khẩu mới' },
  ({ getFieldValue }) => ({
    validator: (_, value) =>
      !value || getFieldValue(field) === value
        ? Promise.resolve()
        : Promise.reject(new Error('Hai mật khẩu không khớp')),
  }),
];

/** A code from the authenticator app: 6 digits (spaces typed or pasted are dropped). */
export const TOTP_PATTERN = /^\d{6}$/;
/** A code from the app, or a recovery code like a1b2c-3d4e5. */
export const LOGIN_CODE_PATTERN = /^(\d{6}|[0-9a-f]{5}-?[0-9a-f]{5})$/i;
export const cleanCode = (code: string) => code.replace(/\s+/g, '').toLowerCase();

export const getMe = () => api.get<AccountView>('/me');
export const setUpMyMfa = () => api.post<TotpSetup>('/me/mfa/setup');
export const activateMyMfa = (code: string) =>
  request<{ recoveryCodes: string[] }>('POST', '/me/mfa/activate', { body: { code }, credential: 'WRONG_CODE' });
export const disableMyMfa = (code: string) =>
  request<void>('POST', '/me/mfa/disable', { body: { code }, credential: 'WRONG_CODE' });

/** How the second factor of an account stands, as the admin's list and the account menu say it. */
export function mfaState(a: Pick<AccountView, 'mfaEnabled' | 'mfaRequired'>): { label: string; color: string } {
  if (a.mfaEnabled) return { label: 'Đã bật', color: 'green' };
  if (a.mfaRequired) return { label: 'Bắt buộc, chưa bật', color: 'orange' };
  return { label: 'Chưa bật', color: 'default' };
}
