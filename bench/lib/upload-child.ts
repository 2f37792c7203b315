// A storm of photo uploads, in its own process like every load generator: `tokens.length` citizens each upload the
// same photo again and again until the parent sends 'stop', then the counts and latencies go back over IPC.
// Spec from a JSON file (argv[2]).
import { readFileSync } from 'node:fs';
import { summarize } from './results';

export interface UploadStormSpec {
  url: string;
  tokens: string[];
  photoFile: string;
}

export interface UploadStormResult {
  statuses: Record<string, number>;
  latency: ReturnType<typeof summarize>;
  seconds: number;
}

const spec = JSON.parse(readFileSync(process.argv[2], 'utf8')) as UploadStormSpec;
const photo = new Blob([readFileSync(spec.photoFile)], { type: 'image/jpeg' });
const statuses: Record<string, number> = {};
const latencies: number[] = [];
let stopping = false;

async function citizen(token: string, i: number): Promise<void> {
  while (!stopping) {
    const form = new FormData();
    form.append('file', photo, 'IMG_0001.jpg');
    const t = performance.now();
    // Each citizen its own client address (the API trusts X-Forwarded-For in the bench environment).
    const res = await fetch(`${spec.url}/api/v1/attachments`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': `10.99.0.${i + 1}` },
      body: form,
    });
    await res.arrayBuffer();
    statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    latencies.push(performance.now() - t);
  }
}

process.on('message', (m) => {
  if (m === 'stop') stopping = true;
});
const started = performance.now();
process.send!({ started: true });
Promise.all(spec.tokens.map(citizen))
  .then(() =>
    process.send!({
      result: {
        statuses,
        latency: summarize(latencies),
        seconds: (performance.now() - started) / 1000,
      } satisfies UploadStormResult,
    }),
  )
  .catch((e: Error) => process.send!({ error: e.message }))
  .finally(() => process.disconnect());
