import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * House rules of the SPA that a reviewer would otherwise have to remember (../shared/style.md,
 * rules 1, 8 and 11): the SPA asks the API what the viewer may do and uses the schema's
 * generated enum types, it never re-derives either.
 */
const src = fileURLToPath(new URL('../src', import.meta.url));

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'gql') out.push(...sources(path));
    } else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

/** The schema's enums as codegen writes them (`enumsAsTypes`): name → values. */
function generatedEnums(): Map<string, Set<string>> {
  const text = readFileSync(join(src, 'gql', 'graphql.ts'), 'utf8');
  const enums = new Map<string, Set<string>>();
  for (const m of text.matchAll(/^export type (\w+) =\n((?:\s+\| '[A-Z0-9_]+'\n?)+);/gm)) {
    const values = [...m[2].matchAll(/'([A-Z0-9_]+)'/g)].map((v) => v[1]);
    if (m[1]) enums.set(m[1], new Set(values));
  }
  return enums;
}

describe('the SPA uses the generated enum types', () => {
  it('finds the schema’s enums', () => {
    const enums = generatedEnums();
    expect(enums.get('MeetingStatus')).toContain('IN_PROGRESS');
    expect(enums.get('ParticipantRole')).toContain('CHAIR');
  });

  it('writes no union of an enum’s values by hand', () => {
    const enums = generatedEnums();
    const found: string[] = [];
    for (const file of sources(src)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/type (\w+)\s*=\s*((?:\|?\s*'[A-Z0-9_]+'\s*)+)[;\n]/g)) {
        const literals = [...m[2].matchAll(/'([A-Z0-9_]+)'/g)].map((v) => v[1]);
        for (const [name, values] of enums)
          if (literals.length >= 2 && literals.every((l) => values.has(l)))
            found.push(`${relative(src, file)}: type ${m[1]} is ${name}`);
      }
    }
    expect(found).toEqual([]);
  });
});

describe('the SPA asks the API what the viewer may do', () => {
  it('decides nothing from the viewer’s roles', () => {
    const found = sources(src)
      .filter((file) => /\broles\??\.(includes|some|indexOf|find)\(/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(src, file));
    expect(found).toEqual([]);
  });

  it('keeps no copy of the meeting lifecycle', () => {
    // Meeting.viewerNextStatuses says where a meeting may go next, for this viewer.
    const found = sources(src)
      .filter((file) => /'DRAFT'\s*:\s*\[|DRAFT:\s*\[\s*'SCHEDULED'/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(src, file));
    expect(found).toEqual([]);
  });
});

describe('every feature has the same layout', () => {
  const FOLDERS = new Set(['pages', 'components', 'hooks', 'lib', 'locales']);
  const features = join(src, 'features');

  it('keeps its files in pages/, components/, hooks/, lib/, locales/ beside routes.tsx and operations.ts', () => {
    const found: string[] = [];
    for (const feature of readdirSync(features)) {
      for (const name of readdirSync(join(features, feature))) {
        const path = join(features, feature, name);
        const ok = statSync(path).isDirectory()
          ? FOLDERS.has(name)
          : ['routes.tsx', 'operations.ts', `${feature}.css`].includes(name);
        if (!ok) found.push(`features/${feature}/${name}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('has a vi and an en catalogue wherever it has locales', () => {
    const missing = readdirSync(features).flatMap((feature) => {
      const dir = join(features, feature, 'locales');
      try {
        const files = readdirSync(dir);
        return ['vi.json', 'en.json'].filter((f) => !files.includes(f)).map((f) => `${feature}/locales/${f}`);
      } catch {
        return [];
      }
    });
    expect(missing).toEqual([]);
  });
});
