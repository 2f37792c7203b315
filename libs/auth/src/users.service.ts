import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { AppError, normalizeVnMobile, notFound, Page, PageQuery, toPage } from '@app/common';
import { Agency, User } from '@app/database';
import type { Role } from '@app/workflow';
import { hashPassword } from './passwords';
import { PublicUser, toPublicUser } from './auth.service';

export interface NewStaff {
  username: string;
  password: string;
  fullName: string;
  roles: Role[];
  agencyId?: string | null;
  phone?: string | null;
}

const AGENCY_ROLES: Role[] = ['agency_officer', 'agency_leader'];

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Agency) private readonly agencies: Repository<Agency>,
  ) {}

  /** Admin creates staff. Agency roles are bound to exactly one existing agency. */
  async createStaff(input: NewStaff): Promise<PublicUser> {
    const needsAgency = input.roles.some((r) => AGENCY_ROLES.includes(r));
    if (needsAgency && !input.agencyId) {
      throw new AppError('VALIDATION_FAILED', 'Agency roles need an agency', { fields: { agencyId: ['required for agency roles'] } });
    }
    if (input.agencyId && !(await this.agencies.existsBy({ id: input.agencyId }))) {
      throw new AppError('VALIDATION_FAILED', 'Unknown agency', { fields: { agencyId: ['no such agency'] } });
    }
    const phone = input.phone ? normalizeVnMobile(input.phone) : null;
    if (input.phone && !phone) {
      throw new AppError('VALIDATION_FAILED', 'Invalid phone', { fields: { phone: ['not a Vietnamese mobile number'] } });
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

  async list(query: PageQuery, role?: Role): Promise<Page<PublicUser>> {
    const qb = this.users.createQueryBuilder('u').orderBy('u.created_at', 'DESC').skip(query.offset).take(query.pageSize);
    if (role) qb.where(':role = ANY(u.roles)', { role });
    const [rows, total] = await qb.getManyAndCount();
    return toPage(rows.map(toPublicUser), total, query);
  }

  async get(id: string): Promise<PublicUser> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw notFound('User');
    return toPublicUser(user);
  }
}
