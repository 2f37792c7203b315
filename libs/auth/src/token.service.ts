import { createSecretKey, KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { sign, verify } from 'jsonwebtoken';
import { Env } from '@app/config';
import { AppError } from '@app/common';
import type { Role } from '@app/workflow';
import type { AuthUser } from './access.decorators';

interface AccessClaims {
  sub: string;
  roles: Role[];
  agencyId: string | null;
}

/**
 * Signs and verifies access tokens. HS256 only: a token claiming `alg: none` or any other alg is refused.
 * The secret is turned into a KeyObject once: given a string, jsonwebtoken first tries to parse it as a public
 * key on every call, which cost ~0.4 ms of CPU per request (measured under bench/).
 */
@Injectable()
export class TokenService {
  private readonly key: KeyObject;

  constructor(private readonly env: Env) {
    this.key = createSecretKey(Buffer.from(env.JWT_SECRET, 'utf8'));
  }

  signAccess(user: AuthUser): string {
    const claims: AccessClaims = { sub: user.id, roles: user.roles, agencyId: user.agencyId };
    return sign(claims, this.key, { algorithm: 'HS256', expiresIn: this.env.JWT_ACCESS_TTL_SECONDS });
  }

  verifyAccess(token: string): AuthUser {
    try {
      const claims = verify(token, this.key, { algorithms: ['HS256'] }) as AccessClaims & { exp?: unknown };
      // jsonwebtoken accepts a token without `exp` as valid forever; ours always carry one, so refuse the rest.
      if (typeof claims.exp !== 'number') throw new Error('no exp');
      return { id: claims.sub, roles: claims.roles ?? [], agencyId: claims.agencyId ?? null };
    } catch {
      throw new AppError('UNAUTHENTICATED', 'Invalid or expired access token');
    }
  }
}
