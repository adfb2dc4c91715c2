/**
 * The API client of the dashboard: every call carries the bearer token in the Authorization header (never in a URL),
 * errors become ApiFailure with the status and the API's error code (SPEC §4: `{ error, message }`).
 */
export class ApiFailure extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

export type Query = Record<string, string | number | null | undefined>;

function url(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== null && v !== undefined && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export class Api {
  constructor(private readonly token: string) {}

  private async request(path: string, query: Query | undefined, accept: string, method: 'GET' | 'POST' = 'GET'): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(url(path, query), {
        method,
        headers: { Authorization: `Bearer ${this.token}`, Accept: accept },
        cache: 'no-store',
        credentials: 'omit',
        referrerPolicy: 'no-referrer',
      });
    } catch {
      throw new ApiFailure(0, 'NETWORK', '无法连接服务器，请检查网络后重试');
    }
    if (!res.ok) {
      let code = `HTTP_${res.status}`;
      let message = res.statusText;
      try {
        const body = (await res.json()) as { error?: string; message?: string };
        code = body.error ?? code;
        message = body.message ?? message;
      } catch {
        // not JSON: keep the status text
      }
      throw new ApiFailure(res.status, code, message);
    }
    return res;
  }

  async get<T>(path: string, query?: Query): Promise<T> {
    return (await (await this.request(path, query, 'application/json')).json()) as T;
  }

  /** A POST without a body (an admin action such as loading the demo data). */
  async post<T>(path: string): Promise<T> {
    return (await (await this.request(path, undefined, 'application/json', 'POST')).json()) as T;
  }

  /** A document (xlsx, docx) fetched with the bearer header and saved through an object URL under `filename`. */
  async download(path: string, query: Query, filename: string): Promise<void> {
    const blob = await (await this.request(path, query, '*/*')).blob();
    const href = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = href;
    a.download = filename;
    a.rel = 'noopener';
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(href), 60_000);
  }
}

/** Path of a department-year read (SPEC §4), the codes encoded. */
export function deptPath(dept: string, year: number, read: string): string {
  return `/v1/departments/${encodeURIComponent(dept)}/years/${year}/${read}`;
}
