import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository's root, found from this file upwards (the directory with nx.json), so that paths
 * hold whether this runs from the sources (Jest) or compiled under dist/ (the soak).
 */
export function repoRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no repository root (nx.json) above ${__dirname}`);
  }
}
