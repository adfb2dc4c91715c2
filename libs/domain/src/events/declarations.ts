import type { NarrativeSection } from '../codes';
import type {
  AssetsDeclaredData,
  DeclarationEvent,
  DeviationExplainedData,
  EvaluationPolicyData,
  PerformanceGoalData,
  ProcurementDeclaredData,
  ThreePublicActivityData,
} from './event-types';

/**
 * The declarations of a department-year in force at a date (SPEC §11, §12): for each type, per scope, the latest by
 * `occurredOn` ≤ the date (ties: the later processed). Read by `readDeclarations` (libs/postgres), consumed by the
 * 决算 disclosures, the draft and the self-evaluation.
 */
export interface DeclarationsInForce {
  ProcurementDeclared?: ProcurementDeclaredData;
  AssetsDeclared?: AssetsDeclaredData;
  ThreePublicActivityDeclared?: ThreePublicActivityData;
  EvaluationPolicySet?: EvaluationPolicyData;
  /** Narrative text per section, printed as written. */
  narratives: Partial<Record<NarrativeSection, string>>;
  /** 年度总体目标 per projectCode ("*" for 部门整体). */
  goals: Map<string, PerformanceGoalData>;
  /** 偏差原因 per `deviationScopeKey` (`indicator:<id>` or `project:<code>`), with the date it was given. */
  deviations: Map<string, DeviationExplainedData & { occurredOn: string }>;
}

export const NO_DECLARATIONS: Readonly<DeclarationsInForce> = Object.freeze({ narratives: {}, goals: new Map(), deviations: new Map() });

/** The key under which a DeviationExplained is kept: `indicator:<indicatorId>` or `project:<projectCode>`. */
export function deviationScopeKey(target: { indicatorId: string } | { projectCode: string } | DeviationExplainedData): string {
  const t = target as { indicatorId?: string; projectCode?: string };
  return t.indicatorId !== undefined ? `indicator:${t.indicatorId}` : `project:${t.projectCode}`;
}

/** The scope within which the latest declaration of a type wins: '' for the department-year wide types. */
export function declarationScopeKey(event: DeclarationEvent): string {
  switch (event.type) {
    case 'NarrativeDeclared':
      return event.data.section;
    case 'PerformanceGoalSet':
      return event.data.projectCode;
    case 'DeviationExplained':
      return deviationScopeKey(event.data);
    case 'ProcurementDeclared':
    case 'AssetsDeclared':
    case 'ThreePublicActivityDeclared':
    case 'EvaluationPolicySet':
      return '';
  }
}

/** One stored declaration (a row of the declarations read model). */
export interface StoredDeclaration {
  type: DeclarationEvent['type'];
  scopeKey: string;
  occurredOn: string;
  payload: DeclarationEvent['data'];
}

/** Folds the declarations in force, one per (type, scope) — already the latest of each — into their typed shape. */
export function declarationsInForce(rows: readonly StoredDeclaration[]): DeclarationsInForce {
  const out: DeclarationsInForce = { narratives: {}, goals: new Map(), deviations: new Map() };
  for (const row of rows) {
    switch (row.type) {
      case 'ProcurementDeclared':
        out.ProcurementDeclared = row.payload as ProcurementDeclaredData;
        break;
      case 'AssetsDeclared':
        out.AssetsDeclared = row.payload as AssetsDeclaredData;
        break;
      case 'ThreePublicActivityDeclared':
        out.ThreePublicActivityDeclared = row.payload as ThreePublicActivityData;
        break;
      case 'EvaluationPolicySet':
        out.EvaluationPolicySet = row.payload as EvaluationPolicyData;
        break;
      case 'NarrativeDeclared':
        out.narratives[row.scopeKey as NarrativeSection] = (row.payload as { text: string }).text;
        break;
      case 'PerformanceGoalSet':
        out.goals.set(row.scopeKey, row.payload as PerformanceGoalData);
        break;
      case 'DeviationExplained':
        out.deviations.set(row.scopeKey, { ...(row.payload as DeviationExplainedData), occurredOn: row.occurredOn });
        break;
    }
  }
  return out;
}
