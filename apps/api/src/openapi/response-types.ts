/**
 * The bodies the API describes in its OpenAPI document (`response-schemas.ts` generates their JSON Schemas from here;
 * `npm run openapi:schemas` after changing this file or any type it uses, a unit test fails until then). Each answer is
 * declared here, named `…Answer` after what the client receives, from the type its controller is checked against; a
 * department read's answer also carries `reflects`, which `ReadScopes.enter` adds. Reference one with
 * `@ApiAnswer('Name')` (api-docs.ts).
 */
import type { AdminRejectionsResponse, DepartmentsResponse, LinesResponse, PaymentsResponse, RejectionsResponse } from '../ledger/ledger-reads.types';
import type { Reflects } from '../core/read-scope';
import type { ChecksResponse, FinalAccountsResponse, VarianceResponse } from '../final-accounts/final-accounts.types';
import type { HealthResponse } from '../health/health.controller';
import type { IndicatorsResponse } from '../indicators/indicators.types';
import type { IngestAcceptedResponse, IngestResponse } from '../ingest/ingest-events.command';
import type { RequestStatus } from '../ingest/ingest-requests.service';
import type { LineHistoryResponse, TransfersResponse } from '../audit/audit.types';
import type { MintedToken, RevokedToken, TokensResponse } from '../auth/token.service';
import type { DemoLoadReport } from '../demo/demo.service';
import type { LedgerEvent, MonitoringReport } from '@app/domain';
import type { RebuildReport } from '@app/postgres';
import type { Overview } from '../overview/overview.types';
import type { ProgressReport } from '../progress/progress.types';
import type { SelfEvaluationResponse } from '../self-evaluation/self-evaluation.types';
import type { BudgetResponse } from '../budget/budget.types';

/** Every JSON answer of `/v1/departments/{dept}/…` ends with what it reflects (SPEC §13). */
interface Reflecting {
  reflects: Reflects;
}

// ---- Department reads (read:<dept> or read:*) ----
export interface ProgressAnswer extends ProgressReport, Reflecting {}
export interface LinesAnswer extends LinesResponse, Reflecting {}
export interface PaymentsAnswer extends PaymentsResponse, Reflecting {}
export interface RejectionsAnswer extends RejectionsResponse, Reflecting {}
export interface LineHistoryAnswer extends LineHistoryResponse, Reflecting {}
export interface TransfersAnswer extends TransfersResponse, Reflecting {}
export interface IndicatorsAnswer extends IndicatorsResponse, Reflecting {}
export interface MonitoringAnswer extends MonitoringReport, Reflecting {}
export interface SelfEvaluationAnswer extends SelfEvaluationResponse, Reflecting {}
export interface BudgetAnswer extends BudgetResponse, Reflecting {}
export interface FinalAccountsAnswer extends FinalAccountsResponse, Reflecting {}
export interface ChecksAnswer extends ChecksResponse, Reflecting {}
export interface VarianceAnswer extends VarianceResponse, Reflecting {}

// ---- Reads across departments ----
export interface DepartmentsAnswer extends DepartmentsResponse {}
export interface OverviewAnswer extends Overview {}

// ---- Ingest ----
export interface IngestAnswer extends IngestResponse {}
export interface IngestAcceptedAnswer extends IngestAcceptedResponse {}
export interface RequestStatusAnswer extends RequestStatus {}

// ---- Admin and health ----
export interface AdminRejectionsAnswer extends AdminRejectionsResponse {}
export interface TokensAnswer extends TokensResponse {}
export interface MintedTokenAnswer extends MintedToken {}
export interface RevokedTokenAnswer extends RevokedToken {}
export interface DemoLoadAnswer extends DemoLoadReport {}
export interface RebuildAnswer extends RebuildReport {}
export interface HealthAnswer extends HealthResponse {}

// ---- Request body of POST /v1/events: the events of SPEC §2 ----
export interface IngestRequest {
  events: LedgerEvent[];
}

// ---- Every error (SPEC §4) ----
export type { ApiErrorBody } from '../core/api-error';
