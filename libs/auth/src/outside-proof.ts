import { AppError } from '@app/common';
import type { User } from '@app/database';

/** A citizen's account: no staff role at all. */
export const isCitizenOnly = (user: Pick<User, 'roles'>): boolean => user.roles.every((role) => role === 'citizen');

/**
 * Who may be signed in on an outside proof alone (an e-ID, a phone proven through Firebase): active citizens. A
 * staff account's phone or e-ID is no second factor, so staff log in with their password, as with one-time codes
 * (PhoneAuthService). Call it inside the sign-in's transaction: a refused sign-in then proves and links nothing.
 */
export function assertCitizenMaySignIn(user: User): void {
  if (!isCitizenOnly(user)) throw new AppError('UNAUTHENTICATED', 'Staff log in with their password');
  if (!user.isActive || user.anonymisedAt) throw new AppError('UNAUTHENTICATED', 'Account disabled');
}
