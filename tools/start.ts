// `npm start`: builds the services, starts Kafka from the jars (unless KAFKA_BROKERS is set),
// lets each service create and migrate its database on the PostgreSQL server, starts the four
// services and a demo webhook receiver, and prints how to produce a notification.
// Ctrl-C stops everything it started.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { ensureKafka, type KafkaHandle } from './kafka/broker.ts';
import { onShutdown, pipeWithPrefix, run } from './process-group.ts';
import { repoRoot } from './repo-root.ts';

const root = repoRoot();
const services = [
  { name: 'postings', port: 3001 },
  { name: 'candidates', port: 3002 },
  { name: 'matcher', port: 3003 },
  { name: 'notifier', port: 3004 },
] as const;
const webhookPort = Number(process.env.DEMO_WEBHOOK_PORT ?? 3009);

/** The server of DATABASE_URL (default: local PostgreSQL); each service gets its own database on it. */
function databaseUrlFor(service: string): string {
  const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  url.pathname = `/${service}`;
  return url.toString();
}

let kafka: KafkaHandle | undefined;
let receiver: Server | undefined;
const children: ChildProcess[] = [];

async function stopAll(): Promise<void> {
  console.log('\nstopping…');
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  receiver?.close();
  await kafka?.stop();
  console.log('stopped.');
}

onShutdown(stopAll);

function startWebhookReceiver(): Promise<string> {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      try {
        const event = JSON.parse(body) as { type: string; data: { score: number; explanation: { summary: string }; postingId: string; candidateId: string } };
        console.log(
          `[webhook] ${event.type}: posting ${event.data.postingId} × candidate ${event.data.candidateId}` +
            ` — score ${event.data.score} (${event.data.explanation.summary})`,
        );
      } catch {
        console.log(`[webhook] ${body}`);
      }
      res.writeHead(204).end();
    });
  });
  return new Promise((resolve) => receiver?.listen(webhookPort, '127.0.0.1', () => resolve(`http://127.0.0.1:${webhookPort}/matches`)));
}

async function waitReady(url: string, child: ChildProcess, name: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`${name} did not become ready at ${url}`);
}

async function main(): Promise<void> {
  console.log('▶ building the services');
  if ((await run(join(root, 'node_modules', '.bin', 'nx'), ['run-many', '-t', 'build', '--outputStyle=static'], { cwd: root })) !== 0) {
    throw new Error('build failed');
  }
  console.log('▶ Kafka');
  kafka = await ensureKafka({ log: (line) => console.log(`  ${line}`) });
  console.log(`  brokers: ${kafka.brokers}`);
  const webhookUrl = process.env.NOTIFY_WEBHOOK_URL ?? (await startWebhookReceiver());

  console.log('▶ services (each creates and migrates its own database)');
  for (const service of services) {
    const child = spawn(
      process.execPath,
      ['--enable-source-maps', '--disable-warning=TimeoutNegativeWarning', join(root, 'dist', 'services', service.name, 'services', service.name, 'src', 'main.js')],
      {
        cwd: root,
        env: {
          ...process.env,
          PORT: String(service.port),
          DATABASE_URL: databaseUrlFor(service.name),
          KAFKA_BROKERS: kafka.brokers,
          ...(service.name === 'notifier' ? { NOTIFY_WEBHOOK_URL: webhookUrl } : {}),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    pipeWithPrefix(child, service.name);
    child.once('exit', (code, signal) => {
      if (signal !== 'SIGTERM' && code !== 0 && code !== null) {
        console.error(`${service.name} exited with code ${code}; stopping everything`);
        process.kill(process.pid, 'SIGTERM');
      }
    });
    children.push(child);
  }
  await Promise.all(services.map((service, index) => waitReady(`http://127.0.0.1:${service.port}`, children[index]!, service.name)));

  console.log(`
✔ talent-match is running
  postings    http://127.0.0.1:3001   (POST /postings, GET /postings/:id)
  candidates  http://127.0.0.1:3002   (POST /candidates, GET /candidates/:id)
  matcher     http://127.0.0.1:3003   (GET /matches?postingId=…)
  notifier    http://127.0.0.1:3004   (GET /notifications?postingId=…)
  webhook     ${webhookUrl}   (match notifications are printed here as [webhook] lines)
  Kafka       ${kafka.brokers}

Try it (in another terminal):

  curl -s localhost:3001/postings -H 'content-type: application/json' \\
    -d '{"organisationId":"acme","title":"Backend engineer","requiredSkills":["TypeScript","PostgreSQL"],"preferredSkills":["Kafka"]}'
  curl -s localhost:3002/candidates -H 'content-type: application/json' \\
    -d '{"organisationId":"acme","name":"Ada Example","skills":[{"name":"TypeScript","years":5},{"name":"PostgreSQL"},{"name":"Kafka"}]}'

A [webhook] line appears here within seconds; curl localhost:3004/notifications lists it too.
Press Ctrl-C to stop everything.
`);
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await stopAll();
  process.exit(1);
});
