// The load generator, always in its own process (so its CPU is not the server's event loop): autocannon's
// programmatic API with per-request bodies, tokens and ids. Spec from a JSON file (argv[2]); the result goes
// back to the parent over IPC.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import type { LoadSpec, LoadResult } from './load';

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8')) as LoadSpec;

/** A rotating client address per request, in a header only (the API trusts X-Forwarded-For behind its proxy):
 * the per-IP throttle is a per-client guard, and the bench stands for many clients. */
const xff = (i: number) => `127.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255 || 1}`;

const DESCRIPTIONS = [
  'Ổ gà lớn giữa đường {street}, xe máy đi qua rất nguy hiểm, đề nghị sửa chữa sớm',
  'Đèn đường trên phố {street} bị hỏng nhiều ngày, buổi tối tối om',
  'Rác thải đổ trộm ở đầu ngõ {n} {street}, bốc mùi hôi thối',
  'Cống thoát nước tắc, nước tràn ra mặt đường {street} sau mưa',
  'Lấn chiếm vỉa hè để kinh doanh trên đường {street}, người đi bộ phải đi xuống lòng đường',
  'Cây xanh gãy đổ chắn ngang đường {street}, cần cắt dọn gấp',
  'Tiếng ồn từ công trình xây dựng ở số {n} {street} kéo dài đến nửa đêm',
];
const STREETS = [
  'Hoàng Văn Thụ',
  'Lương Ngọc Quyến',
  'Quang Trung',
  'Phan Đình Phùng',
  'Bắc Kạn',
  'Dương Tự Minh',
  'Cách Mạng Tháng Tám',
  'Z115',
];

function reportBody(i: number): string {
  const d = DESCRIPTIONS[i % DESCRIPTIONS.length]
    .replace('{street}', STREETS[(i >> 3) % STREETS.length])
    .replace('{n}', String((i % 97) + 1));
  const lat = 21.45 + Math.random() * 0.3;
  const lng = 105.65 + Math.random() * 0.4;
  const categoryIds = spec.data.categoryIds as string[];
  return JSON.stringify({
    categoryId: categoryIds[i % categoryIds.length],
    title: 'BENCH',
    description: `${d} (${i})`,
    location: { lat: Math.round(lat * 1e6) / 1e6, lng: Math.round(lng * 1e6) / 1e6 },
    address: `${(i % 300) + 1} ${STREETS[i % STREETS.length]}, TP Thái Nguyên`,
  });
}

let seq = 0;
function nextRequest(req: Record<string, unknown>): Record<string, unknown> {
  const i = seq++;
  const d = spec.data;
  const json = { 'content-type': 'application/json' };
  switch (spec.kind) {
    case 'get':
      return {
        ...req,
        method: 'GET',
        path: d.path as string,
        headers: { ...(d.token ? { authorization: `Bearer ${d.token}` } : {}), 'x-forwarded-for': xff(i % 1024) },
      };
    case 'create': {
      const tokens = d.tokens as string[];
      const t = i % tokens.length;
      return {
        ...req,
        method: 'POST',
        path: '/api/v1/reports',
        headers: { ...json, authorization: `Bearer ${tokens[t]}`, 'x-forwarded-for': xff(t + 1) },
        body: reportBody(i),
      };
    }
    case 'action': {
      const ids = d.ids as string[];
      const id = ids[i % ids.length];
      return {
        ...req,
        method: 'POST',
        path: `/api/v1/reports/${id}/actions/${d.action as string}`,
        headers: { ...json, authorization: `Bearer ${d.token as string}`, 'x-forwarded-for': xff(i % 1024) },
        body: JSON.stringify(d.body ?? {}),
      };
    }
    case 'get-report': {
      const ids = d.ids as string[];
      return {
        ...req,
        method: 'GET',
        path: `/api/v1/reports/${ids[i % ids.length]}`,
        headers: { authorization: `Bearer ${d.token as string}`, 'x-forwarded-for': xff(i % 1024) },
      };
    }
    case 'paths': {
      const paths = d.paths as string[];
      return {
        ...req,
        method: 'GET',
        path: paths[i % paths.length],
        headers: { authorization: `Bearer ${d.token as string}`, 'x-forwarded-for': xff(i % 1024) },
      };
    }
  }
}

function run(opts: { connections: number; duration?: number; amount?: number }): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: spec.url,
        connections: opts.connections,
        pipelining: 1,
        timeout: 10,
        ...(opts.amount ? { amount: opts.amount } : { duration: opts.duration ?? 10 }),
        requests: [{ setupRequest: nextRequest as never }],
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    );
  });
}

async function main(): Promise<void> {
  if (spec.preflight) await run({ connections: 1, amount: spec.preflight });
  if (spec.warmupSeconds) await run({ connections: spec.connections, duration: spec.warmupSeconds });
  if (spec.resetSeq) seq = 0;
  process.send?.({ started: Date.now() });
  const r = await run({ connections: spec.connections, duration: spec.durationSeconds, amount: spec.amount });
  const ok = r['2xx'];
  const result: LoadResult = {
    requests: r.requests.total,
    ok,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    durationSeconds: r.duration,
    okPerSecond: ok / r.duration,
    latency: {
      p50: r.latency.p50,
      p90: r.latency.p90,
      p99: r.latency.p99,
      max: r.latency.max,
      mean: r.latency.average,
    },
    statusCodes: Object.fromEntries(
      Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, (v as { count: number }).count]),
    ),
  };
  process.send?.({ result });
}

main().catch((e) => {
  process.send?.({ error: (e as Error).stack ?? String(e) });
  process.exitCode = 1;
});
