/**
 * The JSON answers of the ledger reads (SPEC §4): amounts are 元 strings with two decimals. Plain types (the line and
 * payment views from libs/domain by path), so the dashboard (apps/web) reads the same shapes the API writes.
 */
import type { LineBalance, PaymentRecord } from '../../../../libs/domain/src/ledger/line-views';

export type { LineBalance, PaymentRecord } from '../../../../libs/domain/src/ledger/line-views';

export interface PaymentList {
  /** Over every payment matching the filter, not only the ones listed (`limit`). */
  total: { count: number; amount: string; reversed: string; net: string };
  payments: PaymentRecord[];
}

/** A department the token may read, with the fiscal years it has events of (`GET /v1/departments`). */
export interface DepartmentSummary {
  code: string;
  name: string | null;
  fiscalYears: number[];
}

export interface DepartmentsResponse {
  departments: DepartmentSummary[];
}

/** `GET …/lines`. */
export interface LinesResponse {
  departmentCode: string;
  fiscalYear: number;
  asOf: string | null;
  lines: LineBalance[];
}

/** `GET …/payments`. */
export interface PaymentsResponse extends PaymentList {
  departmentCode: string;
  fiscalYear: number;
  asOf: string | null;
}

/** A rejected event (SPEC §2): `event` is the payload as received, `problems` the validator's when it was malformed. */
export interface RejectionRecord {
  eventId: string | null;
  type: string | null;
  code: string;
  message: string;
  problems?: unknown;
  rejectedAt: string;
  event: unknown;
}

/** The operator's view (`GET /v1/admin/rejections`): every source, undecodable messages (`raw`) included. */
export interface AdminRejectionRecord extends RejectionRecord {
  departmentCode: string | null;
  fiscalYear: number | null;
  raw: string | null;
  source: { stream: string | null; partition: number | null; offset: string | null };
}

/** `GET …/rejections`. */
export interface RejectionsResponse {
  departmentCode: string;
  fiscalYear: number;
  rejections: RejectionRecord[];
}

/** `GET /v1/admin/rejections`. */
export interface AdminRejectionsResponse {
  rejections: AdminRejectionRecord[];
}
