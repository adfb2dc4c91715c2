/** Stable rejection codes (SPEC §2, order of checks in SPEC §10). */
export const REJECTION_CODES = [
  'VALIDATION_FAILED',
  'UNKNOWN_LINE',
  'LINE_ATTRIBUTE_CONFLICT',
  'INSUFFICIENT_BALANCE',
  'REVERSAL_EXCEEDS_PAYMENT',
  'UNKNOWN_PAYMENT',
  'EVENT_ID_CONFLICT',
  'YEAR_CLOSED',
  'UNKNOWN_INDICATOR',
  'INVALID_SCORE',
  'FORBIDDEN',
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

export interface Rejection {
  code: RejectionCode;
  message: string;
}
