import type { EntityManager } from 'typeorm';

/**
 * The reporter of a report filed for someone known only by a phone another party typed: the hotline operator
 * (the switchboard's caller id) or an integration (Open311 `phone=`). Such a report goes to the phone's caller
 * record, one per phone, created on first use; a name fills an empty one only. The hotline may instead join the
 * account of that phone when its holder has proven it (`joinProvenAccount`): the call came from that very phone.
 * An integration's word never reaches an account (docs/identity.md, Caller records).
 */
export async function reporterForPhone(
  m: EntityManager,
  phone: string,
  name: string,
  { joinProvenAccount }: { joinProvenAccount: boolean },
): Promise<string> {
  if (joinProvenAccount) {
    const [account] = await m.query(
      `SELECT id FROM users
        WHERE kind = 'account' AND phone = $1 AND phone_verified_at IS NOT NULL AND is_active AND anonymised_at IS NULL`,
      [phone],
    );
    if (account) return account.id;
  }
  const [row] = await m.query(
    `INSERT INTO users (kind, phone, full_name, roles) VALUES ('caller', $1, $2, '{citizen}')
     ON CONFLICT (phone) WHERE kind = 'caller'
       DO UPDATE SET full_name = CASE WHEN users.full_name = '' THEN EXCLUDED.full_name ELSE users.full_name END
     RETURNING id`,
    [phone, name],
  );
  return row.id;
}
