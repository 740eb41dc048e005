// Lets Node run the libraries' TypeScript sources directly: relative imports written without an
// extension or to a folder (as tsc and Jest expect) resolve to the `.ts` file or `index.ts`, and `.ts` files are
// transformed, not only stripped (libs/skills uses parameter properties, which stripping rejects).
import { readFileSync } from 'node:fs';
import { registerHooks, stripTypeScriptTypes } from 'node:module';
import { fileURLToPath } from 'node:url';

process.removeAllListeners('warning'); // stripTypeScriptTypes is flagged experimental

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      const relative = specifier.startsWith('./') || specifier.startsWith('../');
      const code = (error as { code?: string }).code;
      if (!relative || /\.[cm]?[jt]s$/.test(specifier)) throw error;
      if (code === 'ERR_UNSUPPORTED_DIR_IMPORT') return nextResolve(`${specifier}/index.ts`, context);
      if (code === 'ERR_MODULE_NOT_FOUND') return nextResolve(`${specifier}.ts`, context);
      throw error;
    }
  },
  load(url, context, nextLoad) {
    if (!url.startsWith('file:') || !url.endsWith('.ts') || url.includes('/node_modules/')) return nextLoad(url, context);
    const source = stripTypeScriptTypes(readFileSync(fileURLToPath(url), 'utf8'), { mode: 'transform', sourceUrl: url });
    return { format: 'module', source, shortCircuit: true };
  },
});
