import { Api } from './api';
import { Child, h } from './dom';
import { statusLabel } from './labels';
import type { Status } from './types';

/** What a view needs: the API, the department-year and date picked, and how to report a failure. */
export interface ViewContext {
  api: Api;
  dept: string;
  deptName: string;
  year: number;
  asOf: string;
  /** The department's fiscal years with events (`GET /v1/departments`): the pace view compares with the previous one. */
  fiscalYears: number[];
  /** False once the user picked another department, date or tab: late answers are dropped. */
  current(): boolean;
  /** 401 → back to sign-in; 403 → 无权查看该部门 instead of the whole view; else an error box in `where` with a retry. */
  fail(error: unknown, where: HTMLElement, retry?: () => void): void;
}

export function card(title: string, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  return h('section', { class: `card ${attrs.class ?? ''}`.trim(), 'data-testid': attrs.testid }, h('h2', null, title), ...children);
}

/** A headline figure: label, value and unit; `testid` names it for the tests. */
export function kpi(label: string, value: Child, unit: string, testid: string, options: { title?: string; tone?: string } = {}): HTMLElement {
  return h(
    'div',
    { class: `kpi ${options.tone ?? ''}`.trim(), 'data-testid': testid, title: options.title },
    h('div', { class: 'kpi-label' }, label),
    h('div', { class: 'kpi-value' }, h('span', { class: 'value' }, value), unit ? h('span', { class: 'unit' }, unit) : null),
  );
}

/** 正常/预警/滞后/超支 (one Chinese word per status), coloured; the code only in a data attribute. */
export function statusBadge(status: Status): HTMLElement {
  return h('span', { class: `badge status-${(status ?? 'none').toLowerCase()}`, 'data-status': status ?? 'NONE' }, statusLabel(status));
}

export function loading(text = '加载中…'): HTMLElement {
  return h('div', { class: 'loading', role: 'status', 'data-testid': 'loading' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text);
}

export function errorBox(message: string, retry?: () => void): HTMLElement {
  return h(
    'div',
    { class: 'error-box', role: 'alert', 'data-testid': 'error' },
    h('span', null, message),
    retry ? h('button', { type: 'button', class: 'ghost', onclick: retry }, '重试') : null,
  );
}

/** A button that fetches a document with the token and saves it; failures go to `fail` (401 signs out). */
export function downloadButton(label: string, run: () => Promise<void>, testid: string, fail: ViewContext['fail']): HTMLElement {
  const note = h('span', { class: 'download-note' });
  const button = h('button', { type: 'button', class: 'download', 'data-testid': testid }, '⤓ ', label);
  button.addEventListener('click', async () => {
    button.disabled = true;
    note.replaceChildren('正在生成…');
    try {
      await run();
      note.replaceChildren();
    } catch (error) {
      note.replaceChildren();
      fail(error, note);
    } finally {
      button.disabled = false;
    }
  });
  return h('span', { class: 'download-wrap' }, button, note);
}

/** A code and its name, the code small and grey. */
export function named(name: string | null | undefined, code: string): HTMLElement {
  return h('span', { class: 'named' }, h('span', null, name || code), name ? h('small', { class: 'code' }, code) : null);
}
