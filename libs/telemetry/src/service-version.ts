import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The version a service reports in its logs, traces (`service.version`) and metrics: `SERVICE_VERSION`
 * when the deployment sets it (an image tag, a commit), else the version of the repository's
 * package.json, found by walking up from the compiled code (`npm_package_version` only exists
 * under npm scripts).
 */
export function serviceVersion(env: NodeJS.ProcessEnv = process.env, from: string = __dirname): string {
  if (env.SERVICE_VERSION) return env.SERVICE_VERSION;
  for (let directory = from; ; directory = dirname(directory)) {
    const candidate = join(directory, 'package.json');
    if (existsSync(candidate)) {
      const manifest = JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string; version?: string; workspaces?: unknown };
      if (manifest.name === 'talent-match' && manifest.version) return manifest.version;
    }
    if (dirname(directory) === directory) return env.npm_package_version ?? 'unknown';
  }
}
