export { renderDocx } from './docx-renderer';
export { renderXlsx } from './xlsx-renderer';
export { renderHtml } from './html-renderer';
export { chartSvg, chartPng, chartSize } from './charts';
export { renderCsv, csvField, csvRecords, csvCellValue, CSV_BOM, CSV_CONTENT_TYPE, type CsvOptions } from './csv-renderer';
