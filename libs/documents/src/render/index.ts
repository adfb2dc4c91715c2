export { renderDocx } from './docx-renderer';
export { renderXlsx } from './xlsx-renderer';
export { renderHtml } from './html-renderer';
export { chartSvg, chartPng, chartSize } from './charts';
