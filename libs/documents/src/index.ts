export * from './monitoring-workbook';
export * from './final-accounts-document';
export * from './final-accounts-render';
