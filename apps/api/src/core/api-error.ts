import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';

/**
 * One thing wrong with a request: `path` names the field or parameter; a batch's problems carry the event's `index` and
 * `eventId` (null when the body itself is wrong); a query parameter with a closed list of values its `allowed` ones.
 */
export interface ApiProblem {
  path: string;
  message: string;
  index?: number | null;
  eventId?: string | null;
  allowed?: readonly string[];
}

/** The error body of SPEC §4: `{ error: CODE, message, problems? }`. */
export interface ApiErrorBody {
  error: string;
  message: string;
  problems?: ApiProblem[];
}

export class ApiError extends HttpException {
  constructor(status: number, code: string, message: string, problems?: ApiProblem[]) {
    super({ error: code, message, ...(problems ? { problems } : {}) } satisfies ApiErrorBody, status);
  }
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'RATE_LIMITED',
};

@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = toErrorBody(exception);
    res.status(body.status).json(body.body);
  }
}

export function toErrorBody(exception: unknown): { status: number; body: ApiErrorBody } {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const response = exception.getResponse();
    if (exception instanceof ApiError) return { status, body: response as ApiErrorBody };
    return { status, body: { error: CODE_BY_STATUS[status] ?? `HTTP_${status}`, message: exception.message } };
  }
  // body-parser errors carry `type` and `status`.
  const e = exception as { type?: string; status?: number; message?: string };
  if (e?.type === 'entity.too.large') return { status: 413, body: { error: 'PAYLOAD_TOO_LARGE', message: '请求体超过 10 MiB (body over 10 MiB)' } };
  if (e?.type === 'entity.parse.failed' || e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') {
    return { status: 400, body: { error: 'VALIDATION_FAILED', message: `请求体不是有效的 JSON (invalid JSON body): ${e.message ?? ''}`, problems: [{ index: null, eventId: null, path: '', message: 'invalid JSON' }] } };
  }
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return { status: e.status, body: { error: CODE_BY_STATUS[e.status] ?? `HTTP_${e.status}`, message: e.message ?? 'bad request' } };
  }
  return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: { error: 'INTERNAL', message: '服务器内部错误 (internal error)' } };
}
