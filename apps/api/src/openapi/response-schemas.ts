import { createGenerator } from 'ts-json-schema-generator';
import { join } from 'node:path';

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
    topRef: false,
    // The types' comments are English notes for developers; the document's words for users are the operations' (Chinese).
    jsDoc: 'none',
    skipTypeCheck: true,
    additionalProperties: false,
  });
  const definitions = (generator.createSchema('*').definitions ?? {}) as SchemaMap;
  // JSON pointers into OpenAPI's components instead of the draft-07 `definitions`.
  const text = JSON.stringify(definitions).replace(/#\/definitions\//g, '#/components/schemas/');
  const sorted: SchemaMap = {};
  const parsed = JSON.parse(text) as SchemaMap;
  for (const name of Object.keys(parsed).sort()) sorted[name] = parsed[name];
  return sorted;
}
