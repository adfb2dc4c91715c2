import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import generatedSchemas from './response-schemas.generated.json';

/** The name of an answer type in response-types.ts (its schema in `components.schemas`). */
export type ResponseTypeName = keyof typeof generatedSchemas;

/** A reference to an answer's generated schema, for `@ApiOkResponse({ schema: responseSchema('ProgressReport') })`. */
export function responseSchema(name: ResponseTypeName): { $ref: string } {
  return { $ref: `#/components/schemas/${name}` };
}

/**
 * The API's OpenAPI 3.1 description (SPEC §13), generated from the controllers and their @nestjs/swagger decorators:
 * served at `/v1/openapi.json` and, as Swagger UI, at `/docs` (both public: they describe, they hold no figures).
 *
 * @nestjs/swagger 7 (the line for NestJS 10) writes OpenAPI 3.0; `toOpenApi31` lifts it: the version string, and
 * `nullable: true` becomes a `"null"` member of `type` (3.1 is JSON Schema 2020-12, which has no `nullable`).
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('预算执行跟踪 API (budget execution tracker)')
    .setDescription(
      [
        '指标下达、支付、调整事件的接入，执行进度、绩效监控、部门决算等报表的读取 (SPEC §4, §13)。',
        '',
        '认证：`Authorization: Bearer <token>`。令牌的权限 (scope)：`ingest` 或 `ingest:<部门编码>`（提交事件）、',
        '`read:<部门编码>` 或 `read:*`（读取部门报表）、`admin`（重建、令牌管理）。每个操作的 `x-required-scope` 写明所需权限。',
        '',
        '错误一律为 `{ "error": CODE, "message": 文本, "problems"?: [...] }`：400 VALIDATION_FAILED、401 UNAUTHORIZED、',
        '403 FORBIDDEN、404 NOT_FOUND、413 PAYLOAD_TOO_LARGE、429 RATE_LIMITED、503 UNAVAILABLE。',
        '金额一律为以元为单位、两位小数的字符串（如 "1234.50"），从不是浮点数。',
      ].join('\n'),
    )
    .setVersion(process.env.npm_package_version ?? '0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: '访问令牌 (POST /v1/admin/tokens 或 BUDGET_ADMIN_TOKEN)' }, 'bearer')
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}` });
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...(generatedSchemas as Record<string, object>) } };
  return toOpenApi31(document);
}

/** Serves the description at `/v1/openapi.json` and Swagger UI at `/docs`; built once, on first request. */
export function mountOpenApi(app: INestApplication): void {
  let document: OpenAPIObject | undefined;
  SwaggerModule.setup('docs', app, () => (document ??= openApiDocument(app)), {
    jsonDocumentUrl: 'v1/openapi.json',
    yamlDocumentUrl: 'v1/openapi.yaml',
    customSiteTitle: '预算执行跟踪 API 文档',
    swaggerOptions: { persistAuthorization: true, docExpansion: 'list', defaultModelsExpandDepth: 0 },
  });
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
