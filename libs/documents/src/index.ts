export * from './monitoring-tables';
export * from './self-evaluation-tables';
export * from './final-accounts/public-tables';
export * from './render';
export * from './model/document-model';
export * from './final-accounts-draft';
export * from './model/amount-unit';
export * from './export-tables';
