// A real single-node Kafka broker (KRaft, broker+controller in one JVM) for development and tests,
// run from Maven Central jars because the machines have Java and Maven but no container engine.
//
// This module is also imported from Jest global setup compiled to CommonJS, so: no top-level side
// effects, no import.meta, and no relative imports.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';

export interface KafkaHandle {
  /** Bootstrap servers, e.g. "127.0.0.1:9092". */
  brokers: string;
  /** false when KAFKA_BROKERS pointed at a broker someone else runs. */
  startedHere: boolean;
  /** Stops the broker started here and removes its data dir; a no-op otherwise. */
  stop(): Promise<void>;
  /** Broker stdout/stderr; removed with the data dir by stop(). */
  logFile?: string;
  /** Settles with the JVM exit code (null when killed by a signal) if the broker ends for any reason. */
  exited?: Promise<number | null>;
  /** Stops the broker's JVM but keeps its data, as an outage would (brokers started here only). */
  suspend?(): Promise<void>;
  /** Starts the suspended broker again on the same ports and data, and waits until it is ready. */
  resume?(): Promise<void>;
}

export interface EnsureKafkaOptions {
  port?: number;
  /** Start a broker of our own even when KAFKA_BROKERS names one (tests that stop and restart it). */
  own?: boolean;
  log?: (line: string) => void;
  /**
   * Start a broker that authenticates and authorises (tests of the production set-up): clients
   * connect over SASL_PLAINTEXT with SCRAM-SHA-256 or -512, the StandardAuthorizer denies whatever no
   * ACL allows, and `superUser` may do anything (create the users' ACLs with it). The credentials
   * are created when the storage is formatted. Without this option the broker is plaintext and open.
   */
  sasl?: SaslBrokerOptions;
}

export interface ScramUser {
  username: string;
  password: string;
}

export interface SaslBrokerOptions {
  superUser: ScramUser;
  /** The other principals (`User:<username>`); they may do nothing until an ACL allows it. */
  users: readonly ScramUser[];
}

/** The SASL mechanisms clients may use; every user's SCRAM credentials are created for both. */
export const SCRAM_MECHANISMS = ['SCRAM-SHA-256', 'SCRAM-SHA-512'] as const;

/** Newest Kafka on Maven Central that passes tools/kafka/smoke.ts with kafkajs 2.2.4. */
export const DEFAULT_KAFKA_VERSION = '4.4.0';
const SLF4J_SIMPLE_VERSION = '1.7.36';
const DEPENDENCY_PLUGIN_VERSION = '3.8.1';
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
const COMPLETE_MARKER = '.complete';

// Small heap and serial GC keep a test broker light on 2-core machines; C1-only JIT starts faster
// and throughput is irrelevant at test volumes.
// KAFKA_JVM_OPTS (space-separated) replaces them, e.g. for the bench's broker (tuned for throughput).
const JVM_OPTS = ['-Xms128m', '-Xmx512m', '-XX:+UseSerialGC', '-XX:TieredStopAtLevel=1', '-Djava.awt.headless=true'];

function jvmOptions(): string[] {
  const custom = process.env.KAFKA_JVM_OPTS?.trim();
  return custom ? custom.split(/\s+/) : JVM_OPTS;
}

const noop = (): void => {};

export function kafkaVersion(): string {
  return process.env.KAFKA_VERSION || DEFAULT_KAFKA_VERSION;
}

export function findRepoRoot(from: string = process.cwd()): string {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'nx.json'))) return dir;
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && JSON.parse(fs.readFileSync(pkg, 'utf8')).name === 'talent-match') return dir;
    if (path.dirname(dir) === dir) throw new Error(`no talent-match repository root above ${from}`);
  }
}

export async function ensureKafka(options: EnsureKafkaOptions = {}): Promise<KafkaHandle> {
  const log = options.log ?? noop;
  const external = options.own ? undefined : process.env.KAFKA_BROKERS;
  if (external) {
    await waitForBroker(external, Date.now() + 15_000).catch((error: unknown) => {
      throw new Error(`KAFKA_BROKERS=${external} does not answer: ${message(error)}`);
    });
    log(`using the Kafka broker at ${external} (KAFKA_BROKERS)`);
    return { brokers: external, startedHere: false, stop: async () => {} };
  }
  const port = options.port ?? (process.env.KAFKA_PORT ? Number(process.env.KAFKA_PORT) : 9092);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`invalid Kafka port: ${port}`);
  const lib = await fetchKafka(log);
  return startBroker(lib, port, log, options.sasl);
}

/** Downloads the broker jars once into <repo>/.cache/kafka/<version>/lib and returns that directory. */
export async function fetchKafka(log: (line: string) => void = noop): Promise<string> {
  const version = kafkaVersion();
  const versionDir = path.join(findRepoRoot(), '.cache', 'kafka', version);
  const lib = path.join(versionDir, 'lib');
  if (fs.existsSync(path.join(lib, COMPLETE_MARKER))) return lib;

  // Each run fetches into its own staging dir and renames it into place, so concurrent first runs
  // cannot observe (or produce) a half-filled lib dir; the loser just discards its copy.
  fs.mkdirSync(versionDir, { recursive: true });
  const staging = fs.mkdtempSync(path.join(versionDir, '.fetch-'));
  try {
    const started = Date.now();
    log(`fetching Kafka ${version} jars with Maven into ${lib}`);
    fs.writeFileSync(path.join(staging, 'pom.xml'), pom(version));
    const stagedLib = path.join(staging, 'lib');
    await run('mvn', [
      '-q', '-B', '-f', path.join(staging, 'pom.xml'),
      'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${stagedLib}`,
    ]);
    if (!fs.readdirSync(stagedLib).some((f) => f.startsWith(`kafka_2.13-${version}`))) {
      throw new Error(`Maven did not produce kafka_2.13-${version}.jar in ${stagedLib}`);
    }
    fs.writeFileSync(path.join(stagedLib, COMPLETE_MARKER), `${new Date().toISOString()}\n`);
    fs.copyFileSync(path.join(staging, 'pom.xml'), path.join(versionDir, 'pom.xml'));
    try {
      fs.renameSync(stagedLib, lib);
    } catch (error) {
      if (fs.existsSync(path.join(lib, COMPLETE_MARKER))) return lib; // a concurrent run won
      fs.rmSync(lib, { recursive: true, force: true }); // leftover without marker: replace it
      fs.renameSync(stagedLib, lib);
    }
    log(`fetched Kafka ${version} (${fs.readdirSync(lib).length - 1} jars) in ${seconds(started)}`);
    return lib;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

function pom(version: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.talent-match</groupId>
  <artifactId>kafka-broker</artifactId>
  <version>${version}</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>${version}</version></dependency>
    <!-- the distribution's bin/ scripts add a logging backend; the bare jars have none -->
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-simple</artifactId><version>${SLF4J_SIMPLE_VERSION}</version></dependency>
  </dependencies>
  <build>
    <plugins>
      <plugin><groupId>org.apache.maven.plugins</groupId><artifactId>maven-dependency-plugin</artifactId><version>${DEPENDENCY_PLUGIN_VERSION}</version></plugin>
    </plugins>
  </build>
</project>
`;
}

async function startBroker(lib: string, port: number, log: (line: string) => void, sasl?: SaslBrokerOptions): Promise<KafkaHandle> {
  if (!(await isPortFree(port))) {
    throw new Error(
      `cannot start Kafka: port ${port} on 127.0.0.1 is already in use. ` +
        `Stop what listens there, choose another port with KAFKA_PORT, or set KAFKA_BROKERS=127.0.0.1:${port} to use that broker.`,
    );
  }
  const started = Date.now();
  const controllerPort = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kafka-run-'));
  const logFile = path.join(dataDir, 'broker.log');
  const propsFile = path.join(dataDir, 'server.properties');
  if (sasl) checkScramUsers([sasl.superUser, ...sasl.users]);
  fs.writeFileSync(propsFile, serverProperties(port, controllerPort, path.join(dataDir, 'logs'), sasl));

  const java = process.env.JAVA_HOME ? path.join(process.env.JAVA_HOME, 'bin', 'java') : 'java';
  const jvm = [...jvmOptions(), '-cp', path.join(lib, '*')];
  try {
    await run(java, [...jvm, 'kafka.tools.StorageTool', 'format', '-t', clusterId(), '-c', propsFile, ...scramArguments(sasl)]);
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  let child!: ChildProcess;
  let exitCode: number | null | undefined;
  let exited!: Promise<number | null>;
  const alive = (): boolean => exitCode === undefined;
  const removeDataDir = (): void => fs.rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
  // 'exit' handlers must be synchronous: a kill and an rm are all that fit.
  const onParentExit = (): void => {
    child.kill('SIGKILL');
    removeDataDir();
  };
  const launch = (): void => {
    // The JVM writes straight into the log file: no pipe to the parent that could break or fill up.
    const out = fs.openSync(logFile, 'a');
    child = spawn(java, [...jvm, 'kafka.Kafka', propsFile], { stdio: ['ignore', out, out] });
    fs.closeSync(out);
    exitCode = undefined;
    const current = child;
    exited = new Promise<number | null>((resolve) => {
      current.once('exit', (code) => resolve((exitCode = code)));
      current.once('error', () => resolve((exitCode = null))); // could not spawn: surfaces as "exited early"
    });
    startWatchdog(child, dataDir);
  };
  const halt = async (): Promise<void> => {
    if (!alive()) return;
    child.kill('SIGTERM');
    if (!(await settlesWithin(exited, STOP_TIMEOUT_MS))) {
      child.kill('SIGKILL');
      await exited;
    }
  };
  process.on('exit', onParentExit);
  launch();

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      process.off('exit', onParentExit);
      await halt();
      removeDataDir();
    })());

  const brokers = `127.0.0.1:${port}`;
  const waitReady = async (since: number): Promise<void> => {
    try {
      await waitForBroker(brokers, since + READY_TIMEOUT_MS, alive, sasl?.superUser);
    } catch (error) {
      const tail = readTail(logFile, 40);
      await stop();
      throw new Error(`Kafka ${kafkaVersion()} did not become ready on ${brokers}: ${message(error)}\n--- broker log tail ---\n${tail}`);
    }
  };
  await waitReady(started);
  log(`Kafka ${kafkaVersion()} ready on ${brokers} in ${seconds(started)} (log: ${logFile})`);
  return {
    brokers,
    startedHere: true,
    stop,
    logFile,
    get exited() {
      return exited;
    },
    suspend: halt,
    resume: async () => {
      if (stopping) throw new Error('the broker was stopped for good');
      if (alive()) return;
      const since = Date.now();
      launch();
      await waitReady(since);
      log(`Kafka ${kafkaVersion()} ready again on ${brokers} in ${seconds(since)}`);
    },
  };
}

function serverProperties(port: number, controllerPort: number, logDirs: string, sasl?: SaslBrokerOptions): string {
  const settings: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    // A static quorum: StorageTool format then needs no --standalone flag.
    'controller.quorum.voters': `1@127.0.0.1:${controllerPort}`,
    listeners: `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `PLAINTEXT://127.0.0.1:${port}`,
    'listener.security.protocol.map': 'PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': 'PLAINTEXT',
    'log.dirs': logDirs,
    'auto.create.topics.enable': true,
    'num.partitions': 4,
    // A new group would otherwise wait 3 s for more members before its first assignment.
    'group.initial.rebalance.delay.ms': 0,
    // Internal topics default to replication 3, which a single node can never satisfy.
    'offsets.topic.replication.factor': 1,
    'offsets.topic.num.partitions': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'transaction.state.log.num.partitions': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    // The cleaner otherwise allocates a 128 MB dedupe buffer up front.
    'log.cleaner.dedupe.buffer.size': 2097152,
    'num.network.threads': 2,
    'num.io.threads': 2,
    'num.recovery.threads.per.data.dir': 1,
    'background.threads': 2,
    ...(sasl && saslProperties(port, controllerPort, sasl.superUser)),
  };
  return Object.entries(settings).map(([key, value]) => `${key}=${value}`).join('\n') + '\n';
}

/**
 * Clients authenticate with SCRAM on SASL_PLAINTEXT (the credentials live in the cluster metadata,
 * created at format time). The controller listener uses PLAIN with the super user's password from
 * the JAAS configuration, which does not depend on the metadata the controller itself serves (the
 * set-up Kafka's maintainers describe in KAFKA-15513). Left PLAINTEXT, the broker's calls to its
 * controller would come from User:ANONYMOUS, which would then have to be a super user: anyone
 * reaching the port could administer the cluster.
 */
function saslProperties(port: number, controllerPort: number, superUser: ScramUser): Record<string, string> {
  const { username, password } = superUser;
  return {
    listeners: `SASL_PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`,
    'advertised.listeners': `SASL_PLAINTEXT://127.0.0.1:${port}`,
    'listener.security.protocol.map': 'SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT',
    'inter.broker.listener.name': 'SASL_PLAINTEXT',
    'sasl.enabled.mechanisms': SCRAM_MECHANISMS.join(','),
    'sasl.mechanism.inter.broker.protocol': 'SCRAM-SHA-256',
    // Every enabled mechanism needs a JAAS entry on the listener (its own credentials are what the
    // broker uses when it connects to itself).
    ...Object.fromEntries(
      SCRAM_MECHANISMS.map((mechanism) => [
        `listener.name.sasl_plaintext.${mechanism.toLowerCase()}.sasl.jaas.config`,
        `org.apache.kafka.common.security.scram.ScramLoginModule required username="${username}" password="${password}";`,
      ]),
    ),
    'sasl.mechanism.controller.protocol': 'PLAIN',
    'listener.name.controller.sasl.enabled.mechanisms': 'PLAIN',
    'listener.name.controller.plain.sasl.jaas.config':
      `org.apache.kafka.common.security.plain.PlainLoginModule required username="${username}" password="${password}" user_${username}="${password}";`,
    'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    'super.users': `User:${username}`,
    'allow.everyone.if.no.acl.found': 'false',
  };
}

/** `--add-scram` arguments of `StorageTool format`: each user's credentials for both mechanisms. */
function scramArguments(sasl: SaslBrokerOptions | undefined): string[] {
  if (!sasl) return [];
  return [sasl.superUser, ...sasl.users].flatMap(({ username, password }) =>
    SCRAM_MECHANISMS.flatMap((mechanism) => ['--add-scram', `${mechanism}=[name=${username},password=${password}]`]),
  );
}

// Names and passwords go into a properties file, a JAAS line and StorageTool's `[name=…,password=…]`
// syntax: characters those give meaning to are refused rather than escaped three ways.
function checkScramUsers(users: readonly ScramUser[]): void {
  for (const { username, password } of users) {
    if (!/^[\w.-]{1,100}$/.test(username)) throw new Error(`SCRAM user name ${JSON.stringify(username)}: letters, digits, _ . - only`);
    if (!/^[\w.~-]{8,200}$/.test(password)) throw new Error(`SCRAM password of ${username}: 8 to 200 letters, digits, _ . ~ - only`);
  }
}

// What `StorageTool random-uuid` prints (16 random bytes, base64url, never starting with '-'),
// made here to save a JVM start.
function clusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

// A detached shell outlives a parent killed with SIGKILL (which runs no 'exit' handler) and then
// stops the broker, so no orphaned JVM keeps the port. It ends by itself once the broker is gone.
function startWatchdog(child: ChildProcess, dataDir: string): void {
  const script = `
    while kill -0 "$1" 2>/dev/null; do kill -0 "$2" 2>/dev/null || exit 0; sleep 1; done
    kill -TERM "$2" 2>/dev/null
    i=0; while kill -0 "$2" 2>/dev/null && [ "$i" -lt ${STOP_TIMEOUT_MS / 1000} ]; do sleep 1; i=$((i+1)); done
    kill -KILL "$2" 2>/dev/null
    rm -rf "$3"`;
  const watchdog = spawn('sh', ['-c', script, 'kafka-watchdog', String(process.pid), String(child.pid), dataDir], {
    detached: true,
    stdio: 'ignore',
  });
  watchdog.unref();
}

async function waitForBroker(brokers: string, deadline: number, alive: () => boolean = () => true, superUser?: ScramUser): Promise<void> {
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error('the broker JVM exited early');
    const admin = new Kafka({
      clientId: 'kafka-readiness',
      brokers: brokers.split(','),
      ...(superUser && { sasl: { mechanism: 'scram-sha-256', username: superUser.username, password: superUser.password } }),
      logLevel: logLevel.NOTHING,
      connectionTimeout: 1_000,
      requestTimeout: 2_000,
      retry: { retries: 0 },
    }).admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      if (cluster.brokers.length > 0 && cluster.controller !== null) return;
    } catch (error) {
      lastError = error;
    } finally {
      await admin.disconnect().catch(noop);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no answer before the deadline${lastError ? ` (last error: ${message(lastError)})` : ''}`);
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolve();
      const output = `${stdout}${stderr}`.trim().split('\n').slice(-30).join('\n');
      reject(new Error(`${path.basename(command)} failed: ${error.message}\n${output}`));
    });
  });
}

async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function readTail(file: string, lines: number): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no broker log)';
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}
