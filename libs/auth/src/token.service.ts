import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Env } from '@app/config';
import { AppError } from '@app/common';
import type { Role } from '@app/workflow';
import type { AuthUser } from './access.decorators';

interface AccessClaims {
  sub: string;
  roles: Role[];
  agencyId: string | null;
}

/** Signs and verifies access tokens. HS256 only: a token claiming `alg: none` or any other alg is refused. */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly env: Env,
  ) {}

  signAccess(user: AuthUser): string {
    const claims: AccessClaims = { sub: user.id, roles: user.roles, agencyId: user.agencyId };
    return this.jwt.sign(claims, {
      secret: this.env.JWT_SECRET,
      algorithm: 'HS256',
      expiresIn: this.env.JWT_ACCESS_TTL_SECONDS,
    });
  }

  verifyAccess(token: string): AuthUser {
    try {
      const claims = this.jwt.verify<AccessClaims>(token, { secret: this.env.JWT_SECRET, algorithms: ['HS256'] });
      return { id: claims.sub, roles: claims.roles ?? [], agencyId: claims.agencyId ?? null };
    } catch {
      throw new AppError('UNAUTHENTICATED', 'Invalid or expired access token');
    }
  }
}
