import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AppError, maskPhone, stripAccents } from '@app/common';
import { Env } from '@app/config';
import { Db, sql } from '@app/database';
import { SmsGateway } from '@app/sms';
import { AttemptBudget } from './attempt-budget';

export const OTP_PURPOSES = ['register', 'login', 'reset'] as const;
export type OtpPurpose = (typeof OTP_PURPOSES)[number];

/** What every code request answers, whether or not the phone is known or a code was sent: nothing to enumerate. */
export interface OtpRequested {
  status: 'accepted';
  /** Seconds a code, if one was sent, stays valid. */
  expiresInSeconds: number;
  /** Seconds before asking again makes sense. */
  resendAfterSeconds: number;
}

const HOUR = 3600;

/**
 * One-time codes sent by SMS to prove a phone (docs/identity.md). Six digits, stored only as a keyed hash, valid
 * OTP_TTL_SECONDS, void after OTP_MAX_ATTEMPTS wrong tries or one use; one live code per phone and purpose, a new
 * one at most every OTP_RESEND_SECONDS, and budgets of codes per phone and per address. The caller decides
 * whether a code should be delivered at all, and the answer is the same either way.
 */
@Injectable()
export class OtpService {
  private readonly logger = new Logger(OtpService.name);

  constructor(
    private readonly db: Db,
    private readonly sms: SmsGateway,
    private readonly budget: AttemptBudget,
    private readonly env: Env,
  ) {}

  /**
   * A request for a code. Its budgets are spent whether or not a code goes out (429 when spent: the same for every
   * phone, so it tells nothing about the phone); then, if `deliver`, a new code is sent unless the last one's resend
   * time has not come. 503 while the SMS gateway is off.
   */
  async request(phone: string, purpose: OtpPurpose, ip: string, deliver: boolean): Promise<OtpRequested> {
    if (!this.sms.enabled)
      throw new AppError('SERVICE_UNAVAILABLE', 'One-time codes are not available: no SMS gateway is configured');
    await this.budget.reserve(
      [
        { key: `otp-send:phone:${phone}`, limit: this.env.OTP_MAX_PER_PHONE_PER_HOUR },
        { key: `otp-send:ip:${ip}`, limit: this.env.OTP_MAX_PER_IP_PER_HOUR },
      ],
      HOUR,
    );
    if (deliver) await this.send(phone, purpose);
    return {
      status: 'accepted',
      expiresInSeconds: this.env.OTP_TTL_SECONDS,
      resendAfterSeconds: this.env.OTP_RESEND_SECONDS,
    };
  }

  private async send(phone: string, purpose: OtpPurpose): Promise<void> {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    // One statement: a live code whose resend time has not come is left as it is (and no SMS goes out).
    const sent = await this.db.kysely
      .insertInto('otpCodes')
      .values({
        phone,
        purpose,
        codeHash: this.hash(phone, purpose, code),
        expiresAt: sql`now() + make_interval(secs => ${this.env.OTP_TTL_SECONDS})`,
      })
      .onConflict((oc) =>
        oc
          .columns(['phone', 'purpose'])
          .doUpdateSet((eb) => ({
            codeHash: eb.ref('excluded.codeHash'),
            attempts: 0,
            sentAt: sql`now()`,
            expiresAt: eb.ref('excluded.expiresAt'),
            consumedAt: null,
          }))
          .where((eb) =>
            eb.or([
              eb('otpCodes.sentAt', '<=', sql<Date>`now() - make_interval(secs => ${this.env.OTP_RESEND_SECONDS})`),
              eb('otpCodes.consumedAt', 'is not', null),
            ]),
          ),
      )
      .returning('phone')
      .executeTakeFirst();
    if (!sent) return;
    // Sent in the background: the answer must not wait on the gateway, nor take longer when a code goes out.
    void this.sms.send({ to: phone, text: this.text(code) }).then((ok) => {
      if (!ok) this.logger.warn(`one-time code for ${maskPhone(phone)} (${purpose}) not sent`);
    });
  }

  /**
   * Uses a code: 401 UNAUTHENTICATED for a wrong, expired, used or unknown one (one answer for all). A wrong try
   * counts against the code; two requests with the right code: exactly one wins.
   */
  async consume(phone: string, purpose: OtpPurpose, code: string): Promise<void> {
    const wrong = new AppError('UNAUTHENTICATED', 'Wrong or expired code');
    if (!/^\d{6}$/.test(code)) throw wrong;
    // Count the try first (reserve, then verify), so parallel guesses cannot exceed the attempts.
    const live = this.db.kysely
      .updateTable('otpCodes')
      .where('phone', '=', phone)
      .where('purpose', '=', purpose)
      .where('consumedAt', 'is', null);
    const row = await live
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('expiresAt', '>', sql<Date>`now()`)
      .where('attempts', '<', this.env.OTP_MAX_ATTEMPTS)
      .returning('codeHash')
      .executeTakeFirst();
    if (!row) throw wrong;
    const given = Buffer.from(this.hash(phone, purpose, code), 'hex');
    const stored = Buffer.from(row.codeHash, 'hex');
    if (given.length !== stored.length || !timingSafeEqual(given, stored)) throw wrong;
    const used = await live
      .set({ consumedAt: sql`now()` })
      .where('codeHash', '=', row.codeHash)
      .returning('phone')
      .executeTakeFirst();
    if (!used) throw wrong;
  }

  /** Codes are 6 digits: a plain hash could be reversed by trying a million; the HMAC key never leaves the app. */
  private hash(phone: string, purpose: OtpPurpose, code: string): string {
    return createHmac('sha256', this.env.JWT_SECRET).update(`otp:${phone}:${purpose}:${code}`).digest('hex');
  }

  /**
   * The SMS: unaccented Vietnamese (GSM-7: one 160-character message on every phone and brandname route), naming
   * the service, the code, its lifetime and the warning not to share it.
   */
  private text(code: string): string {
    const minutes = Math.round(this.env.OTP_TTL_SECONDS / 60);
    const province = stripAccents(this.env.PROVINCE_NAME);
    return `${code} la ma xac thuc Phan anh hien truong ${province}. Ma co hieu luc ${minutes} phut. KHONG chia se ma nay cho bat ky ai.`;
  }
}
