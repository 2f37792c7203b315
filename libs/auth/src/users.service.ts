import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AppError, normalizeVnMobile, notFound, Page, PageQuery, toPage } from '@app/common';
import { Env } from '@app/config';
import { Agency, Db, sql, User } from '@app/database';
import { AGENCY_ROLES, hasAnyRole, type Role } from '@app/workflow';
import { MfaService } from './mfa.service';
import { hashPassword } from '@app/common/passwords';
import { SessionGate } from './session-gate';
import { type PublicUser, SessionIssuer, sha256, toPublicUser } from './session-issuer';

/** An account as the admin's user page shows it. */
export interface AdminUserView extends PublicUser {
  locked: boolean;
  phoneVerified: boolean;
  lastLoginAt: Date | null;
  mfaEnabled: boolean;
  /** The role must log in with a second factor (MFA_REQUIRED_ROLES). */
  mfaRequired: boolean;
  createdAt: Date;
}

const RESET_LINK_HOURS = 24;

export interface NewStaff {
  username: string;
  password: string;
  fullName: string;
  roles: Role[];
  agencyId?: string | null;
  phone?: string | null;
}

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Agency) private readonly agencies: Repository<Agency>,
    private readonly db: Db,
    private readonly gate: SessionGate,
    private readonly sessions: SessionIssuer,
    private readonly mfa: MfaService,
    private readonly env: Env,
  ) {}

  /** Admin creates staff. Agency roles are bound to exactly one existing agency. */
  async createStaff(input: NewStaff): Promise<PublicUser> {
    await this.assertAgencyRules(input.roles, input.agencyId);
    const phone = input.phone ? normalizeVnMobile(input.phone) : null;
    if (input.phone && !phone) {
      throw new AppError('VALIDATION_FAILED', 'Invalid phone', {
        fields: { phone: ['not a Vietnamese mobile number'] },
      });
    }
    const clash = await this.users
      .createQueryBuilder('u')
      .where('lower(u.username) = lower(:username)', { username: input.username })
      .orWhere(phone ? "u.phone = :phone AND u.kind = 'account'" : 'false', { phone })
      .getExists();
    if (clash) throw new AppError('CONFLICT', 'Username or phone already in use');
    const user = await this.users.save(
      this.users.create({
        username: input.username,
        phone,
        passwordHash: await hashPassword(input.password),
        fullName: input.fullName,
        roles: Array.from(new Set(input.roles)),
        agencyId: input.agencyId ?? null,
      }),
    );
    return toPublicUser(user);
  }

  /**
   * Accounts for the admin, staff and citizens apart (`kind`); caller records are not accounts and never listed.
   * Optional role filter and search by name, username or phone.
   */
  async list(
    query: PageQuery,
    filter: { kind: 'staff' | 'citizen'; role?: Role; q?: string },
  ): Promise<Page<AdminUserView>> {
    const qb = this.users
      .createQueryBuilder('u')
      .where(`u.kind = 'account' AND u.anonymised_at IS NULL`)
      .andWhere(
        filter.kind === 'citizen' ? `u.roles <@ ARRAY['citizen']::text[]` : `NOT (u.roles <@ ARRAY['citizen']::text[])`,
      )
      .orderBy('u.created_at', 'DESC')
      .skip(query.offset)
      .take(query.pageSize);
    if (filter.role) qb.andWhere(':role = ANY(u.roles)', { role: filter.role });
    if (filter.q) {
      const phone = normalizeVnMobile(filter.q);
      qb.andWhere(
        phone ? 'u.phone = :phone' : `(unaccent(u.full_name) ILIKE unaccent(:like) OR u.username ILIKE :like)`,
        {
          phone,
          like: `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
        },
      );
    }
    const [rows, total] = await qb.getManyAndCount();
    return toPage(rows.map(this.adminView), total, query);
  }

  async get(id: string): Promise<AdminUserView> {
    const user = await this.users.findOneBy({ id, kind: 'account' });
    if (!user) throw notFound('User');
    return this.adminView(user);
  }

  /**
   * Edits a staff member's or citizen's name, roles and agency. A change of roles or agency ends the account's
   * sessions, so its tokens and sockets cannot keep powers it no longer has (docs/identity.md).
   */
  async update(
    id: string,
    change: { fullName?: string; roles?: Role[]; agencyId?: string | null },
  ): Promise<AdminUserView> {
    const ended = await this.db.transaction(async (_trx, m) => {
      const user = await m
        .getRepository(User)
        .findOne({ where: { id, kind: 'account' }, lock: { mode: 'pessimistic_write' } });
      if (!user || user.anonymisedAt) throw notFound('User');
      const roles = change.roles ? Array.from(new Set(change.roles)) : user.roles;
      const agencyId = change.agencyId !== undefined ? change.agencyId : user.agencyId;
      await this.assertAgencyRules(roles, agencyId);
      const powersChanged = roles.join() !== user.roles.join() || agencyId !== user.agencyId;
      await m.update(User, id, { fullName: change.fullName ?? user.fullName, roles, agencyId });
      return powersChanged ? this.gate.endAll(id, m) : null;
    });
    await ended?.afterCommit();
    return this.get(id);
  }

  /** Locks (or unlocks) an account: locked, it cannot log in and its sessions end within seconds. */
  async setLocked(id: string, locked: boolean, by: string): Promise<AdminUserView> {
    if (locked && id === by) throw new AppError('CONFLICT', 'You cannot lock your own account');
    const ended = await this.db.transaction(async (trx, m) => {
      const row = await trx
        .updateTable('users')
        .set({ isActive: !locked, updatedAt: sql`now()` })
        .where('id', '=', id)
        .where('kind', '=', 'account')
        .where('anonymisedAt', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (!row) throw notFound('User');
      return this.gate.endAll(id, m);
    });
    await ended.afterCommit();
    if (locked) await this.sessions.revokeRefreshTokens(id);
    return this.get(id);
  }

  /**
   * A one-time link that sets a new password (valid RESET_LINK_HOURS), for the admin to hand over; the account's
   * sessions end at once. The token is shown this once and stored hashed.
   */
  async issueResetLink(id: string, by: string): Promise<{ url: string; token: string; expiresAt: Date }> {
    // An admin's own password is changed with the current one (or by another admin): a link would skip that proof.
    if (id === by) throw new AppError('CONFLICT', 'Change your own password from your account menu');
    await this.get(id);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + RESET_LINK_HOURS * 3600_000);
    await this.db.kysely
      .updateTable('passwordResetLinks')
      .set({ usedAt: sql`now()` })
      .where('userId', '=', id)
      .where('usedAt', 'is', null)
      .execute();
    await this.db.kysely
      .insertInto('passwordResetLinks')
      .values({ tokenHash: sha256(token), userId: id, createdBy: by, expiresAt })
      .execute();
    await this.sessions.revokeRefreshTokens(id);
    const ended = await this.gate.endAll(id);
    await ended.afterCommit();
    return {
      url: `${this.env.PUBLIC_BASE_URL.replace(/\/+$/, '')}/console/dat-lai-mat-khau?token=${token}`,
      token,
      expiresAt,
    };
  }

  /** Turns a user's second factor off (a lost phone): they enrol again at their next login if their role requires it. */
  async resetMfa(id: string): Promise<AdminUserView> {
    await this.get(id);
    await this.mfa.disable(id);
    const ended = await this.gate.endAll(id);
    await ended.afterCommit();
    return this.get(id);
  }

  private adminView = (u: User): AdminUserView => ({
    ...toPublicUser(u),
    locked: !u.isActive,
    phoneVerified: !!u.phoneVerifiedAt,
    lastLoginAt: u.lastLoginAt,
    mfaEnabled: !!u.totpEnabledAt,
    mfaRequired: this.mfa.requiredFor(u.roles),
    createdAt: u.createdAt,
  });

  private async assertAgencyRules(roles: Role[], agencyId: string | null | undefined): Promise<void> {
    const needsAgency = hasAnyRole(roles, AGENCY_ROLES);
    if (needsAgency && !agencyId) {
      throw new AppError('VALIDATION_FAILED', 'Agency roles need an agency', {
        fields: { agencyId: ['required for agency roles'] },
      });
    }
    if (agencyId && !(await this.agencies.existsBy({ id: agencyId }))) {
      throw new AppError('VALIDATION_FAILED', 'Unknown agency', { fields: { agencyId: ['no such agency'] } });
    }
  }
}
