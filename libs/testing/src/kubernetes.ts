import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The workspace root: libs/testing/src is three levels below it. */
const workspaceRoot = join(__dirname, '..', '..', '..');

/** What a rendered manifest has in common (the rest is read by the test that needs it). */
export interface KubernetesObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

function onPath(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Makes sure `kubectl` (with its built-in kustomize) is installed, installing the `kubectl` package
 * with apt-get if needed. Throws, with the reason, when it cannot be installed: a test needing it
 * fails rather than being skipped.
 */
export function ensureKubectlInstalled(): void {
  if (onPath('kubectl')) return;
  const install = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'kubectl'], {
    encoding: 'utf8',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    timeout: 300_000,
  });
  if (install.error || install.status !== 0 || !onPath('kubectl')) {
    const reason = install.error?.message ?? `${install.stderr ?? ''}`.trim().split('\n').slice(-3).join(' | ');
    throw new Error(
      `kubectl is needed by this test and could not be installed (apt-get install -y kubectl: ${reason || `exit ${install.status}`}). ` +
        'Install kubectl (1.27 or later: it has kustomize built in).',
    );
  }
}

function collect(command: string, args: readonly string[], input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: workspaceRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** `kubectl kustomize <directory>`: the objects a `kubectl apply -k` of it would send. */
export async function kustomizeBuild(directory: string): Promise<KubernetesObject[]> {
  ensureKubectlInstalled();
  const result = await collect('kubectl', ['kustomize', directory], '');
  if (result.code !== 0) throw new Error(`kubectl kustomize ${directory} failed (${result.code}): ${result.stderr.trim()}`);
  const documents = parseAllDocuments(result.stdout);
  if (!Array.isArray(documents)) throw new Error(`kubectl kustomize ${directory}: no documents`);
  return documents.map((document) => {
    if (document.errors.length > 0) throw new Error(`kubectl kustomize ${directory}: ${document.errors[0]?.message}`);
    return document.toJSON() as KubernetesObject;
  });
}

/**
 * kustomize wraps long base64 values (a Secret's `data`, a ConfigMap's `binaryData`) over several
 * lines. The API server reads them as they are (Go's base64 decoder skips line breaks); the schemas'
 * `byte` format does not, so the line breaks are taken out before the check.
 */
function withUnwrappedBase64(object: KubernetesObject): KubernetesObject {
  const unwrap = (values: unknown) =>
    values && typeof values === 'object'
      ? Object.fromEntries(Object.entries(values).map(([key, value]) => [key, typeof value === 'string' ? value.replace(/[\r\n]/g, '') : value]))
      : values;
  if (object.apiVersion !== 'v1') return object;
  if (object.kind === 'Secret' && object.data !== undefined) return { ...object, data: unwrap(object.data) };
  if (object.kind === 'ConfigMap' && object.binaryData !== undefined) return { ...object, binaryData: unwrap(object.binaryData) };
  return object;
}

/**
 * Checks each object against the JSON schema of its kind in the Kubernetes API (the
 * `kubernetes-models` package: required fields, types, enums, formats; unknown fields are not
 * refused by these schemas). The package is ECMAScript modules only, so it runs in a Node.js child
 * process rather than in the test's CommonJS runtime. Answers one problem per line, none when all
 * are valid; an apiVersion or kind it has no schema for is a problem too.
 */
export async function validateKubernetesObjects(objects: readonly KubernetesObject[]): Promise<string[]> {
  const script = `
    const chunks = [];
    for await (const chunk of process.stdin) chunks.push(chunk);
    const objects = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    const problems = [];
    for (const object of objects) {
      const where = object.kind + '/' + (object.metadata && object.metadata.name);
      let models;
      try {
        models = await import('kubernetes-models/' + object.apiVersion);
      } catch (error) {
        problems.push(where + ': no schema for apiVersion ' + object.apiVersion + ' (' + error.message + ')');
        continue;
      }
      const Model = models[object.kind];
      if (typeof Model !== 'function' || Model.kind !== object.kind || Model.apiVersion !== object.apiVersion) {
        problems.push(where + ': no schema for ' + object.apiVersion + ' ' + object.kind);
        continue;
      }
      try {
        new Model(object).validate();
      } catch (error) {
        problems.push(where + ': ' + error.message);
      }
    }
    process.stdout.write(JSON.stringify(problems));
  `;
  const result = await collect(process.execPath, ['--input-type=module', '--eval', script], JSON.stringify(objects.map(withUnwrappedBase64)));
  if (result.code !== 0) throw new Error(`validating the objects failed (${result.code}): ${result.stderr.trim()}`);
  return JSON.parse(result.stdout) as string[];
}
