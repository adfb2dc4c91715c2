import { Api, ApiFailure } from './api';
import { h, replace } from './dom';
import './styles.css';
import type { Department } from './types';
import { errorBox, loading, ViewContext } from './ui';
import { renderFinalAccounts } from './views/final-accounts';
import { renderIndicators } from './views/indicators';
import { renderOverview } from './views/overview';
import { renderPace } from './views/pace';

/**
 * 部门看板 (issue 6): sign in with a bearer token (kept in sessionStorage, never in a URL), pick a department the token
 * may read, a year and a date; the view, department, year and date live in the URL fragment so a page can be
 * bookmarked without the token.
 */
const TOKEN_KEY = 'budget-tracker.token';
// 各部门总览 (the finance bureau's page, SPEC §12) is offered only to a token that reads several departments.
const TABS = { overview: '各部门总览', pace: '执行进度', indicators: '绩效指标', final: '部门决算' } as const;
type Tab = keyof typeof TABS;

interface Route {
  dept: string | null;
  year: number | null;
  asOf: string | null;
  tab: Tab;
}

interface Session {
  api: Api;
  departments: Department[];
}

const root = document.getElementById('app')!;
let session: Session | null = null;
let generation = 0;

function readRoute(): Route {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const year = Number(params.get('year'));
  const asOf = params.get('asOf');
  const tab = params.get('tab');
  return {
    dept: params.get('dept') || null,
    year: Number.isInteger(year) && year >= 2000 && year <= 2100 ? year : null,
    asOf: asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : null,
    tab: tab && tab in TABS ? (tab as Tab) : 'pace',
  };
}

function writeRoute(route: Route): void {
  const params = new URLSearchParams();
  if (route.dept) params.set('dept', route.dept);
  if (route.year) params.set('year', String(route.year));
  if (route.asOf) params.set('asOf', route.asOf);
  params.set('tab', route.tab);
  const hash = `#${params.toString()}`;
  if (location.hash === hash) renderView();
  else location.hash = hash;
}

/** Today (local date) within the year, else the year's last day (a past year) or first day (a future one). */
function defaultAsOf(year: number): string {
  const now = new Date();
  const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  if (now.getFullYear() === year) return today;
  return now.getFullYear() > year ? `${year}-12-31` : `${year}-01-01`;
}

// ——— sign-in ———

function showSignIn(message?: string): void {
  session = null;
  generation++;
  document.querySelector('dialog.detail')?.remove();
  const input = h('input', { type: 'password', id: 'token', name: 'token', autocomplete: 'off', spellcheck: 'false', required: true, placeholder: 'bt_…', 'data-testid': 'token-input' });
  const status = h('div', { class: 'signin-message', role: 'alert', 'data-testid': 'signin-message' }, message ?? '');
  const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'signin-submit' }, '登录');
  const form = h(
    'form',
    { class: 'signin card', 'data-testid': 'signin' },
    h('h1', null, '预算执行监控'),
    h('p', { class: 'muted' }, '部门看板 · 执行进度、绩效指标、部门决算'),
    h('label', { for: 'token' }, '访问令牌'),
    input,
    submit,
    status,
    h('p', { class: 'note' }, '令牌只保存在本浏览器标签页，关闭标签页即清除。令牌由系统管理员发放，可查看哪些部门由令牌的读取权限决定。'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const token = input.value.trim();
    if (!token) return;
    submit.disabled = true;
    replace(status, '正在验证…');
    void enter(token).finally(() => (submit.disabled = false));
  });
  replace(root, h('main', { class: 'signin-page' }, form));
  input.focus();
}

async function enter(token: string): Promise<void> {
  const api = new Api(token);
  try {
    const { departments } = await api.get<{ departments: Department[] }>('/v1/departments');
    sessionStorage.setItem(TOKEN_KEY, token);
    session = { api, departments };
    renderShell();
  } catch (error) {
    sessionStorage.removeItem(TOKEN_KEY);
    if (error instanceof ApiFailure && error.status === 401) showSignIn('令牌无效或已过期，请检查后重新登录。');
    else showSignIn(`暂时无法登录：${error instanceof Error ? error.message : String(error)}`);
  }
}

function signOut(message?: string): void {
  sessionStorage.removeItem(TOKEN_KEY);
  showSignIn(message);
}

// ——— the dashboard ———

let controls: { dept: HTMLSelectElement; year: HTMLSelectElement; asOf: HTMLInputElement; title: HTMLElement; tabs: HTMLElement; main: HTMLElement } | null = null;

function renderShell(): void {
  const dept = h('select', { id: 'dept', 'data-testid': 'dept-select', 'aria-label': '部门' });
  const year = h('select', { id: 'year', 'data-testid': 'year-select', 'aria-label': '年度' });
  const asOf = h('input', { id: 'asof', type: 'date', 'data-testid': 'asof-input', 'aria-label': '截至日期' });
  const title = h('div', { class: 'dept-title', 'data-testid': 'dept-title' });
  const tabs = h('nav', { class: 'tabs', role: 'tablist' });
  const main = h('main', { id: 'view', 'data-testid': 'view' });
  dept.addEventListener('change', () => writeRoute({ ...readRoute(), dept: dept.value, year: null, asOf: null, ...(readRoute().tab === 'overview' ? { tab: 'pace' as const } : {}) }));
  year.addEventListener('change', () => writeRoute({ ...readRoute(), year: Number(year.value), asOf: null }));
  asOf.addEventListener('change', () => {
    if (asOf.value) writeRoute({ ...readRoute(), asOf: asOf.value });
  });
  controls = { dept, year, asOf, title, tabs, main };
  replace(
    root,
    h(
      'header',
      { class: 'topbar' },
      h('div', { class: 'brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, '¥'), h('span', null, '预算执行监控'), title),
      h(
        'div',
        { class: 'pickers' },
        h('label', null, h('span', null, '部门'), dept),
        h('label', null, h('span', null, '年度'), year),
        h('label', null, h('span', null, '截至'), asOf),
        h('button', { type: 'button', class: 'ghost', 'data-testid': 'refresh', onclick: () => renderView() }, '刷新'),
        h('button', { type: 'button', class: 'ghost', 'data-testid': 'signout', onclick: () => signOut('已退出登录。') }, '退出'),
      ),
    ),
    tabs,
    main,
    h('footer', null, '金额单位：万元（四舍五入，鼠标停留可查看元）· 比率为百分比 · 数据来自预算执行监控服务'),
  );
  renderView();
}

function renderView(): void {
  if (!session || !controls) return;
  const { departments, api } = session;
  const c = controls;
  document.querySelector('dialog.detail')?.remove();
  const route = readRoute();
  const deptCode = route.dept ?? departments[0]?.code ?? null;
  if (!deptCode) {
    replace(c.dept, h('option', { value: '' }, '（无）'));
    replace(c.main, noDepartments(api));
    return;
  }
  const known = departments.find((d) => d.code === deptCode);
  const overview = route.tab === 'overview' && departments.length > 1;
  if (route.tab === 'overview' && !overview) route.tab = 'pace';
  const yearsOf = overview ? departments.flatMap((d) => d.fiscalYears) : known?.fiscalYears ?? [];
  const years = [...new Set(yearsOf)].sort((a, b) => b - a);
  const year = route.year ?? years[0] ?? new Date().getFullYear();
  const asOf = route.asOf ?? defaultAsOf(year);

  replace(
    c.dept,
    known ? null : h('option', { value: '', selected: true }, '（请选择）'),
    departments.map((d) => h('option', { value: d.code, selected: d.code === deptCode }, `${d.code} ${d.name ?? ''}`.trim())),
  );
  replace(c.year, [...new Set([year, ...years])].sort((a, b) => b - a).map((y) => h('option', { value: String(y), selected: y === year }, `${y}年`)));
  c.asOf.value = asOf;
  c.asOf.min = `${year}-01-01`;
  c.asOf.max = `${year}-12-31`;
  replace(c.title, overview ? '各部门总览' : known?.name ?? deptCode);
  replace(
    c.tabs,
    (Object.keys(TABS) as Tab[]).filter((tab) => tab !== 'overview' || departments.length > 1).map((tab) =>
      h('button', {
        type: 'button', role: 'tab', class: tab === route.tab ? 'active' : '', 'aria-selected': String(tab === route.tab), 'data-tab': tab,
        onclick: () => writeRoute({ ...readRoute(), tab }),
      }, TABS[tab])),
  );

  const mine = ++generation;
  const ctx: ViewContext = {
    api,
    dept: deptCode,
    deptName: known?.name ?? deptCode,
    year,
    asOf,
    fiscalYears: known?.fiscalYears ?? [],
    current: () => mine === generation,
    fail: (error, where, retry) => {
      if (mine !== generation) return;
      if (error instanceof ApiFailure && error.status === 401) return signOut('登录已失效或令牌无效，请重新登录。');
      if (error instanceof ApiFailure && error.status === 403) {
        generation++;
        document.querySelector('dialog.detail')?.remove();
        replace(c.main, h('div', { class: 'forbidden' }, errorBox('无权查看该部门：当前令牌没有该部门的读取权限。')));
        return;
      }
      const message = error instanceof ApiFailure ? `${error.message}（${error.code}）` : error instanceof Error ? error.message : String(error);
      replace(where, errorBox(`加载失败：${message}`, retry));
    },
  };
  replace(c.main, loading());
  if (overview) renderOverview(ctx, c.main, (code) => writeRoute({ dept: code, year, asOf, tab: 'pace' }));
  else if (route.tab === 'indicators') renderIndicators(ctx, c.main);
  else if (route.tab === 'final') renderFinalAccounts(ctx, c.main);
  else renderPace(ctx, c.main);
}

/**
 * No department to show: either the token reads none, or nothing has been posted yet. An administrator can load the
 * demo departments from the seed documents in one click (`POST /v1/admin/demo`, idempotent).
 */
function noDepartments(api: Api): HTMLElement {
  const status = h('p', { class: 'muted', role: 'status', 'data-testid': 'demo-status' });
  const button = h('button', { type: 'button', class: 'primary', 'data-testid': 'load-demo' }, '加载演示数据');
  button.addEventListener('click', () => {
    button.disabled = true;
    replace(status, '正在加载演示数据（海港区人民政府办公室 2024、山海关区机关事务服务中心 2023、泉港区人民政府办公室 2023）…');
    api
      .post('/v1/admin/demo')
      .then(() => enter(sessionStorage.getItem(TOKEN_KEY) ?? ''))
      .catch((error: unknown) => {
        button.disabled = false;
        replace(status, error instanceof ApiFailure && error.status === 403 ? '加载演示数据需要管理员令牌。' : `加载失败：${error instanceof Error ? error.message : String(error)}`);
      });
  });
  return h(
    'div',
    { class: 'empty-state', 'data-testid': 'no-departments' },
    h('p', null, '该令牌没有可查看的部门：尚无数据，或令牌没有任何部门的读取权限（请联系管理员）。'),
    h('p', null, '管理员可先加载根据公开预决算文件生成的演示数据：'),
    button,
    status,
  );
}

window.addEventListener('hashchange', () => renderView());

const saved = sessionStorage.getItem(TOKEN_KEY);
if (saved) void enter(saved);
else showSignIn();
