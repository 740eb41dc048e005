import autocannon from 'autocannon';
import { join } from 'node:path';
import type { BenchOptions } from '../bench-options';
import type { BenchPlatform } from '../bench-platform';
import { round, type MeasureResult } from '../bench-result';

interface HttpFigures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
}

/**
 * Measure 4: `POST /candidates` on the candidates service (validation, one transaction writing the
 * row and its outbox event, the relay publishing it, logs and traces) against a bare NestJS
 * endpoint answering the same request from memory, both driven by autocannon with the same
 * connections and duration, one after the other.
 */
export async function measureHttpIngest(options: BenchOptions, platform: BenchPlatform): Promise<MeasureResult> {
  const started = performance.now();
  const candidates = await platform.startService('candidates', { DATABASE_URL: platform.database('candidates') }, 'http-candidates');
  const ours = await load(`${candidates.url}/candidates`, options);
  await platform.stopService(candidates);
  const bare = await platform.startProcess('http-bare-nest', join(__dirname, '..', 'bare-endpoint', 'bare-endpoint.main.js'), {});
  const baseline = await load(`${bare.url}/candidates`, options);
  await platform.stopService(bare);
  if (ours.non2xx > 0 || ours.errors > 0) throw new Error(`http: POST /candidates failed ${ours.non2xx + ours.errors} times`);
  return {
    name: 'http',
    rows: [
      { measure: 'HTTP ingest POST /candidates, throughput', unit: 'req/s', ours: ours.requestsPerSecond, baseline: baseline.requestsPerSecond, baselineName: 'bare NestJS endpoint', better: 'higher' },
      { measure: 'HTTP ingest POST /candidates, p99 latency', unit: 'ms', ours: ours.p99, baseline: baseline.p99, baselineName: 'bare NestJS endpoint', better: 'lower' },
    ],
    details: { connections: options.httpConnections, seconds: options.httpSeconds, ours, baseline },
    seconds: round((performance.now() - started) / 1000),
  };
}

async function load(url: string, options: BenchOptions): Promise<HttpFigures> {
  let sequence = 0;
  const result = await autocannon({
    url,
    method: 'POST',
    connections: options.httpConnections,
    duration: options.httpSeconds,
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({
            organisationId: 'http',
            name: `Candidate ${(sequence += 1)}`,
            skills: [{ name: 'TypeScript', years: 5 }, { name: 'PostgreSQL' }, { name: 'Kafka', years: 2 }],
            location: { city: 'Berlin', country: 'Germany' },
          }),
        }),
      },
    ],
  });
  return {
    requestsPerSecond: round(result.requests.average),
    p50: round(result.latency.p50),
    p99: round(result.latency.p99),
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
