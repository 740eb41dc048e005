// `nx run contracts:generate` (or `node libs/contracts/scripts/generate.ts`): writes the JSON
// Schemas and the AsyncAPI document derived from the zod schemas into docs/contracts/, and removes
// generated files whose message type no longer exists. `--check` writes nothing and exits 1 when
// the committed files are stale.
//
// Node 24 runs this file as TypeScript. The library sources use extension-less relative imports
// (they are compiled for CommonJS elsewhere), so a resolve hook maps `./x` to `./x.ts` first.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { registerHooks } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const sources = pathToFileURL(join(here, '..', 'src')).href;

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier.startsWith('.') && context.parentURL?.startsWith(sources) && !/\.[cm]?[jt]s$/.test(specifier)) {
      for (const candidate of [`${specifier}.ts`, `${specifier}/index.ts`]) {
        try {
          return nextResolve(candidate, context);
        } catch {
          // try the next form
        }
      }
    }
    return nextResolve(specifier, context);
  },
  load(url, context, nextLoad) {
    // The repository's package.json has no "type": these sources are ES module syntax.
    return url.startsWith(sources) && url.endsWith('.ts') ? nextLoad(url, { ...context, format: 'module-typescript' }) : nextLoad(url, context);
  },
});

const { generateContracts, SCHEMAS_DIR, GENERATE_COMMAND } = await import('../src/generation/generate-contracts.ts');

const check = process.argv.includes('--check');
const files = generateContracts();
const wanted = new Set(files.map((file) => file.path));
const stale: string[] = [];

for (const file of files) {
  const target = join(root, file.path);
  let current: string | undefined;
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === file.content) continue;
  stale.push(file.path);
  if (!check) {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.content);
  }
}

for (const existing of listFiles(join(root, SCHEMAS_DIR))) {
  const path = relative(root, existing).split('\\').join('/');
  if (wanted.has(path)) continue;
  stale.push(`${path} (no longer generated)`);
  if (!check) rmSync(existing);
}

if (check) {
  if (stale.length > 0) {
    console.error(`contract files are stale, run ${GENERATE_COMMAND}:\n  ${stale.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`${files.length} contract files up to date`);
} else {
  console.log(`${files.length} contract files, ${stale.length} changed${stale.length > 0 ? `:\n  ${stale.join('\n  ')}` : ''}`);
}

function listFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => (entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)]));
}
