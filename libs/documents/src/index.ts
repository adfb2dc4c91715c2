export * from './monitoring-workbook';
export * from './final-accounts-document';
export * from './final-accounts-render';
export * from './final-accounts/public-tables';
export * from './self-evaluation-tables';
