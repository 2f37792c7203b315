// What the scenarios act on: users and their access tokens, received reports to act on, and the clean-up of
// whatever an earlier bench run created (every bench-made report has the title 'BENCH').
import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import Redis from 'ioredis';
import type { Pool } from 'pg';
import { BENCH } from './config';

/**
 * An access token exactly as TokenService.signAccess makes it (HS256, sub/roles/agencyId, the session version and a
 * session id), with the bench secret. Generated users keep session version 0.
 */
export function accessToken(
  user: { id: string; roles: string[]; agencyId?: string | null },
  ttlSeconds = 7200,
): string {
  return jwt.sign(
    { sub: user.id, roles: user.roles, agencyId: user.agencyId ?? null, sv: 0, sid: randomUUID() },
    BENCH.jwtSecret,
    {
      algorithm: 'HS256',
      expiresIn: ttlSeconds,
    },
  );
}

export interface Staff {
  screener: { id: string; token: string };
  officer: { id: string; token: string; agencyId: string };
  leader: { id: string; token: string };
  categoryId: string;
}

/** The demo screener and leader, and the bench officer of the agency that handles 'giao-thong'. */
export async function staff(p: Pool): Promise<Staff> {
  const one = async (sql: string, params: unknown[] = []) => {
    const { rows } = await p.query(sql, params);
    if (!rows[0]) throw new Error(`bench fixture missing (${sql}): run npm run bench:generate`);
    return rows[0];
  };
  const cat = await one(`SELECT id, default_agency_id FROM categories WHERE code = 'giao-thong'`);
  const screener = await one(`SELECT id FROM users WHERE username = 'sangloc'`);
  const leader = await one(`SELECT id FROM users WHERE username = 'lanhdao'`);
  const officer = await one(
    `SELECT id, agency_id FROM users WHERE username LIKE 'bench.officer.%' AND agency_id = $1`,
    [cat.default_agency_id],
  );
  return {
    screener: { id: screener.id, token: accessToken({ id: screener.id, roles: ['screener'] }) },
    leader: { id: leader.id, token: accessToken({ id: leader.id, roles: ['leader'] }) },
    officer: {
      id: officer.id,
      agencyId: officer.agency_id,
      token: accessToken({ id: officer.id, roles: ['agency_officer'], agencyId: officer.agency_id }),
    },
    categoryId: cat.id,
  };
}

/** `n` generated citizens (the generator makes them) with a token each. */
export async function citizens(p: Pool, n: number): Promise<Array<{ id: string; token: string }>> {
  const { rows } = await p.query(
    `SELECT id FROM users WHERE phone LIKE '+8497%' AND 'citizen' = ANY(roles) ORDER BY phone LIMIT $1`,
    [n],
  );
  if (rows.length < n)
    throw new Error(`only ${rows.length} generated citizens, ${n} needed: run npm run bench:generate`);
  return rows.map((r: { id: string }) => ({ id: r.id, token: accessToken({ id: r.id, roles: ['citizen'] }) }));
}

/**
 * `n` reports in status received, as ReportsService.create leaves them (screening stage, deadline, a
 * report.created event already dispatched), in one statement. `reporterIds[i]` reports the i-th (cycled).
 */
export async function receivedReports(
  p: Pool,
  n: number,
  opts: { categoryId: string; reporterIds: string[]; isPublic?: boolean },
): Promise<Array<{ id: string; reporterId: string }>> {
  const { rows } = await p.query(
    `WITH src AS (
       SELECT g, $3::uuid[] AS reporters FROM generate_series(1, $1::int) g
     ), ins AS (
       INSERT INTO reports (code, status, category_id, suggested_agency_id, priority, channel, title, description, location,
                            address, reporter_id, is_public, stage, stage_version, due_at, next_check_at)
       SELECT 'BENCH-' || replace(gen_random_uuid()::text, '-', ''), 'received', $2, c.default_agency_id, 'normal', 'app', 'BENCH',
              'Ổ gà lớn giữa đường Hoàng Văn Thụ, xe máy đi qua rất nguy hiểm (bench ' || g || ')',
              ST_SetSRID(ST_MakePoint(105.65 + random() * 0.4, 21.45 + random() * 0.3), 4326)::geography,
              'Hoàng Văn Thụ, TP Thái Nguyên', reporters[1 + (g - 1) % cardinality(reporters)], $4, 'screening', 1,
              now() + interval '1 day', now() + interval '18 hours'
         FROM src, categories c WHERE c.id = $2
       RETURNING id, reporter_id, created_at
     ), ev AS (
       INSERT INTO report_events (report_id, type, from_status, to_status, actor_id, actor_roles, data, created_at, dispatched_at)
       SELECT id, 'report.created', NULL, 'received', reporter_id, '{citizen}', '{"channel":"app"}', created_at, created_at FROM ins
     )
     SELECT id, reporter_id AS "reporterId" FROM ins`,
    [n, opts.categoryId, opts.reporterIds, opts.isPublic ?? true],
  );
  return rows;
}

/** Removes what earlier bench runs created: their reports with everything hanging off them. */
export async function cleanBenchRows(p: Pool): Promise<number> {
  const c = await p.connect();
  try {
    await c.query('BEGIN');
    await c.query(`CREATE TEMP TABLE bench_ids ON COMMIT DROP AS SELECT id FROM reports WHERE title = 'BENCH'`);
    await c.query(`DELETE FROM notifications WHERE report_id IN (SELECT id FROM bench_ids)`);
    await c.query(
      `DELETE FROM notifications WHERE event_id IN (SELECT e.id FROM report_events e JOIN bench_ids b ON b.id = e.report_id)`,
    );
    await c.query(`DELETE FROM attachments WHERE report_id IN (SELECT id FROM bench_ids)`);
    await c.query(`DELETE FROM report_events WHERE report_id IN (SELECT id FROM bench_ids)`);
    await c.query(`UPDATE reports SET duplicate_of_id = NULL WHERE duplicate_of_id IN (SELECT id FROM bench_ids)`);
    const { rowCount } = await c.query(`DELETE FROM reports WHERE id IN (SELECT id FROM bench_ids)`);
    await c.query(`DELETE FROM idempotency_keys WHERE user_id IN (SELECT id FROM users WHERE phone LIKE '+8497%')`);
    await c.query('COMMIT');
    return rowCount ?? 0;
  } catch (e) {
    await c.query('ROLLBACK');
    throw e;
  } finally {
    c.release();
  }
}

/** Deletes every Redis key of the bench prefix (Bull queues, throttle counters) so runs start alike. */
export async function cleanRedis(): Promise<number> {
  const redis = new Redis(BENCH.redisUrl, { maxRetriesPerRequest: 2 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${BENCH.redisPrefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}
