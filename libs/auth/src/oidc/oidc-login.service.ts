import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError, normalizeVnMobile } from '@app/common';
import { Db, User } from '@app/database';
import { assertCitizenMaySignIn } from '../outside-proof';
import { ProvenPhones } from '../proven-phones.service';
import { type Session, SessionIssuer } from '../session-issuer';
import { type OidcCallback, type OidcClaims, OidcClient } from './oidc-client';
import { OidcPendingLogins } from './oidc-pending-logins';

export interface OidcLoginStarted {
  /** Open it in the browser (web) or an in-app browser tab (mobile). */
  authorizationUrl: string;
  /** Compare it with the one that comes back before posting the callback (the login is bound to this client). */
  state: string;
  /** OIDC_PROVIDER_NAME, for the button's label. */
  provider: string;
}

/**
 * Login with the national e-ID (docs/identity.md, OpenID Connect). An identity is matched to an account once, by
 * the verified phone number the provider vouches for (a proven phone: ProvenPhones, which creates the citizen's
 * account if needed and joins the phone's caller record), and linked by the provider's subject from then on.
 */
@Injectable()
export class OidcLogin {
  constructor(
    private readonly db: Db,
    private readonly client: OidcClient,
    private readonly pending: OidcPendingLogins,
    private readonly proven: ProvenPhones,
    private readonly sessions: SessionIssuer,
  ) {}

  async start(redirectUri?: string): Promise<OidcLoginStarted> {
    const request = await this.client.authorizationRequest(redirectUri);
    await this.pending.save(request.state, request.pending);
    return { authorizationUrl: request.url, state: request.state, provider: this.client.providerName };
  }

  async finish(callback: OidcCallback): Promise<Session> {
    this.client.assertEnabled();
    const pending = await this.pending.take(callback.state);
    if (!pending)
      throw new AppError('UNAUTHENTICATED', 'Unknown, expired or already used login state: start the e-ID login again');
    const claims = await this.client.exchange(callback, pending);
    const user = await this.db.transaction((_trx, m) => this.account(m, claims));
    return this.sessions.login(user);
  }

  /** The account linked to the subject; else the account of the verified phone, linked to the subject from now on. */
  private async account(m: EntityManager, claims: OidcClaims): Promise<User> {
    const provider = this.client.providerName;
    const trx = this.db.fromManager(m);
    const linked = await trx
      .selectFrom('userIdentities')
      .select('userId')
      .where('provider', '=', provider)
      .where('subject', '=', claims.sub)
      .executeTakeFirst();
    if (linked) {
      const user = await m.getRepository(User).findOneByOrFail({ id: linked.userId });
      assertCitizenMaySignIn(user);
      return user;
    }
    const phone = verifiedPhone(claims);
    if (!phone) {
      throw new AppError(
        'UNAUTHENTICATED',
        `${provider} gave no verified Vietnamese mobile number, so no account can be matched: log in with your phone number instead`,
      );
    }
    const user = (await this.proven.account(m, phone, { create: true, fullName: fullName(claims) }))!;
    assertCitizenMaySignIn(user);
    // The phone's account row is locked now (ProvenPhones), so two first logins of one phone see each other's link.
    const other = await trx
      .selectFrom('userIdentities')
      .select('subject')
      .where('provider', '=', provider)
      .where('userId', '=', user.id)
      .executeTakeFirst();
    if (other && other.subject !== claims.sub) {
      // Another person's e-ID proved this phone before: a recycled number, most likely. Neither takes the other's account.
      throw new AppError('UNAUTHENTICATED', `The account of this phone number belongs to another ${provider} identity`);
    }
    await trx
      .insertInto('userIdentities')
      .values({ provider, subject: claims.sub, userId: user.id })
      .onConflict((oc) => oc.doNothing())
      .execute();
    return user;
  }
}

/** E.164, only when the provider says it verified the number (the boolean true, not a string). */
function verifiedPhone(claims: OidcClaims): string | null {
  return claims.phone_number_verified === true && typeof claims.phone_number === 'string'
    ? normalizeVnMobile(claims.phone_number)
    : null;
}

function fullName(claims: OidcClaims): string | undefined {
  return typeof claims.name === 'string' ? claims.name.normalize('NFC').trim().slice(0, 120) : undefined;
}
