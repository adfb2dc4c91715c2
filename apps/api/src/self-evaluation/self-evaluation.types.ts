import type { SelfEvaluationReport } from '@app/domain';

/** `GET …/self-evaluation` (JSON, SPEC §12): the report in 元, or in 万元 with `?unit=wan`, saying which. */
export interface SelfEvaluationResponse extends SelfEvaluationReport {
  unit: 'yuan' | 'wan';
}
