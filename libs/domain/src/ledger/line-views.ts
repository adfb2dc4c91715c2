/**
 * How the reads show a line and a payment (SPEC §4): amounts are 元 strings with two decimals, codes as posted. One
 * definition for the JSON answers (apps/api), the CSV and document tables (libs/documents) and the dashboard
 * (apps/web, which imports these types by path: keep this file free of imports).
 */

/** A line's attributes, fixed by its first issue (SPEC §2). */
export interface LineAttributesView {
  lineId: string;
  unitCode: string;
  functionCode: string;
  economicCode: string | null;
  fundSource: string;
  expenditureKind: string;
  projectCode: string | null;
  projectName: string | null;
}

/** 指标余额: a line's budget, paid and available. */
export interface LineBalance extends LineAttributesView {
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
