/** What the API appends to the log: the event JSON keyed by departmentCode (SPEC §3). */
export interface OutboundMessage {
  key: string;
  value: string;
  requestId?: string;
  requestIndex?: number;
}

/** The producing side of a transport: durable once `append` resolves (Kafka acks=all, or a committed row). */
export interface EventLogWriter {
  readonly kind: 'kafka' | 'embedded';
  append(messages: readonly OutboundMessage[]): Promise<void>;
  status(): Promise<{ ok: boolean; detail?: string }>;
  close(): Promise<void>;
}

/** The consuming side: feeds the ledger batch processor until stopped. */
export interface LedgerConsumer {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Messages in the log not yet passed by the ledger's checkpoints (null when unknown). */
  lag(): Promise<number | null>;
}

export const REQUEST_ID_HEADER = 'x-request-id';
export const REQUEST_INDEX_HEADER = 'x-request-index';
