/**
 * The JSON answer of `GET …/indicators` (SPEC §6). Types only, so the dashboard (apps/web) reads the same shapes the
 * API writes.
 */
import type { IndicatorResult } from '../../../../libs/domain/src/indicators/indicator-scoring';

export type { IndicatorResult };

/** `GET …/indicators`: every project with lines or indicators; 部门整体 indicators under projectCode "*". */
export interface IndicatorsResponse {
  departmentCode: string;
  fiscalYear: number;
  asOf: string | null;
  projects: ProjectIndicators[];
}

export interface ProjectIndicators {
  projectCode: string;
  projectName: string | null;
  budget: string;
  paid: string;
  executionRate: string | null;
  executionScore: string | null;
  indicators: IndicatorResult[];
}
