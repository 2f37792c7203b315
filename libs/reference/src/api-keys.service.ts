import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { ApiKey } from '@app/database';

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** API keys for integrations (Open311). Only a hash is stored; the key itself is shown once, at creation. */
@Injectable()
export class ApiKeysService {
  constructor(@InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>) {}

  async create(name: string, createdBy: string): Promise<{ id: string; name: string; key: string }> {
    const key = `pa_${randomBytes(24).toString('base64url')}`;
    const row = await this.keys.save(
      this.keys.create({ name, prefix: key.slice(0, 8), keyHash: hashKey(key), createdBy }),
    );
    return { id: row.id, name: row.name, key };
  }

  list(): Promise<ApiKey[]> {
    return this.keys.find({ order: { createdAt: 'DESC' } });
  }

  async revoke(id: string): Promise<boolean> {
    const result = await this.keys.update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
    return !!result.affected;
  }

  /** The key's row if it is valid and not revoked; records its use. */
  async verify(key: string): Promise<ApiKey | null> {
    const row = await this.keys.findOneBy({ keyHash: hashKey(key), revokedAt: IsNull() });
    if (row) await this.keys.update(row.id, { lastUsedAt: new Date() });
    return row;
  }
}
