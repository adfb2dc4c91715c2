import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';
import ts from 'typescript';

/**
 * The JSON Schemas of the API's answers, generated from their TypeScript types (`response-types.ts`) by
 * ts-json-schema-generator, so the OpenAPI description cannot drift from what the code returns. They are written to
 * `response-schemas.generated.json` by `npm run openapi:schemas`; a unit test fails when that file is stale.
 */
export const RESPONSE_TYPES_FILE = join(__dirname, 'response-types.ts');
export const RESPONSE_SCHEMAS_FILE = join(__dirname, 'response-schemas.generated.json');

export type SchemaMap = Record<string, Record<string, unknown>>;

/** Every exported type of response-types.ts and what they use, as OpenAPI component schemas. */
export function generateResponseSchemas(): SchemaMap {
  const generator = createGenerator({
    path: RESPONSE_TYPES_FILE,
    tsconfig: join(__dirname, '../../../../tsconfig.json'),
    type: '*',
    expose: 'export',
    // Each exported type of the file becomes a definition of its own (with false only the types they use would).
    topRef: true,
    // The types' comments are English notes for developers; the document's words for users are the operations' (Chinese).
    jsDoc: 'none',
    skipTypeCheck: true,
    additionalProperties: false,
  });
  const definitions = (generator.createSchema('*').definitions ?? {}) as SchemaMap;
  // JSON pointers into OpenAPI's components instead of the draft-07 `definitions`.
  const text = JSON.stringify(definitions).replace(/#\/definitions\//g, '#/components/schemas/');
  const parsed = JSON.parse(text) as SchemaMap;
  // Only the answers and what they refer to (the generator also lists the types an answer extends, merged into it).
  const reachable = new Set<string>();
  const visit = (name: string) => {
    if (reachable.has(name) || !parsed[name]) return;
    reachable.add(name);
    for (const [, ref] of JSON.stringify(parsed[name]).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) visit(decodeURIComponent(ref));
  };
  exportedNames(RESPONSE_TYPES_FILE).forEach(visit);
  const sorted: SchemaMap = {};
  for (const name of [...reachable].sort()) sorted[name] = parsed[name];
  return sorted;
}

/** The names a file exports as types: `export interface X`, `export type X = …`, `export type { X }`. */
function exportedNames(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const names: string[] = [];
  const exported = (node: ts.Node) => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const statement of source.statements) {
    if ((ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) && exported(statement)) names.push(statement.name.text);
    if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) names.push(element.name.text);
    }
  }
  return names;
}
