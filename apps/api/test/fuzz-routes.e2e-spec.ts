import fc from 'fast-check';
import { RouteTable, UsersService } from '@app/auth';
import { cast, reportBody } from './support/fixtures';
import { startOutsideProviders } from './support/outside-providers';
import { createTestApp, TestApp } from './support/test-app';

// Every route of the app, its query, path and body filled from its own OpenAPI description with values a
// client might send by mistake or on purpose: the answer is never a 5xx. The route table says which routes
// exist, so a new route is fuzzed the day it is added (and must be described, or the test says so).

type Schema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  format?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  minimum?: number;
  maximum?: number;
  oneOf?: Schema[];
  allOf?: Schema[];
};
type Operation = {
  parameters?: Array<{ in: string; name: string; schema?: Schema }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
};
type OpenApi = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

/** Strings that have broken servers: NUL, non-calendar dates, huge and odd numbers, escapes, lone surrogates. */
const HOSTILE = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '%00',
  '2020-W01',
  '20200101',
  '2021-02-30',
  '0000-00-00',
  '9999-99-99T99:99',
  '-1',
  '0',
  '1e309',
  'NaN',
  'Infinity',
  '9'.repeat(40),
  '-9'.repeat(20),
  '0x10',
  'null',
  'true',
  '[]',
  '{}',
  '[object Object]',
  "'; DROP TABLE reports; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '\uD800',
  'İ',
  '👍🏽',
  'Đường ngập',
  'x'.repeat(5000),
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '+84',
  '0912345678',
  '084 912 345 678',
];
/** Query and form keys that routes read without declaring them in OpenAPI (Open311's forms and filters). */
const UNDECLARED_KEYS = [
  'api_key',
  'service_code',
  'lat',
  'long',
  'description',
  'address_string',
  'phone',
  'email',
  'first_name',
  'last_name',
  'media_url',
  'attribute[x]',
  'start_date',
  'end_date',
  'status',
  'service_request_id',
  'jurisdiction_id',
  'extensions',
];

/** A fixed seed keeps the suite repeatable; FUZZ_SEED and FUZZ_RUNS explore further by hand. */
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);

const hostile = fc.constantFrom(...HOSTILE);
const anyJson = fc.jsonValue({ maxDepth: 3 });

describe('every route, fuzzed from its own description (e2e)', () => {
  let t: TestApp;
  let providers: Awaited<ReturnType<typeof startOutsideProviders>>;
  let doc: OpenApi;
  let tokens: Record<'staff' | 'citizen', string>;
  let ids: string[];

  beforeAll(async () => {
    providers = await startOutsideProviders();
    t = await createTestApp({
      ...providers.env,
      RATE_LIMIT_WRITE_PER_MINUTE: '1000000',
      RATE_LIMIT_PER_MINUTE: '1000000',
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1000000',
    });
    const c = await cast(t);
    await t.app.get(UsersService).createStaff({
      username: 'fuzzer',
      password: 'Passw0rd!x',
      fullName: 'Mọi vai',
      roles: ['admin', 'screener', 'operator', 'leader'],
    });
    const staff = (
      await t.http().post('/api/v1/auth/login').send({ login: 'fuzzer', password: 'Passw0rd!x' }).expect(200)
    ).body.accessToken;
    tokens = { staff, citizen: c.reporter.token };
    const report = (
      await t
        .http()
        .post('/api/v1/reports')
        .auth(c.reporter.token, { type: 'bearer' })
        .send(reportBody(c.category.id))
        .expect(201)
    ).body;
    // Ids of things that exist, so fuzzed requests also reach the code behind "not found".
    ids = [report.id, c.category.id, c.agencyA.id, c.reporter.id];
    doc = (await t.http().get('/docs-json').expect(200)).body;
  });
  afterAll(async () => {
    await t.close();
    await providers.stop();
  });

  const resolve = (s: Schema): Schema => (s.$ref ? doc.components.schemas[s.$ref.split('/').pop()!] : s);

  /** Values shaped by the schema most of the time, anything at all otherwise. */
  function valueOf(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
    return fc.oneof(
      { weight: 8, arbitrary: shapedOf(schema, depth) },
      { weight: 1, arbitrary: hostile },
      { weight: 1, arbitrary: anyJson },
    );
  }

  /** Values the schema describes (still odd ones within it: bounds ± 2, any text, any id). */
  function shapedOf(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
    if (!schema || depth > 4) return fc.oneof(hostile, anyJson);
    // One route, many bodies (the workflow actions): any of them, whichever action the path names.
    if (schema.oneOf) return fc.oneof(...schema.oneOf.map((member) => shapedOf(member, depth)));
    const s = resolve(schema.allOf?.[0] ?? schema);
    const shaped = ((): fc.Arbitrary<unknown> => {
      if (s.enum) return fc.constantFrom(...s.enum);
      if (s.format === 'uuid') return fc.oneof(fc.constantFrom(...ids), fc.uuid());
      switch (s.type) {
        case 'integer':
        case 'number':
          return fc.oneof(
            // Around the bounds, which may be fractional (a latitude's): fc.integer takes whole numbers only.
            fc.integer({ min: Math.floor(s.minimum ?? -10) - 2, max: Math.ceil(s.maximum ?? 1000) + 2 }),
            fc.double(),
            fc.constant(2 ** 53),
          );
        case 'boolean':
          return fc.boolean();
        case 'array':
          return fc.array(valueOf(s.items, depth + 1), { maxLength: 4 });
        case 'object':
          return withOneHostile(
            fc.record(
              Object.fromEntries(Object.entries(s.properties ?? {}).map(([k, v]) => [k, shapedOf(v, depth + 1)])),
              { requiredKeys: [] },
            ),
          );
        default:
          return fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom(...ids));
      }
    })();
    return shaped;
  }

  /** A well-shaped object with, most of the time, one of its fields (or a new one) replaced by a hostile value. */
  function withOneHostile<T extends Record<string, unknown>>(
    objects: fc.Arbitrary<T>,
  ): fc.Arbitrary<Record<string, unknown>> {
    return fc.tuple(objects, fc.nat(), fc.oneof(hostile, anyJson), fc.boolean()).map(([o, n, bad, mutate]) => {
      if (!mutate) return o;
      const keys = Object.keys(o);
      return keys.length ? { ...o, [keys[n % keys.length]]: bad } : { field: bad };
    });
  }

  // URLs cannot carry lone surrogates (encodeURIComponent throws): those go in JSON bodies, where they are escaped.
  const wellFormed = (s: string) => (s as string & { toWellFormed(): string }).toWellFormed();
  const asText = (v: unknown) => wellFormed(typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));

  /** One random request for a route: path, query and body. */
  function requestsOf(method: string, path: string, op: Operation | undefined) {
    const params = op?.parameters ?? [];
    const pathNames = [...path.matchAll(/:(\w+)/g)].map((m) => m[1]);
    const pathValues = fc.record(
      Object.fromEntries(
        pathNames.map((name) => {
          const declared = params.find((p) => p.in === 'path' && p.name === name);
          return [name, fc.oneof(valueOf(declared?.schema).map(asText), fc.constantFrom(...ids))];
        }),
      ),
    );
    const undeclared = path.startsWith('/open311/') ? UNDECLARED_KEYS.map((k) => [k, undefined] as const) : [];
    const queryKeys = [
      ...params.filter((p) => p.in === 'query').map((p) => [p.name, p.schema] as const),
      ...undeclared,
    ];
    const query = withOneHostile(
      fc.record(Object.fromEntries(queryKeys.map(([k, s]) => [k, shapedOf(s).map(asText)])), { requiredKeys: [] }),
    ).map((q) => Object.fromEntries(Object.entries(q).map(([k, v]) => [k, asText(v)])));
    const bodySchema = op?.requestBody?.content['application/json']?.schema;
    const body =
      method === 'GET' || method === 'DELETE'
        ? fc.constant(undefined)
        : bodySchema
          ? valueOf(bodySchema)
          : fc.oneof(query, anyJson);
    const form = path.startsWith('/open311/') && method === 'POST';
    return fc.record({
      pathValues,
      query,
      body,
      form: fc.constant(form),
      caller: fc.constantFrom<'staff' | 'citizen' | 'anonymous'>('staff', 'citizen', 'anonymous'),
    });
  }

  it('answers every route, whatever it is sent, with anything but a 5xx', async () => {
    const routes = t.app
      .get(RouteTable)
      .routes()
      .filter((r) => !r.path.startsWith('/docs'));
    // Left out of the API description on purpose: the console's and the portal's pages and files, the scrape
    // endpoint, Open311's catch-all 404.
    const hidden = (r: { controller: string; path: string }) =>
      ['ConsoleController', 'PortalController'].includes(r.controller) || r.path === '/metrics' || r.path.endsWith('*');
    const undescribed = routes.filter((r) => !doc.paths[r.path.replace(/:(\w+)/g, '{$1}')] && !hidden(r));
    expect(undescribed.map((r) => `${r.method} ${r.path}`)).toEqual([]);
    const failures: string[] = [];
    for (const [i, route] of routes.entries()) {
      const op = doc.paths[route.path.replace(/:(\w+)/g, '{$1}')]?.[route.method.toLowerCase()];
      for (const sample of fc.sample(requestsOf(route.method, route.path, op), { numRuns: RUNS, seed: SEED + i })) {
        const path = route.path
          .replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(sample.pathValues[name]))
          .replace('*', encodeURIComponent(asText(sample.query.q ?? 'x')));
        const agent = t.http();
        const req =
          route.method === 'GET' || route.method === 'ALL'
            ? agent.get(path)
            : route.method === 'POST'
              ? agent.post(path)
              : route.method === 'PUT'
                ? agent.put(path)
                : route.method === 'PATCH'
                  ? agent.patch(path)
                  : agent.delete(path);
        req.query(sample.query as Record<string, string>);
        if (sample.caller !== 'anonymous') req.auth(tokens[sample.caller], { type: 'bearer' });
        if (sample.body !== undefined) {
          const fields =
            sample.body && typeof sample.body === 'object' ? Object.entries(sample.body) : [['body', sample.body]];
          if (sample.form)
            req
              .type('form')
              .send(new URLSearchParams(fields.map(([k, v]): [string, string] => [String(k), asText(v)])).toString());
          else req.set('content-type', 'application/json').send(JSON.stringify(sample.body));
        }
        const res = await req;
        if (res.status >= 500)
          failures.push(
            `${route.method} ${path} ${JSON.stringify(sample.query)} ${JSON.stringify(sample.body)?.slice(0, 300)} → ${res.status}`,
          );
      }
    }
    expect(failures).toEqual([]);
  }, 240_000);
});
