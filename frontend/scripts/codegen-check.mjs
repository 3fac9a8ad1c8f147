#!/usr/bin/env node
// Regenerates src/gql/ into a temporary folder and fails when it differs from the committed
// copy, so a changed schema or operation without `npm run codegen` is caught in CI.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const committed = join(root, 'src', 'gql');
const tmp = mkdtempSync(join(tmpdir(), 'ecabinet-codegen-'));

function listFiles(dir) {
  const files = [];
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return files;
  }
  for (const name of entries) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...listFiles(path));
    else files.push(relative(dir, path));
  }
  return files.sort();
}

try {
  const bin = join(root, 'node_modules', '.bin', 'graphql-codegen');
  const run = spawnSync(bin, ['--config', 'codegen.ts', '--silent'], {
    cwd: root,
    env: { ...process.env, CODEGEN_OUT: `${tmp}/` },
    stdio: 'inherit',
  });
  if (run.status !== 0) {
    console.error('codegen:check: graphql-codegen failed');
    process.exit(run.status ?? 1);
  }
  const want = listFiles(tmp);
  const have = listFiles(committed);
  const problems = [];
  for (const f of want) {
    if (!have.includes(f)) problems.push(`missing: src/gql/${f}`);
    else if (readFileSync(join(tmp, f), 'utf8') !== readFileSync(join(committed, f), 'utf8'))
      problems.push(`out of date: src/gql/${f}`);
  }
  for (const f of have) if (!want.includes(f)) problems.push(`not generated any more: src/gql/${f}`);
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    console.error('codegen:check: src/gql/ differs from the schema and operations; run `npm run codegen`.');
    process.exit(1);
  }
  console.log(`codegen:check: src/gql/ is up to date (${want.length} files)`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
