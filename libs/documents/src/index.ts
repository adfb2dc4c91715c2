export * from './monitoring-workbook';
