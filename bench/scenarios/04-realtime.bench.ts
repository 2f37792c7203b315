// Real time with a crowd connected: 5,000 socket.io clients (two client processes, websocket transport, one
// citizen token each) on /realtime. Measures
//   - latency: a screener's `assign` over HTTP → `report.status_changed` received by the reporter's socket, at a
//     fixed rate (the whole path: API, outbox, Bull, worker, notification policy, Redis emitter, Redis adapter);
//   - deliveries per second of a room broadcast: every socket subscribed to one public report whose status
//     changes K times in a row;
//   - API memory per connected socket: RSS after connecting minus RSS before, over the sockets.
// The ceiling is a bare socket.io server (no Nest, no Redis, no worker) emitting the same messages on request.
// Targets: p99 < 100 ms, < 20 KB per socket.
import { randomUUID } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiUrl, BENCH } from '../lib/config';
import { standalone, type Ctx, type Scenario } from '../lib/context';
import { citizens, receivedReports } from '../lib/fixtures';
import { rssOf, sleep, startTsServer, stop } from '../lib/procs';
import { round, summarize, type Figure } from '../lib/results';

interface Receipt {
  reportId: string;
  toStatus: string;
  count: number;
  first: number;
  last: number;
}
interface Crowd {
  children: ChildProcess[];
  connected: number;
  failed: number;
  connectSeconds: number;
}

const now = () => performance.timeOrigin + performance.now();
const KB = 1024;

function ask<T>(child: ChildProcess, msg: object, key: string, timeoutMs = 60_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`socket clients: no answer to ${JSON.stringify(msg)}`)), timeoutMs);
    const on = (m: Record<string, unknown>) => {
      if (key in m) {
        clearTimeout(timer);
        child.off('message', on);
        resolve(m as T);
      }
    };
    child.on('message', on);
    child.send(msg);
  });
}

async function connectCrowd(url: string, tokens: string[], processes = 2): Promise<Crowd> {
  const dir = mkdtempSync(join(tmpdir(), 'pa-bench-sockets-'));
  const per = Math.ceil(tokens.length / processes);
  const started = await Promise.all(
    Array.from({ length: processes }, (_, i) => {
      const file = join(dir, `clients-${i}.json`);
      writeFileSync(file, JSON.stringify({ url, tokens: tokens.slice(i * per, (i + 1) * per), batch: 250 }));
      return startTsServer<{ connected: number; failed: number; connectSeconds: number }>(
        'bench/realtime/socket-clients.ts',
        [file],
      );
    }),
  );
  return {
    children: started.map((s) => s.child),
    connected: started.reduce((a, s) => a + s.info.connected, 0),
    failed: started.reduce((a, s) => a + s.info.failed, 0),
    connectSeconds: Math.max(...started.map((s) => s.info.connectSeconds)),
  };
}

async function collect(crowd: Crowd): Promise<Map<string, Receipt>> {
  const all = new Map<string, Receipt>();
  for (const c of crowd.children) {
    const { receipts } = await ask<{ receipts: Record<string, Receipt> }>(c, { cmd: 'collect' }, 'receipts');
    for (const [eventId, r] of Object.entries(receipts)) {
      const prev = all.get(eventId);
      if (!prev) all.set(eventId, { ...r });
      else {
        prev.count += r.count;
        prev.first = Math.min(prev.first, r.first);
        prev.last = Math.max(prev.last, r.last);
      }
    }
  }
  return all;
}

/** Polls the clients until `done(receipts)` or the timeout; returns the last receipts. */
async function waitFor(
  crowd: Crowd,
  done: (r: Map<string, Receipt>) => boolean,
  timeoutMs: number,
): Promise<Map<string, Receipt>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await collect(crowd);
    if (done(r) || Date.now() > until) return r;
    await sleep(300);
  }
}

async function closeCrowd(crowd: Crowd | undefined): Promise<void> {
  if (!crowd) return;
  for (const c of crowd.children) c.send({ cmd: 'close' });
  await Promise.all(crowd.children.map((c) => stop(c, 3000)));
}

interface Side {
  url: string;
  pid: number;
  /** Starts one status change i (latency phase) and resolves when its HTTP call answered. */
  latencyAction: (i: number) => Promise<void>;
  /** The k-th status change of the broadcast report. */
  broadcastAction: (k: number) => Promise<void>;
  broadcastReportId: string;
}

interface Measured {
  connected: number;
  failed: number;
  connectSeconds: number;
  rssBefore: number;
  rssAfter: number;
  perSocket: number;
  latency: ReturnType<typeof summarize>;
  httpLatency: ReturnType<typeof summarize>;
  socketLeg: ReturnType<typeof summarize>;
  lost: number;
  deliveries: number;
  expectedDeliveries: number;
  deliveriesPerSecond: number;
  broadcastSeconds: number;
  subscribed: number;
}

async function measure(
  side: Side,
  tokens: string[],
  probeIds: string[],
  opts: { rate: number; actions: number; k: number },
): Promise<Measured> {
  await sleep(2000);
  const rssBefore = rssOf(side.pid);
  let crowd: Crowd | undefined;
  try {
    crowd = await connectCrowd(side.url, tokens);
    if (crowd.connected === 0) throw new Error('GATEWAY_MISSING: no socket could connect');
    await sleep(3000);
    const rssAfter = rssOf(side.pid);

    // Latency: open loop at a fixed rate, each status change awaited by its reporter's socket.
    const started = new Map<string, number>();
    const answered = new Map<string, number>();
    const http: number[] = [];
    const inflight: Promise<void>[] = [];
    const t0 = performance.now();
    for (let i = 0; i < opts.actions; i++) {
      const due = t0 + (i * 1000) / opts.rate;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const s = now();
      started.set(probeIds[i], s);
      inflight.push(
        side.latencyAction(i).then(() => {
          const a = now();
          answered.set(probeIds[i], a);
          http.push(a - s);
        }),
      );
    }
    await Promise.all(inflight);
    const wanted = new Set(probeIds.slice(0, opts.actions));
    const byReport = (r: Map<string, Receipt>) => {
      const m = new Map<string, number>();
      for (const x of r.values())
        if (wanted.has(x.reportId) && x.toStatus === 'assigned')
          m.set(x.reportId, Math.min(m.get(x.reportId) ?? Infinity, x.first));
      return m;
    };
    const got = byReport(await waitFor(crowd, (r) => byReport(r).size >= opts.actions, 15_000));
    const latencies = [...got].map(([id, t]) => t - started.get(id)!);
    // After the HTTP answer: outbox → Bull → worker → Redis → socket (negative when the socket was faster).
    const socketLeg = [...got].map(([id, t]) => t - answered.get(id)!);

    // Broadcast: every socket in one report's room, K status changes in a row.
    const subs = await Promise.all(
      crowd.children.map((c) =>
        ask<{ subscribed: number }>(c, { cmd: 'subscribe', reportId: side.broadcastReportId }, 'subscribed', 120_000),
      ),
    );
    const subscribed = subs.reduce((a, s) => a + s.subscribed, 0);
    for (const c of crowd.children) await ask(c, { cmd: 'reset' }, 'reset');
    const b0 = now();
    for (let k = 0; k < opts.k; k++) await side.broadcastAction(k);
    const expected = opts.k * subscribed;
    const total = (r: Map<string, Receipt>) =>
      [...r.values()].filter((x) => x.reportId === side.broadcastReportId).reduce((a, x) => a + x.count, 0);
    const b = await waitFor(crowd, (r) => total(r) >= expected, 30_000);
    const deliveries = total(b);
    const lastAt = Math.max(...[...b.values()].filter((x) => x.reportId === side.broadcastReportId).map((x) => x.last));
    const broadcastSeconds = (lastAt - b0) / 1000;
    return {
      connected: crowd.connected,
      failed: crowd.failed,
      connectSeconds: crowd.connectSeconds,
      rssBefore,
      rssAfter,
      perSocket: (rssAfter - rssBefore) / crowd.connected,
      latency: summarize(latencies),
      httpLatency: summarize(http),
      socketLeg: summarize(socketLeg),
      lost: opts.actions - latencies.length,
      deliveries,
      expectedDeliveries: expected,
      deliveriesPerSecond: deliveries / broadcastSeconds,
      broadcastSeconds,
      subscribed,
    };
  } finally {
    await closeCrowd(crowd);
  }
}

let xff = 0;
async function post(url: string, token: string | null, body: unknown): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      'x-forwarded-for': `127.9.${(xff >> 8) & 255}.${xff++ & 255 || 1}`,
    },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  await res.arrayBuffer();
}

export const realtimeScenario: Scenario = {
  title: 'Real time: status change → socket, room broadcast, memory per socket',
  async run(ctx: Ctx) {
    const sockets = ctx.quick ? 2000 : 5000;
    // A steady 20 status changes a second (a province's surge is ~1/s, the nation's ~400/s over several API
    // processes): the figure is the delivery path with a crowd connected, not the API's action throughput.
    const rate = 20;
    const actions = ctx.quick ? 100 : 200;
    const k = ctx.quick ? 6 : 12;
    const users = await citizens(ctx.pool, sockets);
    const tokens = users.map((u) => u.token);
    const { staff } = ctx;

    // Ceiling: the bare server, same clients, same messages.
    const bare = await startTsServer<{ pid: number }>('bench/ceilings/bare-socketio.ts');
    const bareUrl = `http://${BENCH.host}:${BENCH.ceilingPort}`;
    const bareProbe = users.slice(0, actions).map(() => randomUUID());
    const bareX = randomUUID();
    let ceiling: Measured;
    try {
      ceiling = await measure(
        {
          url: bareUrl,
          pid: bare.info.pid,
          broadcastReportId: bareX,
          latencyAction: (i) =>
            post(`${bareUrl}/emit`, null, {
              rooms: [`user:${users[i].id}`],
              event: 'report.status_changed',
              payload: { eventId: randomUUID(), reportId: bareProbe[i], toStatus: 'assigned' },
            }),
          broadcastAction: () =>
            post(`${bareUrl}/emit`, null, {
              rooms: [`report:${bareX}`],
              event: 'report.status_changed',
              payload: { eventId: randomUUID(), reportId: bareX, toStatus: 'x' },
            }),
        },
        tokens,
        bareProbe,
        { rate, actions, k },
      );
    } finally {
      await stop(bare.child);
    }

    // The API, freshly started so that its memory before the crowd is a clean baseline.
    await ctx.restartApp();
    const probes = await receivedReports(ctx.pool, actions, {
      categoryId: staff.categoryId,
      reporterIds: users.slice(0, actions).map((u) => u.id),
    });
    const probeIds = probes.map((p) => p.id);
    const [x] = await receivedReports(ctx.pool, 1, {
      categoryId: staff.categoryId,
      reporterIds: [users[0].id],
      isPublic: true,
    });
    const act = (id: string, action: string, token: string, body: object) =>
      post(`${apiUrl()}/api/v1/reports/${id}/actions/${action}`, token, body);
    // received → assigned → in_progress, then need_info ↔ in_progress: every step a visible status change.
    const cycle = (k: number): [string, string, object] =>
      k === 0
        ? ['assign', staff.screener.token, { agencyId: staff.officer.agencyId }]
        : k === 1
          ? ['acknowledge', staff.officer.token, {}]
          : k % 2 === 0
            ? ['request-info', staff.officer.token, { question: 'Đề nghị bổ sung ảnh chụp hiện trường' }]
            : ['provide-info', users[0].token, { text: 'Đã bổ sung ảnh' }];
    let api: Measured;
    try {
      api = await measure(
        {
          url: apiUrl(),
          pid: ctx.app.api.pid!,
          broadcastReportId: x.id,
          latencyAction: (i) => act(probeIds[i], 'assign', staff.screener.token, { agencyId: staff.officer.agencyId }),
          broadcastAction: (kk) => act(x.id, ...cycle(kk)),
        },
        tokens,
        probeIds,
        { rate, actions, k },
      );
    } catch (e) {
      if (String((e as Error).message).startsWith('GATEWAY_MISSING')) {
        return {
          figures: [
            {
              scenario: 'realtime',
              name: 'status change → socket p99',
              value: null,
              unit: 'ms',
              ceiling: ceiling.latency.p99,
              target: '< 100',
              skipped: 'gateway missing',
            },
            {
              scenario: 'realtime',
              name: 'room broadcast deliveries',
              value: null,
              unit: 'deliveries/s',
              ceiling: ceiling.deliveriesPerSecond,
              skipped: 'gateway missing',
            },
            {
              scenario: 'realtime',
              name: 'API memory per socket',
              value: null,
              unit: 'KB',
              ceiling: ceiling.perSocket / KB,
              target: '< 20',
              skipped: 'gateway missing',
            },
          ],
          notes: ['No socket could connect to /realtime on the API: the gateway is not there (yet).'],
        };
      }
      throw e;
    }

    const figures: Figure[] = [
      {
        scenario: 'realtime',
        name: `status change → socket p99 (${sockets.toLocaleString('en-US')} sockets)`,
        value: api.latency.p99,
        unit: 'ms',
        ceiling: ceiling.latency.p99,
        ceilingLabel: 'bare socket.io',
        target: '< 100',
        pass: api.latency.p99 < 100 && api.lost === 0,
        better: 'lower',
      },
      {
        scenario: 'realtime',
        name: `room broadcast deliveries (${api.subscribed.toLocaleString('en-US')} in the room)`,
        value: api.deliveriesPerSecond,
        unit: 'deliveries/s',
        ceiling: ceiling.deliveriesPerSecond,
        ceilingLabel: 'bare socket.io',
        target: '≥ 10,000 (national peak)',
        pass: api.deliveriesPerSecond >= 10_000 && api.deliveries >= api.expectedDeliveries,
        better: 'higher',
      },
      {
        scenario: 'realtime',
        name: 'API memory per connected socket',
        value: api.perSocket / KB,
        unit: 'KB',
        ceiling: ceiling.perSocket / KB,
        ceilingLabel: 'bare socket.io',
        target: '< 20',
        pass: api.perSocket / KB < 20,
        better: 'lower',
      },
    ];
    const line = (name: string, m: Measured) => [
      `- ${name}: ${m.connected.toLocaleString('en-US')} sockets connected (${m.failed} failed) in ${round(m.connectSeconds, 1)} s; RSS ${round(m.rssBefore / 1024 ** 2, 0)} → ${round(m.rssAfter / 1024 ** 2, 0)} MB = ${round(m.perSocket / KB, 1)} KB per socket.`,
      `  latency (HTTP start → receipt) over ${m.latency.n} changes at ${rate}/s: p50 ${round(m.latency.p50, 1)} ms, p90 ${round(m.latency.p90, 1)} ms, p99 ${round(m.latency.p99, 1)} ms, max ${round(m.latency.max, 1)} ms; lost ${m.lost}; of which the HTTP answer p50 ${round(m.httpLatency.p50, 1)} / p99 ${round(m.httpLatency.p99, 1)} ms and answer → receipt p50 ${round(m.socketLeg.p50, 1)} / p99 ${round(m.socketLeg.p99, 1)} ms.`,
      `  broadcast: ${k} changes to a room of ${m.subscribed.toLocaleString('en-US')}: ${m.deliveries.toLocaleString('en-US')} of ${m.expectedDeliveries.toLocaleString('en-US')} delivered in ${round(m.broadcastSeconds, 2)} s = ${Math.round(m.deliveriesPerSecond).toLocaleString('en-US')} deliveries/s.`,
    ];
    return {
      figures,
      notes: [
        `${sockets.toLocaleString('en-US')} socket.io clients in two processes (websocket transport, one connection and one citizen token each).`,
        `The API side's status changes go the production way: HTTP action → timeline/outbox → Bull → worker → policy → Redis emitter → Redis adapter → socket.`,
        ...line('API', api),
        ...line('bare socket.io (ceiling)', ceiling),
      ],
    };
  },
};

if (require.main === module) standalone(realtimeScenario);
