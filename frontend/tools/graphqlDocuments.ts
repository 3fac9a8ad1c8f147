import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';

/**
 * Per-document imports for the client preset's `graphql()` calls.
 *
 * Without help, every `graphql(`…`)` goes through `src/gql/gql.ts`, whose map holds every
 * document of every domain: one chunk (374 kB) preloaded by the home page, growing with each
 * domain. This plugin does what the preset's babel plugin does, for Vite/Rolldown: each call
 * becomes an import of that one document from a module of its own
 * (`virtual:graphql-document/<feature>/<Name>`), and `graphqlChunkName` groups those modules
 * into one `graphql-<feature>` chunk per feature, loaded with the feature's code (the build
 * output lists each with its size). The documents themselves are the generated ones
 * (`src/gql/graphql.ts`), so types and runtime never differ; a call codegen has not seen
 * fails the build with "run npm run codegen".
 *
 * See https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */

export const VIRTUAL_PREFIX = 'virtual:graphql-document/';
const RESOLVED_PREFIX = `\0${VIRTUAL_PREFIX}`;
const LOCAL_PREFIX = '__graphqlDocument_';

export interface DocumentIndex {
  /** The exact text of each `graphql()` call → the name of its generated document. */
  bySource: ReadonlyMap<string, string>;
  /** Generated document name → its DocumentNode as a JSON object literal. */
  json: ReadonlyMap<string, string>;
}

/** Reads the generated `gql.ts` (sources → names) and `graphql.ts` (names → documents). */
export function readIndex(gqlTs: string, graphqlTs: string): DocumentIndex {
  const bySource = new Map<string, string>();
  const start = gqlTs.indexOf('const documents: Documents = {');
  const end = gqlTs.indexOf('\n};', start);
  if (start >= 0 && end > start)
    for (const line of gqlTs.slice(start, end).split('\n')) {
      const m = /^\s*("(?:[^"\\]|\\.)*"): types\.(\w+),?$/.exec(line);
      if (m?.[1] && m[2]) bySource.set(JSON.parse(m[1]) as string, m[2]);
    }
  const json = new Map<string, string>();
  for (const m of graphqlTs.matchAll(/^export const (\w+) = (\{.*\}) as unknown as DocumentNode<.*>;$/gm))
    if (m[1] && m[2]) json.set(m[1], m[2]);
  return { bySource, json };
}

/** The feature a source file belongs to (`src/features/<feature>/…`), else `app`. */
export function featureOf(id: string): string {
  const m = /[\\/]src[\\/]features[\\/]([\w-]+)[\\/]/.exec(id);
  return m?.[1] ?? 'app';
}

const CALL = /\bgraphql\(\s*`([^`]*)`\s*\)/g;

/**
 * Replaces each `graphql(`…`)` call of a module with an import of its document, and imports
 * from `src/gql` that no longer need its map; null when nothing changes. Line breaks are kept, so source maps of the lines below stay right.
 */
export function rewriteCalls(code: string, feature: string, index: DocumentIndex): string | null {
  const names = new Set<string>();
  let rewritten = code.replace(CALL, (whole: string, source: string) => {
    if (source.includes('${') || source.includes('\\'))
      throw new Error(`graphql(): a document is a plain template literal (no \${…} or escapes): ${whole.slice(0, 80)}`);
    const name = index.bySource.get(source);
    if (!name || !index.json.has(name))
      throw new Error(
        `graphql(): no generated document for this call; run \`npm run codegen\`:${source.slice(0, 120)}`,
      );
    names.add(name);
    const breaks = '\n'.repeat(whole.split('\n').length - 1);
    return `(${LOCAL_PREFIX}${name}${breaks})`;
  });
  rewritten = rewritten.replace(GQL_IMPORT, dropGraphqlImport);
  if (rewritten === code) return null;
  if (names.size === 0) return rewritten;
  const imports = [...names]
    .map((n) => `import ${LOCAL_PREFIX}${n} from ${JSON.stringify(`${VIRTUAL_PREFIX}${feature}/${n}`)};`)
    .join(' ');
  return `${imports} ${rewritten}`;
}

const GQL_IMPORT = /import\s*\{([^}]*)\}\s*from\s*(['"])([^'"]*\/gql(?:\/index)?)\2;?/g;
const FRAGMENT_MASKING = new Set(['getFragmentData', 'makeFragmentData', 'isFragmentReady', 'useFragment']);

/**
 * `import { getFragmentData, graphql } from '…/gql'` without `graphql` (now unused), from
 * `…/gql/fragment-masking` when that is all it takes: `gql.ts` and its map of every document
 * then stay out of the bundle's module graph altogether.
 */
function dropGraphqlImport(whole: string, list: string, quote: string, from: string): string {
  const names = list
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  const kept = names.filter((n) => n !== 'graphql');
  const breaks = '\n'.repeat(whole.split('\n').length - 1);
  if (kept.length === 0) return breaks;
  const target = kept.every((n) => FRAGMENT_MASKING.has(n)) ? `${from.replace(/\/index$/, '')}/fragment-masking` : from;
  return `import { ${kept.join(', ')} } from ${quote}${target}${quote};${breaks}`;
}

/** The chunk of a document module (`graphql-<feature>`), or null for any other module. */
export function graphqlChunkName(id: string): string | null {
  const at = id.indexOf(RESOLVED_PREFIX);
  if (at < 0) return null;
  const feature = id.slice(at + RESOLVED_PREFIX.length).split('/')[0];
  return feature ? `graphql-${feature}` : null;
}

export function graphqlDocuments(options: { root: string }): Plugin {
  const srcDir = join(options.root, 'src');
  const gqlDir = join(srcDir, 'gql');
  const files = [join(gqlDir, 'gql.ts'), join(gqlDir, 'graphql.ts')] as const;
  let index: DocumentIndex | null = null;
  let stamp = '';
  const current = (): DocumentIndex => {
    const now = files.map((f) => String(statSync(f).mtimeMs)).join(':');
    if (!index || now !== stamp) {
      index = readIndex(readFileSync(files[0], 'utf8'), readFileSync(files[1], 'utf8'));
      stamp = now;
    }
    return index;
  };
  return {
    name: 'ecabinet-graphql-documents',
    enforce: 'pre',
    resolveId(source) {
      return source.startsWith(VIRTUAL_PREFIX) ? `\0${source}` : null;
    },
    load(id) {
      if (!id.startsWith(RESOLVED_PREFIX)) return null;
      const name = id.slice(RESOLVED_PREFIX.length).split('/')[1] ?? '';
      const json = current().json.get(name);
      if (json === undefined) throw new Error(`graphql(): no generated document ${name}; run \`npm run codegen\``);
      return `export default ${json};`;
    },
    transform(code, id) {
      if (!/\.[cm]?tsx?$/.test(id.split('?')[0] ?? '') || !id.startsWith(srcDir) || id.startsWith(gqlDir)) return null;
      for (const f of files) this.addWatchFile(f);
      const code2 = rewriteCalls(code, featureOf(id), current());
      return code2 === null ? null : { code: code2, map: null };
    },
  };
}
