import { writeFileSync } from 'node:fs';
import { generateResponseSchemas, RESPONSE_SCHEMAS_FILE } from '../apps/api/src/openapi/response-schemas';

/** `npm run openapi:schemas`: regenerates the answers' JSON Schemas from their TypeScript types (see response-schemas.ts). */
const schemas = generateResponseSchemas();
writeFileSync(RESPONSE_SCHEMAS_FILE, `${JSON.stringify(schemas, null, 2)}\n`);
console.log(`${Object.keys(schemas).length} schemas → ${RESPONSE_SCHEMAS_FILE}`);
