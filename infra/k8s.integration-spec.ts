import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Logger, RequestMethod, type DynamicModule } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { CONSUMER_SESSION_TIMEOUT_MS } from '@talent/kafka';
import { MetricsController } from '@talent/observability';
import { HealthController } from '@talent/service-kit';
import { ensureKubectlInstalled, isOpenTelemetryVariable, kustomizeBuild, validateKubernetesObjects, type KubernetesObject } from '@talent/testing';
import type { z } from 'zod';
// The manifests are checked against what each service really reads and serves: its config schema
// and its root module, which no library exports; so these imports reach into the services.
// eslint-disable-next-line @nx/enforce-module-boundaries -- the postings service's own schema and module
import { AppModule as PostingsModule } from '../services/postings/src/app.module';
// eslint-disable-next-line @nx/enforce-module-boundaries -- as above
import { postingsEnvSchema } from '../services/postings/src/config';
// eslint-disable-next-line @nx/enforce-module-boundaries -- as above
import { AppModule as CandidatesModule } from '../services/candidates/src/app.module';
// eslint-disable-next-line @nx/enforce-module-boundaries -- as above
import { candidatesEnvSchema } from '../services/candidates/src/config';
// eslint-disable-next-line @nx/enforce-module-boundaries -- as above
import { AppModule as MatcherModule } from '../services/matcher/src/app.module';
// eslint-disable-next-line @nx/enforce-module-boundaries -- as above
import { matcherEnvSchema } from '../services/matcher/src/config';
// eslint-disable-next-line @nx/enforce-module-boundaries -- as above
import { AppModule as NotifierModule } from '../services/notifier/src/app.module';
// eslint-disable-next-line @nx/enforce-module-boundaries -- as above
import { notifierEnvSchema } from '../services/notifier/src/config';

const k8sDir = join(__dirname, 'k8s');
const overlays = readdirSync(join(k8sDir, 'overlays')).sort();

// The four root modules below each register TypeORM's default data source name in this one
// process: Nest's warning about the duplicates is expected here and would only be noise.
Logger.overrideLogger(['error']);

/** Each service: its environment schema, and its root module (built from the schema's defaults) for the routes it serves. */
const services = {
  postings: { schema: postingsEnvSchema, module: PostingsModule.forRoot(postingsEnvSchema.parse({})) },
  candidates: { schema: candidatesEnvSchema, module: CandidatesModule.forRoot(candidatesEnvSchema.parse({})) },
  matcher: { schema: matcherEnvSchema, module: MatcherModule.forRoot(matcherEnvSchema.parse({})) },
  notifier: { schema: notifierEnvSchema, module: NotifierModule.forRoot(notifierEnvSchema.parse({})) },
} satisfies Record<string, { schema: z.ZodObject; module: DynamicModule }>;
type ServiceName = keyof typeof services;
const isService = (name: string): name is ServiceName => Object.hasOwn(services, name);

/** Credentials, or URLs that may carry them: only ever from a Secret. */
const CREDENTIALS = ['DATABASE_URL', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD', 'SECRETS_KEY', 'SECRETS_KEY_PREVIOUS', 'NOTIFY_WEBHOOK_SECRET', 'SMTP_URL', 'RATE_LIMIT_REDIS_URL'];
/** What a Secret the operator creates (not rendered) is assumed to hold, for the schema to parse. */
const OPERATOR_SECRET_STAND_INS: Record<string, string> = {
  DATABASE_URL: 'postgres://service:password@postgres.example.com:5432/service',
  SECRETS_KEY: randomBytes(32).toString('base64'),
};
/** The OpenTelemetry exporter's timeout unless OTEL_EXPORTER_OTLP_TIMEOUT says otherwise (the specification's default). */
const OTLP_EXPORT_TIMEOUT_MS = 10_000;

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { configMapKeyRef?: { name: string; key: string }; secretKeyRef?: { name: string; key: string }; fieldRef?: { fieldPath: string } };
}
interface Probe {
  httpGet?: { path?: string; port: number | string };
}
interface Container {
  name: string;
  ports?: Array<{ name?: string; containerPort: number }>;
  env?: EnvVar[];
  envFrom?: Array<{ prefix?: string; configMapRef?: { name: string }; secretRef?: { name: string } }>;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  startupProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command?: string[] }; sleep?: { seconds: number } } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { allowPrivilegeEscalation?: boolean; readOnlyRootFilesystem?: boolean; runAsNonRoot?: boolean; capabilities?: { drop?: string[] } };
}
interface Workload extends KubernetesObject {
  spec: {
    replicas?: number;
    selector: { matchLabels?: Record<string, string> };
    template: {
      metadata: { labels?: Record<string, string>; annotations?: Record<string, string> };
      spec: {
        containers: Container[];
        terminationGracePeriodSeconds?: number;
        securityContext?: { runAsNonRoot?: boolean; runAsUser?: number; seccompProfile?: { type?: string } };
      };
    };
  };
}
interface ServiceObject extends KubernetesObject {
  spec: { selector?: Record<string, string>; ports: Array<{ port: number; targetPort?: number | string }> };
}
interface Disruption extends KubernetesObject {
  spec: { selector: { matchLabels?: Record<string, string> }; maxUnavailable?: number | string; minAvailable?: number | string };
}
interface Autoscaler extends KubernetesObject {
  spec: {
    scaleTargetRef: { kind: string; name: string };
    minReplicas?: number;
    maxReplicas: number;
    metrics?: Array<{ type: string; resource?: { name: string } }>;
  };
}

/** One service as an overlay runs it: its workload, its container and the environment the container gets. */
interface Deployed {
  service: ServiceName;
  workload: Workload;
  container: Container;
  /** Every variable with the value it gets (a stand-in for a Secret the operator creates). */
  env: Record<string, string>;
  /** Where each variable comes from. */
  sources: Record<string, 'value' | 'configMap' | 'secret' | 'field'>;
  problems: string[];
}

// ── What the services serve, read from their modules ─────────────────────────────────────────────

/** A route's path metadata: one path or several. */
function asPaths(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((path): path is string => typeof path === 'string') : [];
}

function joinPath(...parts: string[]): string {
  return `/${parts.map((part) => part.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;
}

/** The controllers a module and everything it imports declare. */
function controllersOf(root: DynamicModule): Function[] {
  const seen = new Set<unknown>();
  const controllers = new Set<Function>();
  const visit = (entry: unknown): void => {
    if (entry === undefined || entry === null || seen.has(entry)) return;
    seen.add(entry);
    if (typeof entry === 'function') {
      for (const controller of (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, entry) as Function[] | undefined) ?? []) controllers.add(controller);
      for (const imported of (Reflect.getMetadata(MODULE_METADATA.IMPORTS, entry) as unknown[] | undefined) ?? []) visit(imported);
      return;
    }
    if (typeof entry !== 'object') return;
    const reference = entry as { forwardRef?: () => unknown };
    if (typeof reference.forwardRef === 'function') return visit(reference.forwardRef());
    const dynamic = entry as Partial<DynamicModule>;
    if (dynamic.module === undefined) return;
    visit(dynamic.module);
    for (const controller of dynamic.controllers ?? []) controllers.add(controller);
    for (const imported of dynamic.imports ?? []) visit(imported);
  };
  visit(root);
  return [...controllers];
}

/** `GET /health/live` and the like: the HTTP routes of these controllers (no global prefix is set). */
function routesOf(controllers: readonly Function[], only?: { controller: Function; handler: string }): string[] {
  const routes: string[] = [];
  for (const controller of controllers) {
    if (only && controller !== only.controller) continue;
    const bases = asPaths(Reflect.getMetadata(PATH_METADATA, controller));
    const prototype = controller.prototype as object;
    for (const handlerName of Object.getOwnPropertyNames(prototype)) {
      if (handlerName === 'constructor' || (only && handlerName !== only.handler)) continue;
      const handler = Object.getOwnPropertyDescriptor(prototype, handlerName)?.value as unknown;
      if (typeof handler !== 'function') continue;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      const own = asPaths(Reflect.getMetadata(PATH_METADATA, handler));
      if (method === undefined || own.length === 0) continue;
      for (const base of bases.length > 0 ? bases : ['']) for (const path of own) routes.push(`${RequestMethod[method]} ${joinPath(base, path)}`);
    }
  }
  return routes;
}

function onlyRoute(controller: Function, handler: string): string {
  const [route, ...more] = routesOf([controller], { controller, handler });
  if (route === undefined || more.length > 0) throw new Error(`${controller.name}.${handler}: expected one route, found ${[route, ...more].join(', ')}`);
  return route;
}

const LIVE = onlyRoute(HealthController, 'live');
const READY = onlyRoute(HealthController, 'ready');
const METRICS = onlyRoute(MetricsController, 'metrics');
const routes = Object.fromEntries(Object.entries(services).map(([name, { module }]) => [name, new Set(routesOf(controllersOf(module)))])) as Record<ServiceName, Set<string>>;

// ── What the overlays deploy ──────────────────────────────────────────────────────────────────────

const rendered = new Map<string, KubernetesObject[]>();
const objectsOf = (overlay: string): KubernetesObject[] => rendered.get(overlay) ?? [];
const ofKind = <T extends KubernetesObject>(overlay: string, ...kinds: string[]): T[] => objectsOf(overlay).filter((object) => kinds.includes(object.kind)) as T[];
const workloadsOf = (overlay: string): Workload[] => ofKind<Workload>(overlay, 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod');

function decoded(secret: KubernetesObject, key: string): string | undefined {
  const { data, stringData } = secret as { data?: Record<string, string>; stringData?: Record<string, string> };
  if (stringData?.[key] !== undefined) return stringData[key];
  return data?.[key] === undefined ? undefined : Buffer.from(data[key], 'base64').toString('utf8');
}

/** The container's environment as the kubelet would give it (ConfigMaps and Secrets resolved). */
function deployedOf(overlay: string): Deployed[] {
  const configMaps = new Map(ofKind(overlay, 'ConfigMap').map((map) => [map.metadata.name, (map as { data?: Record<string, string> }).data ?? {}]));
  const secrets = new Map(ofKind(overlay, 'Secret').map((secret) => [secret.metadata.name, secret]));
  return workloadsOf(overlay).map((workload) => {
    const problems: string[] = [];
    const containers = workload.spec.template.spec.containers;
    const container = containers[0]!;
    const service = container.name;
    if (!isService(service)) throw new Error(`${overlay}: ${workload.kind}/${workload.metadata.name} runs ${service}, which is not one of the services`);
    if (containers.length !== 1) problems.push(`${workload.metadata.name}: ${containers.length} containers, expected the service alone`);
    const env: Record<string, string> = {};
    const sources: Deployed['sources'] = {};
    for (const from of container.envFrom ?? []) {
      if (from.secretRef) problems.push(`${service}: envFrom secretRef ${from.secretRef.name}: name each variable with a secretKeyRef, so the names are checked`);
      if (!from.configMapRef) continue;
      const data = configMaps.get(from.configMapRef.name);
      if (!data) problems.push(`${service}: envFrom names ConfigMap ${from.configMapRef.name}, which the overlay does not render`);
      for (const [key, value] of Object.entries(data ?? {})) {
        env[`${from.prefix ?? ''}${key}`] = value;
        sources[`${from.prefix ?? ''}${key}`] = 'configMap';
      }
    }
    for (const variable of container.env ?? []) {
      const { configMapKeyRef, secretKeyRef, fieldRef } = variable.valueFrom ?? {};
      if (configMapKeyRef) {
        const value = configMaps.get(configMapKeyRef.name)?.[configMapKeyRef.key];
        if (value === undefined) problems.push(`${service}: ${variable.name} from ConfigMap ${configMapKeyRef.name} key ${configMapKeyRef.key}, which is not rendered`);
        env[variable.name] = value ?? '';
        sources[variable.name] = 'configMap';
      } else if (secretKeyRef) {
        const secret = secrets.get(secretKeyRef.name);
        // Not rendered: a Secret the operator creates (the production overlay commits none).
        const value = secret ? decoded(secret, secretKeyRef.key) : (OPERATOR_SECRET_STAND_INS[variable.name] ?? 'operator-secret');
        if (value === undefined) problems.push(`${service}: ${variable.name} from Secret ${secretKeyRef.name} key ${secretKeyRef.key}, which it does not have`);
        env[variable.name] = value ?? '';
        sources[variable.name] = 'secret';
      } else if (fieldRef) {
        env[variable.name] = fieldRef.fieldPath === 'metadata.name' ? `${workload.metadata.name}-0` : 'field';
        sources[variable.name] = 'field';
      } else {
        env[variable.name] = variable.value ?? '';
        sources[variable.name] = 'value';
      }
    }
    return { service, workload, container, env, sources, problems };
  });
}

/** The port the service listens on under this environment (PORT, else its schema's default). */
function portOf(deployed: Deployed): number {
  return Number(services[deployed.service].schema.shape.PORT.parse(deployed.env.PORT));
}

/** A probe's or a Service's port, by name or number, as the container's port number. */
function containerPort(container: Container, port: number | string | undefined): number | undefined {
  if (typeof port === 'number') return container.ports?.some((entry) => entry.containerPort === port) ? port : undefined;
  return container.ports?.find((entry) => entry.name === port)?.containerPort;
}

function matches(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  return selector !== undefined && Object.keys(selector).length > 0 && Object.entries(selector).every(([key, value]) => labels?.[key] === value);
}

function preStopSeconds(container: Container): number {
  const { exec, sleep } = container.lifecycle?.preStop ?? {};
  if (sleep) return sleep.seconds;
  const [command, seconds] = exec?.command ?? [];
  return command === 'sleep' || command === '/bin/sleep' ? Number(seconds) : 0;
}

/**
 * The longest graceful shutdown (after SIGTERM, see bootstrapService): the preStop pause, the
 * consumers' run in hand (at most a session timeout), for the notifier the calls in flight (an
 * e-mail at most 3 × SMTP_TIMEOUT_MS: connection, greeting, socket; a webhook its timeout), and the
 * last spans' export.
 */
function requiredGraceSeconds(deployed: Deployed): number {
  const spans = Number(deployed.env.OTEL_EXPORTER_OTLP_TIMEOUT ?? OTLP_EXPORT_TIMEOUT_MS);
  let calls = 0;
  if (deployed.service === 'notifier') {
    const env = notifierEnvSchema.parse(deployed.env);
    calls = Math.max(3 * env.SMTP_TIMEOUT_MS, env.NOTIFY_WEBHOOK_TIMEOUT_MS);
  }
  return preStopSeconds(deployed.container) + (CONSUMER_SESSION_TIMEOUT_MS + calls + spans) / 1000;
}

/** candidates.v1's partitions: KAFKA_TOPIC_PARTITIONS as the matcher is given it (its schema's default otherwise). */
function partitionsOf(deployed: Deployed): number {
  return matcherEnvSchema.shape.KAFKA_TOPIC_PARTITIONS.parse(deployed.env.KAFKA_TOPIC_PARTITIONS);
}

describe('infra/k8s: Kubernetes manifests', () => {
  beforeAll(async () => {
    ensureKubectlInstalled();
    for (const overlay of overlays) rendered.set(overlay, await kustomizeBuild(join(k8sDir, 'overlays', overlay)));
  });

  it('has a local and a production overlay, and the services serve the health and metrics routes', () => {
    expect(overlays).toEqual(expect.arrayContaining(['local', 'production']));
    for (const service of Object.keys(services) as ServiceName[]) {
      expect({ service, routes: [LIVE, READY, METRICS].filter((route) => routes[service].has(route)) }).toEqual({ service, routes: [LIVE, READY, METRICS] });
    }
  });

  describe.each(overlays)('overlay %s', (overlay) => {
    it('renders only valid Kubernetes API objects', async () => {
      expect(objectsOf(overlay).length).toBeGreaterThan(10);
      expect(await validateKubernetesObjects(objectsOf(overlay))).toEqual([]);
    });

    it('runs each service once, with only variables its config schema reads, in a configuration the schema accepts', () => {
      const deployed = deployedOf(overlay);
      expect(deployed.map((entry) => entry.service).sort()).toEqual(Object.keys(services).sort());
      const actual = deployed.map((entry) => {
        const { schema } = services[entry.service];
        const known = Object.keys(schema.shape);
        const unknown = Object.keys(entry.env).filter((name) => !known.includes(name) && !isOpenTelemetryVariable(name));
        const issues = schema.safeParse(entry.env).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];
        // The probes reach the pod's address, not its loopback (the schema's default).
        return { service: entry.service, problems: entry.problems, unknown, issues, HOST: schema.shape.HOST.parse(entry.env.HOST) };
      });
      expect(actual).toEqual(deployed.map(({ service }) => ({ service, problems: [], unknown: [], issues: [], HOST: '0.0.0.0' })));
    });

    it('probes, ports and scrape annotations name the routes and the port the service really serves', () => {
      const deployed = deployedOf(overlay);
      const actual = deployed.map((entry) => {
        const { service, container, workload } = entry;
        const probe = (which: 'livenessProbe' | 'readinessProbe' | 'startupProbe') => {
          const httpGet = container[which]?.httpGet;
          return httpGet && { route: `GET ${httpGet.path ?? '/'}`, served: routes[service].has(`GET ${httpGet.path ?? '/'}`), port: containerPort(container, httpGet.port) };
        };
        const annotations = workload.spec.template.metadata.annotations ?? {};
        return {
          service,
          containerPorts: container.ports?.map((entry) => entry.containerPort),
          liveness: probe('livenessProbe'),
          readiness: probe('readinessProbe'),
          startup: probe('startupProbe'),
          scrape: { enabled: annotations['prometheus.io/scrape'], port: Number(annotations['prometheus.io/port']), route: `GET ${annotations['prometheus.io/path']}` },
        };
      });
      expect(actual).toEqual(
        deployed.map((entry) => {
          const port = portOf(entry);
          return {
            service: entry.service,
            containerPorts: [port],
            liveness: { route: LIVE, served: true, port },
            readiness: { route: READY, served: true, port },
            startup: { route: LIVE, served: true, port },
            scrape: { enabled: 'true', port, route: METRICS },
          };
        }),
      );
    });

    it('runs as a non-root user with a read-only root filesystem, no capabilities, the runtime seccomp profile, requests and limits', () => {
      const deployed = deployedOf(overlay);
      const actual = deployed.map(({ service, workload, container }) => {
        const pod = workload.spec.template.spec.securityContext;
        return {
          service,
          runAsNonRoot: pod?.runAsNonRoot === true || container.securityContext?.runAsNonRoot === true,
          numericNonRootUser: typeof pod?.runAsUser === 'number' && pod.runAsUser > 0,
          seccomp: pod?.seccompProfile?.type,
          allowPrivilegeEscalation: container.securityContext?.allowPrivilegeEscalation,
          readOnlyRootFilesystem: container.securityContext?.readOnlyRootFilesystem,
          dropped: container.securityContext?.capabilities?.drop,
          requests: Object.keys(container.resources?.requests ?? {}).sort(),
          limits: Object.keys(container.resources?.limits ?? {}).sort(),
        };
      });
      expect(actual).toEqual(
        deployed.map(({ service }) => ({
          service,
          runAsNonRoot: true,
          numericNonRootUser: true,
          seccomp: 'RuntimeDefault',
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          dropped: ['ALL'],
          requests: ['cpu', 'memory'],
          limits: ['cpu', 'memory'],
        })),
      );
    });

    it("gives each service a grace period that covers its graceful shutdown", () => {
      const deployed = deployedOf(overlay);
      const actual = deployed.map((entry) => {
        const grace = entry.workload.spec.template.spec.terminationGracePeriodSeconds ?? 30;
        return { service: entry.service, grace, required: requiredGraceSeconds(entry), covered: grace >= requiredGraceSeconds(entry) };
      });
      expect(actual).toEqual(actual.map((entry) => ({ ...entry, covered: true })));
    });

    it('keeps credentials in Secrets', () => {
      const actual = deployedOf(overlay).map(({ service, sources }) => ({
        service,
        notFromSecret: CREDENTIALS.filter((name) => sources[name] !== undefined && sources[name] !== 'secret'),
      }));
      expect(actual).toEqual(actual.map(({ service }) => ({ service, notFromSecret: [] })));
    });

    it('Services and PodDisruptionBudgets select the pods of one workload, on ports the container has', () => {
      const deployed = deployedOf(overlay);
      const selected = (selector: Record<string, string> | undefined) =>
        deployed.filter(({ workload }) => matches(selector, workload.spec.template.metadata.labels)).map(({ service }) => service);
      for (const service of ofKind<ServiceObject>(overlay, 'Service')) {
        const [target, ...others] = deployed.filter(({ workload }) => matches(service.spec.selector, workload.spec.template.metadata.labels));
        expect({ service: service.metadata.name, selects: [target?.service, ...others.map((entry) => entry.service)] }).toEqual({ service: service.metadata.name, selects: [service.metadata.name] });
        for (const port of service.spec.ports) {
          expect({ service: service.metadata.name, targetPort: containerPort(target!.container, port.targetPort ?? port.port) }).toEqual({ service: service.metadata.name, targetPort: portOf(target!) });
        }
      }
      const budgets = ofKind<Disruption>(overlay, 'PodDisruptionBudget');
      for (const { service, workload } of deployed) {
        const covering = budgets.filter((budget) => matches(budget.spec.selector.matchLabels, workload.spec.template.metadata.labels));
        // A budget that allows no disruption at all would block every node drain.
        const allows = covering.every((budget) => (budget.spec.maxUnavailable !== undefined ? budget.spec.maxUnavailable !== 0 && budget.spec.maxUnavailable !== '0%' : Number(budget.spec.minAvailable) < (workload.spec.replicas ?? 1)));
        expect({ service, budgets: covering.length, allows }).toEqual({ service, budgets: 1, allows: true });
      }
      for (const budget of budgets) expect({ budget: budget.metadata.name, selects: selected(budget.spec.selector.matchLabels) }).toEqual({ budget: budget.metadata.name, selects: [budget.metadata.name] });
    });

    it('never runs more matchers than candidates.v1 has partitions, and autoscales only what it has', () => {
      const deployed = deployedOf(overlay);
      const matcher = deployed.find((entry) => entry.service === 'matcher')!;
      const partitions = partitionsOf(matcher);
      const autoscalers = ofKind<Autoscaler>(overlay, 'HorizontalPodAutoscaler');
      const matcherCeiling = Math.max(matcher.workload.spec.replicas ?? 1, ...autoscalers.filter((hpa) => hpa.spec.scaleTargetRef.name === matcher.workload.metadata.name).map((hpa) => hpa.spec.maxReplicas));
      expect({ matcherCeiling, withinPartitions: matcherCeiling <= partitions }).toEqual({ matcherCeiling, withinPartitions: true });
      for (const hpa of autoscalers) {
        const target = deployed.find(({ workload }) => workload.kind === hpa.spec.scaleTargetRef.kind && workload.metadata.name === hpa.spec.scaleTargetRef.name);
        // The autoscaler owns the count: a replicas field would reset it at every apply.
        expect({ hpa: hpa.metadata.name, target: target?.service, replicasInManifest: target?.workload.spec.replicas }).toEqual({ hpa: hpa.metadata.name, target: hpa.metadata.name, replicasInManifest: undefined });
      }
    });
  });

  it('local: one replica of each service and no autoscaler', () => {
    expect(deployedOf('local').map(({ service, workload }) => [service, workload.spec.replicas ?? 1])).toEqual(expect.arrayContaining(Object.keys(services).map((service) => [service, 1])));
    expect(ofKind('local', 'HorizontalPodAutoscaler')).toEqual([]);
  });

  it('production: commits no secret, authenticates requests and Kafka, runs several matchers and scales the stateless services on CPU', () => {
    expect(ofKind('production', 'Secret').map((secret) => secret.metadata.name)).toEqual([]);
    for (const { service, env } of deployedOf('production')) {
      expect({ service, NODE_ENV: env.NODE_ENV, AUTH_MODE: env.AUTH_MODE, AUTH_ALLOW_INSECURE: env.AUTH_ALLOW_INSECURE, KAFKA_SSL: env.KAFKA_SSL, sasl: env.KAFKA_SASL_MECHANISM !== undefined }).toEqual({
        service,
        NODE_ENV: 'production',
        AUTH_MODE: 'jwt',
        AUTH_ALLOW_INSECURE: undefined,
        KAFKA_SSL: 'true',
        sasl: true,
      });
    }
    const matcher = deployedOf('production').find((entry) => entry.service === 'matcher')!;
    expect(matcher.workload.spec.replicas).toBeGreaterThan(1);
    const autoscaled = ofKind<Autoscaler>('production', 'HorizontalPodAutoscaler')
      .filter((hpa) => hpa.spec.metrics?.some((metric) => metric.type === 'Resource' && metric.resource?.name === 'cpu'))
      .map((hpa) => hpa.spec.scaleTargetRef.name)
      .sort();
    expect(autoscaled).toEqual(['candidates', 'notifier', 'postings']);
  });
});
