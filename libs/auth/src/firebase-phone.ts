import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { deleteApp, initializeApp, type App } from 'firebase-admin/app';
import { getAuth, type Auth, type DecodedIdToken } from 'firebase-admin/auth';
import { DataSource } from 'typeorm';
import { AppError, normalizeVnMobile } from '@app/common';
import { Env } from '@app/config';
import { assertCitizenMaySignIn } from './outside-proof';
import { ProvenPhones } from './proven-phones.service';
import { type Session, SessionIssuer } from './session-issuer';

/**
 * Sign-in with a phone proven through Firebase Authentication (docs/identity.md): the app has Firebase send and
 * check the SMS code, then hands us the Firebase ID token, which firebase-admin verifies against Google's published
 * certificates (signature, iss and aud of FIREBASE_AUTH_PROJECT_ID, exp, sub). Its phone is then proven
 * like one proven by our own one-time code (ProvenPhones). Only the project id is needed: no service account.
 */
@Injectable()
export class FirebasePhoneSignIn implements OnApplicationShutdown {
  private readonly logger = new Logger(FirebasePhoneSignIn.name);
  private readonly app: App | null;
  private readonly auth: Auth | null;

  constructor(
    env: Env,
    @InjectDataSource() private readonly db: DataSource,
    private readonly proven: ProvenPhones,
    private readonly sessions: SessionIssuer,
  ) {
    // Uniquely named, as PushService's, so that several Nest apps in one process never share or delete each other's.
    this.app = env.FIREBASE_AUTH_PROJECT_ID
      ? initializeApp({ projectId: env.FIREBASE_AUTH_PROJECT_ID }, `phone-sign-in-${randomUUID()}`)
      : null;
    this.auth = this.app && getAuth(this.app);
  }

  /** A session for the holder of the token's phone; their citizen account is created at the first sign-in. */
  async signIn(idToken: string): Promise<Session> {
    const phone = await this.provenPhone(idToken);
    const user = await this.db.transaction(async (m) => {
      const account = (await this.proven.account(m, phone, { create: true }))!;
      assertCitizenMaySignIn(account);
      return account;
    });
    return this.sessions.login(user);
  }

  /**
   * E.164 of the phone the token proves; 401 for a token that does not verify or proves no Vietnamese mobile. Firebase
   * puts phone_number in a token once its client SDK has checked an SMS code for that number (or the project's admin set it).
   */
  private async provenPhone(idToken: string): Promise<string> {
    if (!this.auth) throw new AppError('SERVICE_UNAVAILABLE', 'Firebase phone sign-in is not configured');
    let token: DecodedIdToken;
    try {
      token = await this.auth.verifyIdToken(idToken);
    } catch (e) {
      // firebase-admin reports every failure, expired or forged or unfetchable keys, as an invalid argument.
      this.logger.warn(`Firebase ID token refused: ${(e as { code?: string }).code ?? ''} ${(e as Error).message}`);
      throw new AppError('UNAUTHENTICATED', 'Invalid or expired Firebase ID token: sign in with the phone again');
    }
    const phone = token.phone_number ? normalizeVnMobile(token.phone_number) : null;
    if (!phone) throw new AppError('UNAUTHENTICATED', 'The Firebase ID token proves no Vietnamese mobile number');
    return phone;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.app) await deleteApp(this.app).catch(() => undefined);
  }
}
