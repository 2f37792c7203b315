import { Injectable } from '@nestjs/common';
import { AppError, normalizeVnMobile } from '@app/common';
import { Db } from '@app/database';
import { OtpService, type OtpPurpose, type OtpRequested } from './otp.service';
import { assertCitizenMaySignIn, isCitizenOnly } from './outside-proof';
import { hashPassword } from '@app/common/passwords';
import { ProvenPhones } from './proven-phones.service';
import { SessionGate } from './session-gate';
import { type Session, SessionIssuer } from './session-issuer';

/**
 * Everything done with a one-time code sent to a phone (docs/identity.md): registering, logging in without a
 * password (many reporters are elderly), resetting a forgotten password. Proving the phone makes its caller record
 * part of the account (ProvenPhones). Staff accounts never log in or reset by SMS: their phone is not a second
 * factor, so no code is sent for them, and the request answers the same as for anyone.
 */
@Injectable()
export class PhoneAuthService {
  constructor(
    private readonly db: Db,
    private readonly otp: OtpService,
    private readonly proven: ProvenPhones,
    private readonly sessions: SessionIssuer,
    private readonly gate: SessionGate,
  ) {}

  /** 202 with the same body whatever the phone: a code goes out only where it can be used. */
  async requestCode(phoneInput: string, purpose: OtpPurpose, ip: string): Promise<OtpRequested> {
    const phone = this.phone(phoneInput);
    const account = await this.db.kysely
      .selectFrom('users')
      .select(['roles', 'isActive'])
      .where('kind', '=', 'account')
      .where('phone', '=', phone)
      .executeTakeFirst();
    const deliver =
      purpose === 'register'
        ? true
        : purpose === 'login'
          ? !account || (isCitizenOnly(account) && account.isActive)
          : !!account && isCitizenOnly(account) && account.isActive;
    return this.otp.request(phone, purpose, ip, deliver);
  }

  /** A new citizen account for a proven phone. 409 if it has one: only the phone's holder, who has the code, sees that. */
  async register(phoneInput: string, code: string, password: string, fullName: string): Promise<Session> {
    const phone = this.phone(phoneInput);
    await this.otp.consume(phone, 'register', code);
    const passwordHash = await hashPassword(password);
    const user = await this.db.transaction(async (trx, m) => {
      const existing = await trx
        .selectFrom('users')
        .select('id')
        .where('kind', '=', 'account')
        .where('phone', '=', phone)
        .executeTakeFirst();
      if (existing)
        throw new AppError('CONFLICT', 'This phone already has an account: log in, or reset the password by code');
      return (await this.proven.account(m, phone, { create: true, fullName, passwordHash }))!;
    });
    return this.sessions.login(user);
  }

  /** Login by code alone; the first one creates the citizen's account. */
  async login(phoneInput: string, code: string): Promise<Session> {
    const phone = this.phone(phoneInput);
    await this.otp.consume(phone, 'login', code);
    const user = await this.db.transaction(async (_trx, m) => {
      const account = (await this.proven.account(m, phone, { create: true }))!;
      assertCitizenMaySignIn(account); // inside the transaction: a refused login proves and joins nothing
      return account;
    });
    return this.sessions.login(user);
  }

  /** A forgotten password replaced by code: every other session ends. */
  async resetPassword(phoneInput: string, code: string, newPassword: string): Promise<Session> {
    const phone = this.phone(phoneInput);
    await this.otp.consume(phone, 'reset', code);
    const passwordHash = await hashPassword(newPassword);
    const { user, ended } = await this.db.transaction(async (trx, m) => {
      const account = await this.proven.account(m, phone, { create: false });
      if (!account) throw new AppError('UNAUTHENTICATED', 'Wrong or expired code');
      assertCitizenMaySignIn(account);
      await trx.updateTable('users').set({ passwordHash }).where('id', '=', account.id).execute();
      return { user: account, ended: await this.gate.endAll(account.id, m) };
    });
    await ended.afterCommit();
    await this.sessions.revokeRefreshTokens(user.id);
    return this.sessions.login(user);
  }

  private phone(input: string): string {
    const phone = normalizeVnMobile(input);
    if (!phone)
      throw new AppError('VALIDATION_FAILED', 'Invalid phone', {
        fields: { phone: ['not a Vietnamese mobile number'] },
      });
    return phone;
  }
}
