import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { describe, expect, it } from 'vitest';
import { featureOf, graphqlChunkName, readIndex, rewriteCalls, VIRTUAL_PREFIX } from './graphqlDocuments';

const root = fileURLToPath(new URL('..', import.meta.url));
const generated = () =>
  readIndex(readFileSync(join(root, 'src/gql/gql.ts'), 'utf8'), readFileSync(join(root, 'src/gql/graphql.ts'), 'utf8'));

describe('graphql() calls become per-document imports', () => {
  it('knows every generated document by its source', () => {
    const index = generated();
    expect(index.bySource.size).toBeGreaterThan(50);
    for (const name of index.bySource.values()) expect(index.json.has(name), name).toBe(true);
  });

  it('imports only the document of each call, keeping the line count', () => {
    const index = generated();
    const [source, name] = [...index.bySource.entries()].find(([, n]) => n === 'ViewerDocument') ?? [];
    expect(name).toBe('ViewerDocument');
    const code = `import { graphql } from '../../gql';\nexport const Viewer = graphql(\`${source ?? ''}\`);\nexport const after = 1;\n`;
    const out = rewriteCalls(code, 'org', index) ?? '';
    expect(out).toContain(`from "${VIRTUAL_PREFIX}org/ViewerDocument"`);
    expect(out).not.toContain('graphql(');
    expect(out).not.toMatch(/from '\.\.\/\.\.\/gql'/);
    expect(out.split('\n').length).toBe(code.split('\n').length);
  });

  it('takes getFragmentData from the fragment helper, not the map of all documents', () => {
    const out = rewriteCalls("import { getFragmentData, graphql } from '../../../gql';\n", 'tasks', generated());
    expect(out).toBe("import { getFragmentData } from '../../../gql/fragment-masking';\n");
  });

  it('fails the build for a call codegen has not seen', () => {
    expect(() => rewriteCalls('const X = graphql(`query Nowhere { viewer { id } }`);', 'org', generated())).toThrow(
      /npm run codegen/,
    );
  });

  it('groups documents per feature', () => {
    expect(featureOf('/x/src/features/meetings/pages/A.tsx')).toBe('meetings');
    expect(featureOf('/x/src/app/App.tsx')).toBe('app');
    expect(graphqlChunkName(`\0${VIRTUAL_PREFIX}tasks/TaskDocument`)).toBe('graphql-tasks');
    expect(graphqlChunkName('/x/src/features/tasks/operations.ts')).toBeNull();
  });
});

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
}

describe('the production build', () => {
  it('loads the home page without the meetings and tasks documents', { timeout: 120_000 }, async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'ecabinet-build-'));
    try {
      await build({
        root,
        configFile: join(root, 'vite.config.ts'),
        logLevel: 'silent',
        build: { outDir, manifest: true, sourcemap: false, emptyOutDir: true },
      });
      const manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Partial<
        Record<string, ManifestChunk>
      >;
      // What index.html loads before anything is navigated to: the entry and its static imports.
      const first = new Set<string>();
      const visit = (key: string) => {
        const chunk = manifest[key];
        if (!chunk || first.has(chunk.file)) return;
        first.add(chunk.file);
        for (const k of chunk.imports ?? []) visit(k);
      };
      visit('index.html');
      const files = [...first];
      expect(files.some((f) => f.includes('graphql-org-'))).toBe(true);
      expect(files.filter((f) => /graphql-(meetings|tasks)-|[/]gql-/.test(f))).toEqual([]);
      const code = files.map((f) => readFileSync(join(outDir, f), 'utf8')).join('\n');
      // Operations of other domains are not in the first load, in any chunk.
      const hasOperation = (name: string) => new RegExp(`value:\\s*[\`"']${name}[\`"']`).test(code);
      expect(hasOperation('Viewer')).toBe(true);
      expect(hasOperation('CreateMeeting')).toBe(false);
      expect(hasOperation('ReportProgress')).toBe(false);
      const all = Object.values(manifest).map((c) => c?.file ?? '');
      expect(all.some((f) => f.includes('graphql-meetings-'))).toBe(true);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
