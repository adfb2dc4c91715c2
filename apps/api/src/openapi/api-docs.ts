import { CSV_CONTENT_TYPE } from '@app/documents';
import { DEPARTMENT_CODE_PATTERN } from '@app/domain';
import { applyDecorators } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { ApiExtension, ApiParam, ApiQuery, ApiResponse } from '@nestjs/swagger';
import { DECORATORS } from '@nestjs/swagger/dist/constants';
import type { Param, ReadQueryOptions } from '../core/read-query';
import { businessDate, instant } from '../core/read-query';
import generatedSchemas from './response-schemas.generated.json';

/**
 * The decorators that describe the routes in the OpenAPI document (SPEC §13), each built from what the route itself
 * declares — its `readQuery` spec, its answer's TypeScript type, its scope — so the description cannot drift from the
 * behaviour. The rules that follow from a route's path (401 on every secured route, 403 and `reflects` on department
 * reads…) are applied to the whole document in `openapi.ts`.
 */

/** The name of an answer type in response-types.ts (its schema in `components.schemas`). */
export type ResponseTypeName = keyof typeof generatedSchemas;

/** A reference to a generated schema. */
export function responseSchema(name: ResponseTypeName): { $ref: string } {
  return { $ref: `#/components/schemas/${name}` };
}

/** The operations' groups in the document, in this order, with what each holds. */
export const TAGS = {
  ingest: { name: '事件接入', description: '提交指标下达、支付、调整等事件（SPEC §2、§4），查询异步批次的处理结果（SPEC §13）。' },
  departments: { name: '部门与总览', description: '令牌可读的部门，财政局视角的各部门执行总览（SPEC §4、§12）。' },
  ledger: { name: '指标与支付', description: '指标余额、支付明细与被拒事件（SPEC §4）。' },
  progress: { name: '执行进度', description: '对照用款计划与序时进度的预算执行进度（SPEC §5）。' },
  performance: { name: '绩效', description: '绩效指标完成情况、绩效监控表、绩效自评表（SPEC §6、§12）。' },
  budget: { name: '部门预算', description: '由年初预算指标生成的部门预算公开表、项目支出绩效目标表与情况说明（SPEC §14）。' },
  finalAccounts: { name: '部门决算', description: '决算公开表、勾稽关系检查、情况说明的差异分析与决算草稿文档（SPEC §7–§9、§11）。' },
  audit: { name: '审计', description: '数字从何而来：单条指标的全部变动、调剂来龙去脉（SPEC §13）。' },
  admin: { name: '管理', description: '重建投影、令牌管理、演示数据、全部被拒消息（需 admin 权限）。' },
  system: { name: '系统', description: '健康检查与本 API 文档（公开，不含任何数据）。' },
} as const;

/** The content type of each `?format=` besides json. */
export const FORMAT_CONTENT_TYPES: Readonly<Record<string, string>> = {
  csv: CSV_CONTENT_TYPE,
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html; charset=utf-8',
};

const FORMAT_NAMES: Readonly<Record<string, string>> = {
  json: 'JSON（默认）',
  csv: 'CSV 文件（UTF-8 带 BOM，中文表头，金额为精确的元）',
  xlsx: 'Excel 工作簿',
  docx: 'Word 文档',
  html: '可打印的 HTML 页面',
};

const errorContent = { 'application/json': { schema: responseSchema('ApiErrorBody') } };

/** An error response with the `ApiErrorBody` schema. */
export function errorResponse(description: string): { description: string; content: typeof errorContent } {
  return { description, content: errorContent };
}

/** The errors a route gives besides the ones the document adds by rule (401, 403: see `openapi.ts`). */
export function ApiErrors(errors: Partial<Record<400 | 404 | 413 | 429 | 503, string>>): MethodDecorator {
  return applyDecorators(...Object.entries(errors).map(([status, description]) => ApiResponse({ status: Number(status), ...errorResponse(description) })));
}

/**
 * The answer of a route: its JSON schema (generated from the type in response-types.ts) and, for each other format
 * its query spec allows, that file's content type. `status` 200 unless given.
 */
export function ApiAnswer(
  name: ResponseTypeName,
  options: { description: string; status?: number; formats?: readonly string[] },
): MethodDecorator {
  const content: Record<string, object> = { 'application/json': { schema: responseSchema(name) } };
  for (const format of options.formats ?? []) content[FORMAT_CONTENT_TYPES[format]] = { schema: { type: 'string', format: 'binary' } };
  return ApiResponse({ status: options.status ?? 200, description: options.description, content });
}

/** The department-year of every department read: `{dept}` and `{year}` (an invalid year is 400). */
export function ApiDeptYear(): MethodDecorator {
  return applyDecorators(
    ApiParam({ name: 'dept', description: '部门编码（预算单位编码），如 434；令牌须有 read:<部门编码> 或 read:*', schema: { type: 'string', pattern: DEPARTMENT_CODE_PATTERN.source } }),
    ApiParam({ name: 'year', description: '预算年度，2000–2100 的四位数字', schema: { type: 'integer', minimum: 2000, maximum: 2100 } }),
  );
}

/** What every read's common parameters mean (their rules are read-query.ts's). */
const COMMON_DOCS = {
  asOf: '截至日期：只计 occurredOn 不晚于当日的事件（当日结束时的状态）；不填为全部事件（SPEC §4）',
  knownAt:
    '知悉时点：只计该时刻之前已写入事件库的事件，用以重现当时报出的报表（SPEC §13）；可与 asOf 同用。晚于当前时刻按当前时刻处理，应答的 reflects.knownAt 与 X-Known-At 写明实际时点',
} as const;

/** The JSON Schema of a query parameter, from its rule. */
function paramSchema(param: Param<unknown>, fallback: 'string' | 'integer' = 'string'): Record<string, unknown> {
  return { ...(param.schema ?? { type: fallback }), ...(param.allowed ? { enum: [...param.allowed] } : {}) };
}

/**
 * Describes a read route's query parameters from the very spec its `readQuery` validates with: `asOf` (unless the
 * spec turns it off), `knownAt` (kept on department reads only, see `openapi.ts`), `format` with the route's formats
 * and their content types, and the route's own parameters — `docs` must say what each means — with their type,
 * pattern, allowed values, whether required and the formats they apply to. A malformed or unknown parameter is 400.
 */
export function ApiReadQuery<P extends Record<string, Param<unknown>>, F extends string>(
  spec: ReadQueryOptions<P, F>,
  docs: { readonly [K in keyof P]-?: string },
): MethodDecorator {
  const formats = ['json', ...(spec.formats ?? [])];
  const decorators: MethodDecorator[] = [];
  if (spec.asOf !== false) decorators.push(ApiQuery({ name: 'asOf', required: false, description: COMMON_DOCS.asOf, schema: paramSchema(businessDate) }));
  decorators.push(ApiQuery({ name: 'knownAt', required: false, description: COMMON_DOCS.knownAt, schema: paramSchema(instant) }));
  decorators.push(
    ApiQuery({
      name: 'format',
      required: false,
      description: `应答格式——${formats.map((f) => `${f}：${FORMAT_NAMES[f] ?? f}${FORMAT_CONTENT_TYPES[f] ? `，${FORMAT_CONTENT_TYPES[f]}` : ''}`).join('；')}。不支持的格式为 400，从不悄悄返回 JSON`,
      schema: { type: 'string', enum: formats, default: 'json' },
    }),
  );
  for (const [name, param] of Object.entries(spec.params ?? {}) as [keyof P & string, Param<unknown>][]) {
    const onlyFor = spec.onlyFor?.[name];
    decorators.push(
      ApiQuery({
        name,
        required: spec.required?.includes(name) ?? false,
        description: `${docs[name]}。取值：${param.describe}${onlyFor ? `；仅用于 format=${onlyFor.join('、')}` : ''}`,
        schema: paramSchema(param),
      }),
    );
  }
  decorators.push(ApiResponse({ status: 400, ...errorResponse('查询参数错误（VALIDATION_FAILED）：未知、拼错、重复或格式不对的参数，不支持的 format；problems 逐个指出参数（path）及其可用值（allowed）') }));
  return applyDecorators(...decorators);
}

/**
 * `x-required-scope` of an operation (SPEC §4, §13). On a controller class it marks every route of the class that
 * does not say otherwise itself (swagger reads extensions per handler only).
 */
export function ApiRequiredScope(scope: string): ClassDecorator & MethodDecorator {
  const extension = ApiExtension('x-required-scope', scope);
  return ((target: object | Function, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (descriptor) return extension(target, key!, descriptor);
    const prototype = (target as Function).prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = Object.getOwnPropertyDescriptor(prototype, name)!;
      if (typeof handler.value !== 'function' || Reflect.getMetadata(PATH_METADATA, handler.value) === undefined) continue;
      if ((Reflect.getMetadata(DECORATORS.API_EXTENSION, handler.value) ?? {})['x-required-scope'] !== undefined) continue;
      extension(prototype, name, handler);
    }
  }) as ClassDecorator & MethodDecorator;
}

/** A public operation: `security: []` (no token needed), overriding the document's bearer requirement. */
export function ApiNoSecurity(): MethodDecorator {
  return (_target, _key, descriptor: PropertyDescriptor) => {
    const operation = Reflect.getMetadata(DECORATORS.API_OPERATION, descriptor.value) ?? {};
    Reflect.defineMetadata(DECORATORS.API_OPERATION, { ...operation, security: [] }, descriptor.value);
    return descriptor;
  };
}
