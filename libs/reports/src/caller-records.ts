import { sql, type Database, type Kysely } from '@app/database';

/**
 * The reporter of a report filed for someone known only by a phone another party typed: the hotline operator
 * (the switchboard's caller id) or an integration (Open311 `phone=`). Such a report goes to the phone's caller
 * record, one per phone, created on first use; a name fills an empty one only. The hotline may instead join the
 * account of that phone when its holder has proven it (`joinProvenAccount`): the call came from that very phone.
 * An integration's word never reaches an account (docs/identity.md, Caller records).
 * `db`: the caller's transaction (`Db.fromManager`).
 */
export async function reporterForPhone(
  db: Kysely<Database>,
  phone: string,
  name: string,
  { joinProvenAccount }: { joinProvenAccount: boolean },
): Promise<string> {
  if (joinProvenAccount) {
    const account = await db
      .selectFrom('users')
      .select('id')
      .where('kind', '=', 'account')
      .where('phone', '=', phone)
      .where('phoneVerifiedAt', 'is not', null)
      .where('isActive', '=', true)
      .where('anonymisedAt', 'is', null)
      .executeTakeFirst();
    if (account) return account.id;
  }
  // The conflict target is the partial unique index of caller records; its predicate is written as the index's
  // (a literal: a parameter would not let Postgres infer the index).
  const row = await db
    .insertInto('users')
    .values({ kind: 'caller', phone, fullName: name, roles: ['citizen'] })
    .onConflict((oc) =>
      oc
        .column('phone')
        .where(sql<boolean>`kind = 'caller'`)
        .doUpdateSet({
          fullName: sql<string>`CASE WHEN users.full_name = '' THEN EXCLUDED.full_name ELSE users.full_name END`,
        }),
    )
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
