import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root: the nearest directory upwards holding nx.json. */
export function repoRoot(from: string = process.cwd()): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'nx.json')) && existsSync(join(dir, 'package.json'))) {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'talent-match') return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`not inside the repository: ${from}`);
    dir = parent;
  }
}
