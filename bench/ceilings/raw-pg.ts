// Ceilings of the write paths: the same rows written by a bare node-postgres loop with the same pool size and
// concurrency as the API gets, no HTTP, no framework, no validation, no queue.
//   create:  BEGIN; INSERT report (code from the same sequence); INSERT report.created event; COMMIT
//   actions: per id, assign then (second pass) acknowledge:
//            BEGIN; SELECT … FOR UPDATE; UPDATE status/clock/version; INSERT event; COMMIT
// Spec from a JSON file (argv[2]); result over IPC.
import { readFileSync } from 'node:fs';
import { Pool } from 'pg';
import { rssOf } from '../lib/procs';
import { summarize } from '../lib/results';

interface Spec {
  mode: 'create' | 'actions';
  databaseUrl: string;
  poolSize: number;
  concurrency: number;
  durationSeconds?: number;
  warmupSeconds?: number;
  categoryId: string;
  reporterIds: string[];
  ids?: string[];
  agencyId?: string;
  screenerId?: string;
  officerId?: string;
}

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Spec;
const pool = new Pool({ connectionString: spec.databaseUrl, max: spec.poolSize });

async function createOne(i: number): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const lat = 21.45 + Math.random() * 0.3;
    const lng = 105.65 + Math.random() * 0.4;
    const reporter = spec.reporterIds[i % spec.reporterIds.length];
    const { rows } = await c.query(
      `INSERT INTO reports (code, status, category_id, suggested_agency_id, priority, channel, title, description,
         location, address, reporter_id, is_public, hide_identity, allow_contact, stage, stage_version, due_at,
         next_check_at, created_at, updated_at)
       VALUES ('PA-' || to_char(now() AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY') || '-' || lpad(nextval('report_code_seq')::text, 6, '0'),
         'received', $1, NULL, 'normal', 'app', 'BENCH', $2, $3::geography, $4, $5, true, false, true, 'screening', 1,
         now() + interval '1 day', now() + interval '18 hours', now(), now())
       RETURNING id`,
      [
        spec.categoryId,
        `Ổ gà lớn giữa đường Hoàng Văn Thụ, xe máy đi qua rất nguy hiểm (${i})`,
        `SRID=4326;POINT(${lng} ${lat})`,
        'Hoàng Văn Thụ, TP Thái Nguyên',
        reporter,
      ],
    );
    await c.query(
      // dispatched_at set at once: this path has no outbox, and its rows must not wait for the API's worker.
      `INSERT INTO report_events (report_id, type, from_status, to_status, actor_id, actor_roles, internal, data, dispatched_at)
       VALUES ($1, 'report.created', NULL, 'received', $2, '{citizen}', false, $3, now()) RETURNING id`,
      [rows[0].id, reporter, JSON.stringify({ channel: 'app', categoryId: spec.categoryId, priority: 'normal' })],
    );
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

async function actOne(id: string, action: 'assign' | 'acknowledge'): Promise<void> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    const { rows } = await c.query(`SELECT * FROM reports WHERE id = $1 FOR UPDATE`, [id]);
    const from = rows[0].status;
    const to = action === 'assign' ? 'assigned' : 'in_progress';
    if (action === 'assign') {
      await c.query(
        `UPDATE reports SET status = 'assigned', agency_id = $2, stage = 'acknowledge', stage_version = stage_version + 1,
           due_at = now() + interval '1 day', resolution_due_at = now() + interval '7 days', next_check_at = now() + interval '18 hours',
           first_assigned_at = coalesce(first_assigned_at, now()), version = version + 1, updated_at = now() WHERE id = $1`,
        [id, spec.agencyId],
      );
    } else {
      await c.query(
        `UPDATE reports SET status = 'in_progress', stage = 'resolution', stage_version = stage_version + 1,
           due_at = resolution_due_at, next_check_at = now() + interval '5 days', version = version + 1, updated_at = now() WHERE id = $1`,
        [id],
      );
    }
    await c.query(
      `INSERT INTO report_events (report_id, type, from_status, to_status, actor_id, actor_roles, internal, data, dispatched_at)
       VALUES ($1, $2, $3, $4, $5, $6, false, $7, now()) RETURNING id`,
      [
        id,
        action === 'assign' ? 'report.assigned' : 'report.acknowledged',
        from,
        to,
        action === 'assign' ? spec.screenerId : spec.officerId,
        action === 'assign' ? '{screener}' : '{agency_officer}',
        JSON.stringify({ agencyId: spec.agencyId }),
      ],
    );
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    c.release();
  }
}

/** `concurrency` loops; each takes the next job until `next` returns null. Latencies in ms. */
async function loops(next: () => (() => Promise<void>) | null): Promise<number[]> {
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: spec.concurrency }, async () => {
      for (let job = next(); job; job = next()) {
        const t = performance.now();
        await job();
        latencies.push(performance.now() - t);
      }
    }),
  );
  return latencies;
}

async function main(): Promise<void> {
  let rssPeak = 0;
  const rssTimer = setInterval(() => (rssPeak = Math.max(rssPeak, rssOf(process.pid))), 250);
  let latencies: number[];
  let seconds: number;
  let cpu0: NodeJS.CpuUsage;
  if (spec.mode === 'create') {
    let i = 0;
    const until = (s: number) => {
      const end = performance.now() + s * 1000;
      return () => (performance.now() < end ? () => createOne(i++) : null);
    };
    if (spec.warmupSeconds) await loops(until(spec.warmupSeconds));
    const t = performance.now();
    cpu0 = process.cpuUsage();
    latencies = await loops(until(spec.durationSeconds ?? 10));
    seconds = (performance.now() - t) / 1000;
  } else {
    // Assign for the duration (each id once), then acknowledge exactly the ones assigned.
    const ids = spec.ids ?? [];
    const t = performance.now();
    cpu0 = process.cpuUsage();
    const end = t + (spec.durationSeconds ?? 10) * 1000;
    let k = 0;
    const assign = await loops(() =>
      k < ids.length && performance.now() < end
        ? (
            (id) => () =>
              actOne(id, 'assign')
          )(ids[k++])
        : null,
    );
    const assigned = ids.slice(0, k);
    k = 0;
    const ack = await loops(() =>
      k < assigned.length
        ? (
            (id) => () =>
              actOne(id, 'acknowledge')
          )(assigned[k++])
        : null,
    );
    latencies = [...assign, ...ack];
    seconds = (performance.now() - t) / 1000;
  }
  clearInterval(rssTimer);
  const cpu = process.cpuUsage(cpu0);
  const cpuMsPerOp = (cpu.user + cpu.system) / 1000 / Math.max(1, latencies.length);
  const s = summarize(latencies);
  process.send?.({
    result: {
      ok: latencies.length,
      seconds,
      rate: latencies.length / seconds,
      latency: { p50: s.p50, p90: s.p90, p99: s.p99, max: s.max, mean: s.mean },
      rssPeak,
      cpuMsPerOp,
    },
  });
  await pool.end();
}

main().catch((e) => {
  process.send?.({ error: (e as Error).stack ?? String(e) });
  process.exitCode = 1;
});
