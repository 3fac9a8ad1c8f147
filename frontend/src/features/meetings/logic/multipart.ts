/**
 * The GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec):
 * `operations` is the JSON request with null where each file goes, `map` says which form
 * field fills which variable path, then the files follow as numbered fields. urql's
 * fetchExchange does not send files, so uploads take this small path.
 */
export interface UploadFile {
  /** Dotted path of the variable the file fills, e.g. "variables.input.file". */
  path: string;
  file: Blob;
  name?: string;
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node: Record<string, unknown> = target;
  for (const [i, key] of path.entries()) {
    if (i === path.length - 1) {
      node[key] = value;
      return;
    }
    const next = node[key];
    if (typeof next !== 'object' || next === null) {
      const created: Record<string, unknown> = {};
      node[key] = created;
      node = created;
    } else node = next as Record<string, unknown>;
  }
}

export function buildMultipartBody(
  query: string,
  variables: Readonly<Record<string, unknown>>,
  files: readonly UploadFile[],
  operationName?: string,
): FormData {
  const operations: Record<string, unknown> = {
    query,
    variables: JSON.parse(JSON.stringify(variables)) as unknown,
    ...(operationName ? { operationName } : {}),
  };
  const map: Record<string, string[]> = {};
  files.forEach((f, i) => {
    const parts = f.path.split('.');
    if (parts[0] !== 'variables' || parts.length < 2)
      throw new Error(`upload path must start with "variables.": ${f.path}`);
    setPath(operations, parts, null);
    map[String(i)] = [f.path];
  });
  const body = new FormData();
  body.append('operations', JSON.stringify(operations));
  body.append('map', JSON.stringify(map));
  files.forEach((f, i) => {
    const name = f.name ?? (f.file instanceof File ? f.file.name : 'file');
    body.append(String(i), f.file, name);
  });
  return body;
}
