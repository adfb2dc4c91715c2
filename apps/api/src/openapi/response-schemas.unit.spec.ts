import { readFileSync } from 'node:fs';
import { generateResponseSchemas, RESPONSE_SCHEMAS_FILE } from './response-schemas';

/**
 * The answers' JSON Schemas in the OpenAPI document are generated from their TypeScript types; the committed file
 * must be what generating them gives now, or the document describes shapes the code no longer returns.
 */
describe('response schemas', () => {
  it('are what the answer types generate (npm run openapi:schemas)', () => {
    const committed = JSON.parse(readFileSync(RESPONSE_SCHEMAS_FILE, 'utf8')) as unknown;
    const generated = generateResponseSchemas();
    const stale = JSON.stringify(generated) !== JSON.stringify(committed);
    if (stale) throw new Error(`${RESPONSE_SCHEMAS_FILE} is stale: an answer type changed. Run npm run openapi:schemas and commit the result.`);
    expect(Object.keys(generated)).toContain('ApiErrorBody');
  }, 60_000);
});
