import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { metricsRegistry } from '@talent/observability';
import { composePublishedPorts, ensurePrometheusInstalled, promtool } from '@talent/testing';

const prometheusDir = join(__dirname, 'prometheus');
const grafanaDir = join(__dirname, 'grafana');

interface RuleFile {
  groups: Array<{ name: string; rules: Array<{ record?: string; alert?: string; expr: string; annotations?: Record<string, string> }> }>;
}

/** Every series name the services expose (histograms with their suffixes) and the recording rules. */
function knownSeries(rules: RuleFile): Set<string> {
  const names = new Set<string>(['up']);
  for (const metric of metricsRegistry.getMetricsAsArray()) {
    const { name, type } = metric as unknown as { name: string; type: string };
    names.add(name);
    if (type === 'histogram') for (const suffix of ['_bucket', '_count', '_sum']) names.add(`${name}${suffix}`);
  }
  for (const group of rules.groups) for (const rule of group.rules) if (rule.record) names.add(rule.record);
  return names;
}

/** Series names an expression selects: identifiers followed by `{`, `[`, or standing alone before an operator. */
function seriesIn(expression: string): string[] {
  const withoutStrings = expression.replace(/"[^"]*"/g, '""');
  const withoutGrouping = withoutStrings.replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '');
  const functions = new Set(['sum', 'rate', 'increase', 'max', 'min', 'count', 'histogram_quantile', 'label_replace', 'vector', 'and', 'or', 'unless', 'avg']);
  return [...withoutGrouping.matchAll(/\b([a-z_:][a-z0-9_:]*)\b\s*(?=[{[)\s]|$)/g)]
    .map((match) => match[1] ?? '')
    .filter((name) => (name.includes('_') || name === 'up') && !functions.has(name) && !/^\$__/.test(name) && !name.startsWith('__'));
}

describe('infra/: Prometheus configuration, alert rules and the Grafana dashboard', () => {
  beforeAll(() => {
    ensurePrometheusInstalled();
  });

  it('promtool accepts the Prometheus configuration', async () => {
    const result = await promtool(['check', 'config', join(prometheusDir, 'prometheus.yml')]);
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain('SUCCESS');
  });

  it('promtool check rules accepts the alert rules', async () => {
    const result = await promtool(['check', 'rules', join(prometheusDir, 'alerts.yml')]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/SUCCESS: \d+ rules found/);
  });

  it('promtool test rules passes the alert unit tests', async () => {
    const result = await promtool(['test', 'rules', join(prometheusDir, 'alerts.test.yml')]);
    expect({ code: result.code, output: result.stdout + result.stderr }).toEqual({ code: 0, output: expect.stringContaining('SUCCESS') });
  });

  it('every alert links its runbook section and has a unit test', () => {
    const rules = parse(readFileSync(join(prometheusDir, 'alerts.yml'), 'utf8')) as RuleFile;
    const tests = readFileSync(join(prometheusDir, 'alerts.test.yml'), 'utf8');
    const headings = readFileSync(join(__dirname, '..', 'docs', 'runbook.md'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('### '));
    const alerts = rules.groups.flatMap((group) => group.rules.filter((rule) => rule.alert));
    expect(alerts.length).toBeGreaterThanOrEqual(8);
    for (const alert of alerts) {
      expect({ alert: alert.alert, tested: tests.includes(`alertname: ${alert.alert}`) }).toEqual({ alert: alert.alert, tested: true });
      // GitHub's anchor of a heading: lower case, spaces to hyphens, punctuation dropped.
      const heading = headings.find((line) => line.split(/[ /]+/).includes(alert.alert ?? ''));
      const anchor = heading?.slice(4).toLowerCase().replace(/[^\w\s-]/g, '').replace(/\s/g, '-');
      expect({ alert: alert.alert, runbook: alert.annotations?.runbook }).toEqual({ alert: alert.alert, runbook: `docs/runbook.md#${anchor}` });
    }
  });

  it('alert rules and dashboard panels query only series the services expose', () => {
    const rules = parse(readFileSync(join(prometheusDir, 'alerts.yml'), 'utf8')) as RuleFile;
    const known = knownSeries(rules);
    const dashboard = JSON.parse(readFileSync(join(grafanaDir, 'dashboards', 'flow.json'), 'utf8')) as {
      uid: string;
      panels: Array<{ title: string; targets?: Array<{ expr: string }> }>;
    };
    const expressions = [
      ...rules.groups.flatMap((group) => group.rules.map((rule) => ({ where: rule.alert ?? rule.record, expr: rule.expr }))),
      ...dashboard.panels.flatMap((panel) => (panel.targets ?? []).map((target) => ({ where: panel.title, expr: target.expr }))),
    ];
    expect(expressions.length).toBeGreaterThan(25);
    const unknown = expressions.flatMap(({ where, expr }) => seriesIn(expr).filter((name) => !known.has(name)).map((name) => `${where}: ${name}`));
    expect(unknown).toEqual([]);
    expect(dashboard.uid).toBe('talent-match-flow');
  });

  it('Grafana provisioning points at the Prometheus and Jaeger services and the dashboards folder', () => {
    const datasources = parse(readFileSync(join(grafanaDir, 'provisioning', 'datasources', 'datasources.yml'), 'utf8')) as {
      datasources: Array<{ uid: string; url: string }>;
    };
    expect(datasources.datasources).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ uid: 'prometheus', url: 'http://prometheus:9090' }),
        expect.objectContaining({ uid: 'jaeger', url: 'http://jaeger:16686' }),
      ]),
    );
    const providers = parse(readFileSync(join(grafanaDir, 'provisioning', 'dashboards', 'dashboards.yml'), 'utf8')) as {
      providers: Array<{ options: { path: string } }>;
    };
    expect(providers.providers[0]?.options.path).toBe('/var/lib/grafana/dashboards');
  });

  it('docker-compose runs Prometheus and Grafana with this configuration', () => {
    const compose = parse(readFileSync(join(__dirname, '..', 'docker-compose.yml'), 'utf8'), { merge: true }) as {
      services: Record<string, { volumes?: string[] }>;
    };
    expect(compose.services.prometheus?.volumes).toContain('./infra/prometheus:/etc/prometheus:ro');
    expect(compose.services.grafana?.volumes).toEqual(
      expect.arrayContaining(['./infra/grafana/provisioning:/etc/grafana/provisioning:ro', './infra/grafana/dashboards:/var/lib/grafana/dashboards:ro']),
    );
    const prometheusConfig = parse(readFileSync(join(prometheusDir, 'prometheus.yml'), 'utf8')) as { scrape_configs: Array<{ job_name: string }> };
    for (const job of prometheusConfig.scrape_configs) expect(Object.keys(compose.services)).toContain(job.job_name);
  });

  it('docker-compose publishes every port on 127.0.0.1 only', () => {
    const published = Object.entries(composePublishedPorts()).flatMap(([service, ports]) => ports.map((port) => `${service} ${port}`));
    expect(published.length).toBeGreaterThanOrEqual(10);
    expect(published.filter((entry) => !/ 127\.0\.0\.1:\d+:\d+$/.test(entry))).toEqual([]);
  });
});
