import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject, PathItemObject, ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { SCOPE_DOCS } from '../auth/auth.guard';
import { errorResponse, TAGS } from './api-docs';
import generatedSchemas from './response-schemas.generated.json';

/** Where the description and Swagger UI are served (public: they describe, they hold no figures). */
export const OPENAPI_JSON_PATH = '/v1/openapi.json';
export const OPENAPI_YAML_PATH = '/v1/openapi.yaml';
export const DOCS_PATH = '/docs';

/**
 * The API's OpenAPI 3.1 description (SPEC §13), generated from the controllers and their @nestjs/swagger decorators
 * (`api-docs.ts`): served at `/v1/openapi.json` and, as Swagger UI, at `/docs`.
 *
 * @nestjs/swagger 7 (the line for NestJS 10) writes OpenAPI 3.0; `toOpenApi31` lifts it: the version string, and
 * `nullable: true` becomes a `"null"` member of `type` (3.1 is JSON Schema 2020-12, which has no `nullable`).
 * `applyRouteRules` then adds what follows from a route's path and scope rather than from one handler (the rules of
 * `AuthGuard` and the read scope it enters).
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const builder = new DocumentBuilder()
    .setTitle('预算执行跟踪 API (budget execution tracker)')
    .setDescription(
      [
        '指标下达、支付、调整事件的接入，执行进度、绩效监控、部门决算等报表的读取 (SPEC §4, §13)。',
        '',
        '认证：`Authorization: Bearer <token>`。令牌的权限 (scope)：`ingest` 或 `ingest:<部门编码>`（提交事件）、',
        '`read:<部门编码>` 或 `read:*`（读取部门报表）、`admin`（重建、令牌管理）。每个操作的 `x-required-scope` 写明所需权限。',
        '',
        '错误一律为 `{ "error": CODE, "message": 文本, "problems"?: [...] }`（ApiErrorBody）：400 VALIDATION_FAILED、401 UNAUTHORIZED、',
        '403 FORBIDDEN、404 NOT_FOUND、413 PAYLOAD_TOO_LARGE、429 RATE_LIMITED、503 UNAVAILABLE。',
        '金额一律为以元为单位、两位小数的字符串（如 "1234.50"），从不是浮点数。',
        '',
        '部门读取（`/v1/departments/{dept}/years/{year}/…`）的 JSON 应答都以 `reflects` 结尾，并带响应头 `X-Ledger-Position`',
        '（及 knownAt 读取时的 `X-Known-At`）：应答所反映的该部门事件库位置与知悉时点。',
      ].join('\n'),
    )
    .setVersion(process.env.npm_package_version ?? '0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'bt_…', description: '访问令牌 (POST /v1/admin/tokens 或 BUDGET_ADMIN_TOKEN)' }, 'bearer')
    .addSecurityRequirements('bearer');
  for (const tag of Object.values(TAGS)) builder.addTag(tag.name, tag.description);
  const document = SwaggerModule.createDocument(app, builder.build(), {
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
  });
  document.paths = { ...document.paths, ...documentationPaths() };
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...(generatedSchemas as Record<string, object>) } };
  applyRouteRules(document);
  return toOpenApi31(document);
}

/** Serves the description at `/v1/openapi.json` (and YAML) and Swagger UI at `/docs`; built once, on first request. */
export function mountOpenApi(app: INestApplication): void {
  let document: OpenAPIObject | undefined;
  SwaggerModule.setup(DOCS_PATH.slice(1), app, () => (document ??= openApiDocument(app)), {
    jsonDocumentUrl: OPENAPI_JSON_PATH.slice(1),
    yamlDocumentUrl: OPENAPI_YAML_PATH.slice(1),
    customSiteTitle: '预算执行跟踪 API 文档',
    // showExtensions: an expanded operation lists its x-required-scope.
    swaggerOptions: { persistAuthorization: true, docExpansion: 'list', defaultModelsExpandDepth: 0, showExtensions: true },
  });
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** What "no token needed" says in `x-required-scope`. */
export const PUBLIC_SCOPE = '无需令牌（公开）';
/** Routes that need a token but no particular scope (each narrows its answer to what the token may see). */
export const ANY_TOKEN_SCOPE = '任一有效令牌';

const POSITION_HEADERS = {
  'X-Ledger-Position': { description: '应答所反映的该部门事件库位置（与 reflects.position 相同）', schema: { type: 'integer' } },
  'X-Known-At': { description: 'knownAt 读取时：应答所反映的知悉时点（RFC 3339，与 reflects.knownAt 相同）；非 knownAt 读取无此头', schema: { type: 'string', format: 'date-time' } },
};

/**
 * The parts of the description that follow from a route's path and scope (AuthGuard and the read scope it enters):
 * - public operations (`@Public`, `security: []`) say so in `x-required-scope`;
 * - every secured operation can answer 401; department reads (`{dept}`) need `read:<dept>` or `read:*` and answer 403
 *   outside it, as do `ingest` and `admin` routes for a token without that scope;
 * - `knownAt` applies to department reads only (elsewhere it is a 400), and their answers carry X-Ledger-Position and
 *   X-Known-At (the JSON's `reflects` is in each answer's type, response-types.ts).
 */
export function applyRouteRules(document: OpenAPIObject): void {
  const scoped = new Set<string>([SCOPE_DOCS.ingest, SCOPE_DOCS.admin]);
  for (const [path, item] of Object.entries(document.paths) as [string, PathItemObject][]) {
    const dept = path.includes('{dept}');
    for (const method of METHODS) {
      const operation = item[method] as (OperationObject & Record<string, unknown>) | undefined;
      if (!operation) continue;
      if (!dept && operation.parameters) operation.parameters = operation.parameters.filter((p) => !('in' in p && p.in === 'query' && p.name === 'knownAt'));
      if (Array.isArray(operation.security) && operation.security.length === 0) {
        operation['x-required-scope'] ??= PUBLIC_SCOPE;
        continue;
      }
      operation['x-required-scope'] ??= dept ? SCOPE_DOCS.read : ANY_TOKEN_SCOPE;
      const responses = operation.responses as Record<string, ResponseObject>;
      responses['401'] ??= errorResponse('缺少或无效的访问令牌（UNAUTHORIZED）');
      const scope = operation['x-required-scope'] as string;
      if (dept) responses['403'] ??= errorResponse('令牌无权读取该部门（FORBIDDEN）：应答不含该部门的任何数据');
      else if (scoped.has(scope)) responses['403'] ??= errorResponse(`令牌没有 ${scope} 权限（FORBIDDEN）`);
      if (dept && method === 'get') {
        for (const [status, response] of Object.entries(responses)) if (status.startsWith('2')) response.headers = { ...response.headers, ...POSITION_HEADERS };
      }
    }
  }
}

/** The description itself and Swagger UI, which SwaggerModule serves outside any controller. */
function documentationPaths(): Record<string, PathItemObject> {
  const system = [TAGS.system.name];
  const anyObject = { type: 'object' as const };
  return {
    [OPENAPI_JSON_PATH]: {
      get: {
        tags: system,
        operationId: 'OpenApi_json',
        summary: '本 API 的 OpenAPI 3.1 描述（JSON）',
        description: '由代码（控制器、查询参数规则与应答的 TypeScript 类型）生成的 OpenAPI 3.1 文档，即本文档（SPEC §13）。',
        security: [],
        responses: { 200: { description: 'OpenAPI 3.1 文档', content: { 'application/json': { schema: anyObject } } } },
      },
    },
    [OPENAPI_YAML_PATH]: {
      get: {
        tags: system,
        operationId: 'OpenApi_yaml',
        summary: '本 API 的 OpenAPI 3.1 描述（YAML）',
        description: '与 /v1/openapi.json 相同的文档，YAML 格式。',
        security: [],
        responses: { 200: { description: 'OpenAPI 3.1 文档（YAML）', content: { 'text/yaml': { schema: { type: 'string' } } } } },
      },
    },
    [DOCS_PATH]: {
      get: {
        tags: system,
        operationId: 'OpenApi_docs',
        summary: 'API 文档页面（Swagger UI）',
        description: '在浏览器中浏览并试用本 API：右上角 Authorize 填入访问令牌。页面本身不含任何数据。',
        security: [],
        responses: { 200: { description: 'Swagger UI 页面', content: { 'text/html': { schema: { type: 'string' } } } } },
      },
    },
  };
}

/** OpenAPI 3.0 → 3.1 (see `openApiDocument`). */
export function toOpenApi31(document: OpenAPIObject): OpenAPIObject {
  const lift = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(lift);
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) if (key !== 'nullable') out[key] = lift(value);
    const nullable = (node as { nullable?: unknown }).nullable === true;
    if (nullable) {
      const type = out.type;
      if (typeof type === 'string') out.type = [type, 'null'];
      else if (Array.isArray(type) && !type.includes('null')) out.type = [...type, 'null'];
      else if (out.$ref || out.allOf || out.oneOf || out.anyOf) return { anyOf: [out, { type: 'null' }] };
    }
    return out;
  };
  return { ...(lift(document) as OpenAPIObject), openapi: '3.1.0' };
}
