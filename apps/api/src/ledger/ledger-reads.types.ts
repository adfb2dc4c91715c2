/**
 * The JSON answers of the ledger reads (SPEC §4): amounts are 元 strings with two decimals. Plain types with no import,
 * so the dashboard (apps/web) reads the same shapes the API writes.
 */
export interface LineBalance {
  lineId: string;
  unitCode: string;
  functionCode: string;
  economicCode: string | null;
  fundSource: string;
  expenditureKind: string;
  projectCode: string | null;
  projectName: string | null;
  budget: string;
  paid: string;
  available: string;
  overspent: boolean;
}

/** One 支付 (PaymentMade) with what was reversed (PaymentReversed) of it, as of the read's date. */
export interface PaymentRecord {
  eventId: string;
  occurredOn: string;
  lineId: string;
  projectCode: string | null;
  projectName: string | null;
  unitCode: string;
  functionCode: string;
  economicCode: string;
  economicName: string | null;
  payee: string | null;
  method: string | null;
  amount: string;
  reversed: string;
  net: string;
}

export interface PaymentList {
  /** Over every payment matching the filter, not only the ones listed (`limit`). */
  total: { count: number; amount: string; reversed: string; net: string };
  payments: PaymentRecord[];
}
