import type { LineHistory, LineHistoryEntry, TransferRecord } from '@app/domain';
import type { LineAttributes } from './audit.service';

/** `GET …/lines/{lineId}/history` (SPEC §13): amounts are 元 strings with two decimals. */
export interface LineHistoryResponse {
  departmentCode: string;
  fiscalYear: number;
  asOf: string | null;
  knownAt: string | null;
  /** The line's attributes and its figures after the last event listed. */
  line: LineAttributes & Omit<LineHistory, 'entries'>;
  events: LineHistoryEntry[];
}

/** `GET …/transfers` (SPEC §13). */
export interface TransfersResponse {
  departmentCode: string;
  fiscalYear: number;
  asOf: string | null;
  knownAt: string | null;
  transfers: TransferRecord[];
}
