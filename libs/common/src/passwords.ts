import * as argon2 from 'argon2';

// argon2id at OWASP's baseline (19 MiB, 2 passes): strong against GPUs, ~20 ms a hash on this hardware.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (plain: string) => argon2.hash(plain, OPTIONS);

export async function verifyPassword(hash: string | null | undefined, plain: string): Promise<boolean> {
  if (!hash) return false;
  try {
    return await argon2.verify(hash, plain);
  } catch {
    return false;
  }
}

/** Hash of a password nobody has, verified when the account does not exist so timing does not tell. */
export const DUMMY_HASH_PROMISE = hashPassword('not-a-real-password-only-for-timing');
