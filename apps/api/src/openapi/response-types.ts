/**
 * The answers the API describes in its OpenAPI document (`response-schemas.ts` generates their JSON Schemas from
 * here). Add a route's answer type here and reference it with `@ApiOkResponse({ schema: responseSchema('Name') })`.
 */
export type { ProgressReport } from '../progress/progress.types';
export type { Overview } from '../overview/overview.types';
export type { LineHistoryResponse, TransfersResponse } from '../audit/audit.types';
