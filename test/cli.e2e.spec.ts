import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeGbk, runBudget, startApiWithLedger, type ApiWithLedger } from './support/cli';
import { testConfig } from './support/test-app';

/**
 * The `budget` command line (SPEC §13, issue 13 point 4) run as a child process against the built API on the real
 * PostgreSQL: treasury exports (CSV with Chinese headers, a GBK CSV, an XLSX, a file with bad rows, NDJSON events)
 * imported with the right rejections file and exit status, a re-run applying nothing twice, reports written byte for
 * byte, tokens, rebuild and demo. Every expected amount is worked out by hand from the files below.
 */
const DEPT = '434';
const UNIT = '434001 秦皇岛市海港区人民政府办公室';
const BASIC_LINE = '434001-2010301-GENERAL_BUDGET-BASIC';
const PROJECT_LINE = '434001-2010350-GENERAL_BUDGET-PROJECT-P2024001';

// 指标: 1 000 000.00 + 200 000.50 to the basic line, 500 000.00 to the project line. Two title rows, a 合计 row.
const APPROPRIATIONS_CSV = [
  '2024年指标明细表,,,,,,,,,,',
  '单位：元,,,,,,,,,,',
  '指标文号,预算单位,功能分类科目,经济分类科目,资金性质,支出类型,项目代码,项目名称,金额,下达日期,指标类型',
  `秦财预〔2024〕1号,${UNIT},2010301 行政运行,30201 办公费,一般公共预算,基本支出,,,"1,000,000.00",2024-01-10,年初预算`,
  `秦财预〔2024〕1号,${UNIT},2010350 事业运行,,一般公共预算,项目支出,P2024001,政务信息化,500000,2024/1/10,年初预算`,
  `秦财预〔2024〕35号,${UNIT},2010301 行政运行,30201 办公费,一般公共预算,基本支出,,,200000.5,2024年6月1日,追加`,
  '合计,,,,,,,,1700000.5,,',
].join('\r\n');

const PAYMENT_HEADER = '支付凭证号,预算单位,功能分类科目,经济分类科目,资金性质,支出类型,项目代码,金额,支付日期,收款人,支付方式';
// 支付 (UTF-8): 12 345.67 basic, 100 000.00 project.
const PAYMENTS_CSV = [
  PAYMENT_HEADER,
  `ZF-0001,${UNIT},2010301 行政运行,30201 办公费,一般公共预算,基本支出,,12345.67,2024-03-15,秦皇岛某文具公司,直接支付`,
  `ZF-0002,${UNIT},2010350 事业运行,30299 其他商品和服务支出,一般公共预算,项目支出,P2024001,100000,2024-04-01,某科技公司,授权支付`,
].join('\n');
// 支付 (GBK): 3 000.00 + 2 500.50 basic.
const PAYMENTS_GBK = [
  PAYMENT_HEADER,
  `GB-0001,${UNIT},2010301 行政运行,30201 办公费,一般公共预算,基本支出,,3000,2024-05-10,海港区印刷厂,直接支付`,
  `GB-0002,${UNIT},2010301 行政运行,30205 水费,一般公共预算,基本支出,,"2,500.50",2024-05-11,秦皇岛市自来水公司,授权支付`,
].join('\r\n');
// 支付 with bad rows: row 2 is good (700.00 basic); 3 a bad amount; 4 a date outside 2024; 5 an unknown unit; 6 a 类 code.
const PAYMENTS_BAD = [
  PAYMENT_HEADER,
  `BAD-1,${UNIT},2010301 行政运行,30201 办公费,一般公共预算,基本支出,,700.00,2024-08-01,某公司,直接支付`,
  `BAD-2,${UNIT},2010301 行政运行,30201 办公费,一般公共预算,基本支出,,12a.5,2024-08-02,某公司,直接支付`,
  `BAD-3,${UNIT},2010301 行政运行,30201 办公费,一般公共预算,基本支出,,50,2023-12-31,某公司,直接支付`,
  'BAD-4,434999 不存在的单位,2010301 行政运行,30201 办公费,一般公共预算,基本支出,,60,2024-08-03,某公司,直接支付',
  `BAD-5,${UNIT},201 一般公共服务支出,30201 办公费,一般公共预算,基本支出,,70,2024-08-04,某公司,直接支付`,
].join('\n');

/** 支付 as an XLSX: 1 000.10 basic (a date cell), 2 000.20 project (a formula, a serial day number), a title row. */
async function paymentsXlsx(path: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('支付明细');
  sheet.addRow(['2024年国库集中支付明细']);
  sheet.addRow(['支付凭证号', '预算单位', '功能分类科目', '经济分类科目', '资金性质', '支出类型', '项目代码', '金额', '支付日期', '收款人']);
  sheet.addRow(['XL-1', UNIT, '2010301 行政运行', 30201, '一般公共预算', '基本支出', null, 1000.1, new Date(Date.UTC(2024, 6, 1)), '甲公司']);
  sheet.addRow(['XL-2', UNIT, 2010350, '30299', '一般公共预算', '项目支出', 'P2024001', { formula: 'H3*2', result: 2000.2 }, 45500, '乙公司']);
  await book.xlsx.writeFile(path);
}

interface Totals {
  count: number;
  amount: string;
  reversed: string;
  net: string;
}

describe('budget (command line)', () => {
  let api: ApiWithLedger;
  let adminToken: string;
  let dir: string;
  const env = () => ({ BUDGET_URL: api.baseUrl, BUDGET_TOKEN: adminToken });
  const file = (name: string) => join(dir, name);
  const get = async <T>(path: string, token = adminToken): Promise<T> => {
    const response = await fetch(`${api.baseUrl}${path}`, { headers: { Authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const paymentTotals = async () => (await get<{ total: Totals }>(`/v1/departments/${DEPT}/years/2024/payments`)).total;
  const lines = async () => {
    const { lines } = await get<{ lines: { lineId: string; budget: string; paid: string }[] }>(`/v1/departments/${DEPT}/years/2024/lines`);
    return Object.fromEntries(lines.map((l) => [l.lineId, { budget: l.budget, paid: l.paid }]));
  };
  const rejections = (path: string) => {
    const text = readFileSync(path, 'utf8');
    expect(text.startsWith('\uFEFF文件,行号,事件ID,代码,原因,原始内容\n')).toBe(true);
    const rows = parse(text.slice(1), { columns: true }) as Record<string, string>[];
    return rows.sort((a, b) => Number(a['行号']) - Number(b['行号']));
  };

  beforeAll(async () => {
    const { config } = await testConfig('embedded');
    adminToken = config.adminToken!;
    dir = mkdtempSync(join(tmpdir(), 'budget-cli-'));
    api = await startApiWithLedger(config, join(dir, 'api.log'));
    writeFileSync(file('指标.csv'), APPROPRIATIONS_CSV);
    writeFileSync(file('支付.csv'), PAYMENTS_CSV);
    writeFileSync(file('支付-gbk.csv'), encodeGbk(PAYMENTS_GBK));
    writeFileSync(file('支付-有误.csv'), PAYMENTS_BAD);
    await paymentsXlsx(file('支付.xlsx'));
  });
  afterAll(async () => {
    await api?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('explains itself in Chinese: budget --help and every subcommand\'s help', async () => {
    const top = await runBudget(['--help'], {});
    expect(top.code).toBe(0);
    expect(top.stdout).toContain('用法： budget [选项] [命令]');
    expect(top.stdout).toContain('命令：');
    for (const command of ['import', 'report', 'rebuild', 'tokens', 'demo']) expect(top.stdout).toContain(`  ${command} `);
    expect(top.stdout).toContain('（默认：http://127.0.0.1:3000；环境变量：BUDGET_URL）');
    expect(top.stdout).not.toMatch(/\b(Usage|Options|Commands|default|choices|env):|\[options\]/);
    for (const sub of [['import'], ['report'], ['rebuild'], ['tokens', 'create'], ['tokens', 'list'], ['tokens', 'revoke'], ['demo']]) {
      const help = await runBudget([...sub, '--help'], {});
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('选项：');
      expect(help.stdout).toContain('显示帮助');
      expect(help.stdout).not.toMatch(/\b(Usage|Options|Arguments|Commands|default|choices|env):|\[options\]/);
    }
    const wrong = await runBudget(['report', 'progress', '--dept', DEPT, '--year', '2024', '--format', 'pdf'], env());
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('错误：选项「--format <格式>」的取值「pdf」无效');
  });

  it('imports a 指标 CSV and a 支付 CSV with Chinese headers, title rows and a 合计 row', async () => {
    const run = await runBudget(['import', file('指标.csv'), file('支付.csv'), '--dept', DEPT, '--json'], env());
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.files.map((f: { kind: string; rows: number; skipped: number; applied: number }) => [f.kind, f.rows, f.skipped, f.applied])).toEqual([
      ['appropriation', 3, 1, 3],
      ['payment', 2, 0, 2],
    ]);
    expect(summary).toMatchObject({ applied: 5, duplicate: 0, rejected: 0 });
    expect(existsSync(`${file('指标.csv')}.rejects.csv`)).toBe(false);
    expect(await lines()).toEqual({
      [BASIC_LINE]: { budget: '1200000.50', paid: '12345.67' },
      [PROJECT_LINE]: { budget: '500000.00', paid: '100000.00' },
    });
  });

  it('detects a GBK file, converts it and says so', async () => {
    const run = await runBudget(['import', file('支付-gbk.csv'), '--dept', DEPT], env());
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('为 GBK（GB18030）编码，已自动转换为 UTF-8 读取');
    expect(run.stdout).toContain('2 行，新增 2');
    const payments = await get<{ payments: { eventId: string; payee: string; amount: string }[] }>(`/v1/departments/${DEPT}/years/2024/payments?lineId=${BASIC_LINE}`);
    expect(payments.payments.filter((p) => p.eventId.includes('GB-')).map((p) => [p.eventId, p.payee, p.amount])).toEqual([
      ['imp-pay-434-2024-GB-0002', '秦皇岛市自来水公司', '2500.50'],
      ['imp-pay-434-2024-GB-0001', '海港区印刷厂', '3000.00'],
    ]);
  });

  it('imports an XLSX (date cells, formulas, serial days) through the streaming reader', async () => {
    const run = await runBudget(['import', file('支付.xlsx'), '--dept', DEPT], env());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('（XLSX，支付）：2 行，新增 2');
    const payments = await get<{ payments: { eventId: string; occurredOn: string; amount: string }[] }>(`/v1/departments/${DEPT}/years/2024/payments?projectCode=P2024001`);
    expect(payments.payments.find((p) => p.eventId === 'imp-pay-434-2024-XL-2')).toMatchObject({ occurredOn: '2024-07-27', amount: '2000.20' });
  });

  it('writes each bad row with its row number and reason to the rejections file, imports the rest, and exits 1', async () => {
    const run = await runBudget(['import', file('支付-有误.csv'), '--dept', DEPT, '--year', '2024'], env());
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('拒绝 支付-有误.csv 第 3 行：PARSE_ERROR 金额「12a.5」不是有效的数字');
    expect(run.stdout).toContain('5 行，新增 1，已存在 0（此前已导入，未重复记账），拒绝 4');
    const rows = rejections(`${file('支付-有误.csv')}.rejects.csv`);
    expect(rows.map((r) => [r['文件'], r['行号'], r['事件ID'], r['代码']])).toEqual([
      [file('支付-有误.csv'), '3', '', 'PARSE_ERROR'],
      [file('支付-有误.csv'), '4', 'imp-pay-434-2024-BAD-3', 'VALIDATION_FAILED'],
      [file('支付-有误.csv'), '5', 'imp-pay-434-2024-BAD-4', 'UNKNOWN_LINE'],
      [file('支付-有误.csv'), '6', '', 'PARSE_ERROR'],
    ]);
    expect(rows[0]['原因']).toBe('金额「12a.5」不是有效的数字');
    expect(rows[1]['原因']).toMatch(/^事件格式错误：occurredOn: .*2023-12-31/);
    expect(rows[2]['原因']).toContain('434999-2010301-GENERAL_BUDGET-BASIC');
    expect(rows[3]['原因']).toBe('功能分类科目「201 一般公共服务支出」须以 7 位项级科目编码开头（如 2010301 行政运行）');
    expect(rows[3]['原始内容']).toBe(PAYMENTS_BAD.split('\n')[5]);
  });

  it('imports NDJSON events as they are, rejecting a line that is not JSON and an event the API refuses', async () => {
    const ndjson = [
      JSON.stringify({ eventId: 'ndj-rev-1', type: 'PaymentReversed', fiscalYear: 2024, departmentCode: DEPT, occurredOn: '2024-03-20', data: { lineId: BASIC_LINE, originalEventId: 'imp-pay-434-2024-ZF-0001', amount: '345.67', reason: '退回多付' } }),
      'this is not json',
      '',
      JSON.stringify({ eventId: 'ndj-pay-2', type: 'PaymentMade', fiscalYear: 2024, departmentCode: DEPT, occurredOn: '2024-03-21', data: { lineId: BASIC_LINE, amount: '1.00', economicCode: '302' } }),
    ].join('\n');
    writeFileSync(file('events.ndjson'), ndjson);
    const run = await runBudget(['import', file('events.ndjson'), '--rejects', file('ndjson-rejects.csv')], env());
    expect(run.code).toBe(1);
    const rows = rejections(file('ndjson-rejects.csv'));
    expect(rows.map((r) => [r['行号'], r['事件ID'], r['代码']])).toEqual([
      ['2', '', 'PARSE_ERROR'],
      ['4', 'ndj-pay-2', 'VALIDATION_FAILED'],
    ]);
    expect(rows[1]['原因']).toContain('economicCode');
  });

  it('applies nothing twice when every file is imported again', async () => {
    // By hand: 12 345.67 + 100 000.00 + 3 000.00 + 2 500.50 + 1 000.10 + 2 000.20 + 700.00 = 121 546.47 in 7 payments,
    // 345.67 reversed: net 121 200.80; the basic line paid 19 546.27 − 345.67 = 19 200.60, the project line 102 000.20.
    const expected = { count: 7, amount: '121546.47', reversed: '345.67', net: '121200.80' };
    expect(await paymentTotals()).toEqual(expected);
    const again = await runBudget(['import', file('指标.csv'), file('支付.csv'), file('支付-gbk.csv'), file('支付.xlsx'), '--dept', DEPT, '--json'], env());
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ applied: 0, duplicate: 9, rejected: 0 });
    const bad = await runBudget(['import', file('支付-有误.csv'), '--dept', DEPT, '--year', '2024', '--json'], env());
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ applied: 0, duplicate: 1, rejected: 4 });
    expect(rejections(`${file('支付-有误.csv')}.rejects.csv`).map((r) => r['行号'])).toEqual(['3', '4', '5', '6']);
    expect(await paymentTotals()).toEqual(expected);
    expect(await lines()).toEqual({
      [BASIC_LINE]: { budget: '1200000.50', paid: '19200.60' },
      [PROJECT_LINE]: { budget: '500000.00', paid: '102000.20' },
    });
  });

  it('refuses a file with a wrong header, a truncated encoding or a missing file, in Chinese, posting nothing (exit 2)', async () => {
    writeFileSync(file('表头有误.csv'), PAYMENTS_CSV.replace('金额', '金 额X').replace(/ZF-/g, 'HD-'));
    const header = await runBudget(['import', file('表头有误.csv'), '--dept', DEPT], env());
    expect(header.code).toBe(2);
    expect(header.stderr).toContain('第 1 行的表头（按「支付」文件识别）缺少必需的列：金额（可用列名：金额、金额(元)');
    expect(header.stderr).toContain('budget import --print-mapping');
    writeFileSync(file('截断.csv'), Buffer.concat([Buffer.from(`${PAYMENT_HEADER}\n`), Buffer.from('HD-9,海港', 'utf8').subarray(0, -1)]));
    const truncated = await runBudget(['import', file('截断.csv'), '--dept', DEPT], env());
    expect(truncated.code).toBe(2);
    expect(truncated.stderr).toContain('的结尾是不完整的 UTF-8 字符');
    const missing = await runBudget(['import', file('没有这个文件.csv')], env());
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('找不到文件');
    expect((await paymentTotals()).count).toBe(7);
  });

  describe('report', () => {
    /** A proxy in front of the API that keeps the exact bytes of each answer it passes on. */
    let proxy: Server;
    let proxyUrl: string;
    const served = new Map<string, Buffer>();
    beforeAll(async () => {
      proxy = createServer((req, res) => {
        const upstream = request(`${api.baseUrl}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
          const chunks: Buffer[] = [];
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.on('data', (c: Buffer) => (chunks.push(c), res.write(c)));
          answer.on('end', () => (served.set(req.url ?? '', Buffer.concat(chunks)), res.end()));
        });
        req.pipe(upstream);
      });
      await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
      const address = proxy.address();
      proxyUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });
    afterAll(async () => new Promise<void>((resolve) => proxy?.close(() => resolve())));

    it('writes the exact bytes of the JSON answer, to a file or to stdout', async () => {
      const run = await runBudget(['report', 'progress', '--dept', DEPT, '--year', '2024', '--as-of', '2024-06-30', '-o', file('progress.json')], env());
      expect(run.code).toBe(0);
      const direct = Buffer.from(await (await fetch(`${api.baseUrl}/v1/departments/${DEPT}/years/2024/progress?asOf=2024-06-30`, { headers: { Authorization: `Bearer ${adminToken}` } })).arrayBuffer());
      expect(readFileSync(file('progress.json')).equals(direct)).toBe(true);
      // --known-at passes through: the report as known at an instant before any import.
      const before = await runBudget(['report', 'lines', '--dept', DEPT, '--year', '2024', '--known-at', '2001-01-01T00:00:00Z'], env());
      expect(before.code).toBe(0);
      const known = Buffer.from(await (await fetch(`${api.baseUrl}/v1/departments/${DEPT}/years/2024/lines?knownAt=2001-01-01T00%3A00%3A00Z`, { headers: { Authorization: `Bearer ${adminToken}` } })).arrayBuffer());
      expect(Buffer.from(before.stdout, 'utf8').equals(known)).toBe(true);
      expect(JSON.parse(before.stdout).lines).toEqual([]);
      const toStdout = await runBudget(['report', 'checks', '--dept', DEPT, '--year', '2024', '-o', '-'], env());
      expect(toStdout.code).toBe(0);
      const checks = Buffer.from(await (await fetch(`${api.baseUrl}/v1/departments/${DEPT}/years/2024/checks`, { headers: { Authorization: `Bearer ${adminToken}` } })).arrayBuffer());
      expect(Buffer.from(toStdout.stdout, 'utf8').equals(checks)).toBe(true);
    });

    it('writes the exact bytes of a CSV export (a 决算 table chosen by --table, and the lines)', async () => {
      const headers = { Authorization: `Bearer ${adminToken}` };
      const table = await runBudget(['report', 'final-accounts', '--dept', DEPT, '--year', '2024', '--format', 'csv', '--table', '01', '-o', file('决算01.csv')], env());
      expect(table.code).toBe(0);
      const direct = Buffer.from(await (await fetch(`${api.baseUrl}/v1/departments/${DEPT}/years/2024/final-accounts?format=csv&table=01`, { headers })).arrayBuffer());
      expect(direct.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
      expect(readFileSync(file('决算01.csv')).equals(direct)).toBe(true);
      const lines = await runBudget(['report', 'lines', '--dept', DEPT, '--year', '2024', '--format', 'csv', '-o', file('lines.csv')], env());
      expect(lines.code).toBe(0);
      const linesDirect = Buffer.from(await (await fetch(`${api.baseUrl}/v1/departments/${DEPT}/years/2024/lines?format=csv`, { headers })).arrayBuffer());
      expect(readFileSync(file('lines.csv')).equals(linesDirect)).toBe(true);
    });

    it('writes the exact bytes the API served for an xlsx (a render carries its time, so the bytes are compared as served)', async () => {
      const run = await runBudget(['report', 'final-accounts', '--dept', DEPT, '--year', '2024', '--format', 'xlsx', '-o', file('决算.xlsx')], { ...env(), BUDGET_URL: proxyUrl });
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('已保存部门决算到');
      const bytes = served.get(`/v1/departments/${DEPT}/years/2024/final-accounts?format=xlsx`);
      expect(bytes?.length).toBeGreaterThan(1000);
      expect(readFileSync(file('决算.xlsx')).equals(bytes!)).toBe(true);
      // And it is the workbook: the 决算 tables with this department's figures.
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(readFileSync(file('决算.xlsx')) as unknown as ArrayBuffer);
      expect(book.worksheets.length).toBeGreaterThan(1);
    });

    it('shows the API\'s 400 for what a report does not support and exits 2, leaving no file', async () => {
      const run = await runBudget(['report', 'checks', '--dept', DEPT, '--year', '2024', '--format', 'docx', '-o', file('checks.docx')], env());
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/API 返回错误：.*format.*（VALIDATION_FAILED，HTTP 400）/);
      expect(existsSync(file('checks.docx'))).toBe(false);
      expect(existsSync(file('checks.docx.part'))).toBe(false);
    });
  });

  it('mints, lists and revokes tokens; a revoked token gets 401', async () => {
    const created = await runBudget(['tokens', 'create', '--scope', 'read:434', '--scope', 'ingest:434', '--name', '海港区财务'], env());
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^bt_\S+$/);
    expect(created.stderr).toContain('令牌只显示这一次');
    const listed = await runBudget(['tokens', 'list', '--json'], env());
    const rows = JSON.parse(listed.stdout) as { id: string; name: string; scopes: string[]; revokedAt: string | null }[];
    const mine = rows.find((r) => r.name === '海港区财务')!;
    expect(mine).toMatchObject({ scopes: ['read:434', 'ingest:434'], revokedAt: null });
    expect(listed.stdout).not.toContain(token);
    const read = await runBudget(['report', 'lines', '--dept', DEPT, '--year', '2024'], { BUDGET_URL: api.baseUrl, BUDGET_TOKEN: token });
    expect(read.code).toBe(0);
    const revoked = await runBudget(['tokens', 'revoke', mine.id], env());
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toContain(`已吊销令牌 ${mine.id}`);
    const table = await runBudget(['tokens', 'list'], env());
    expect(table.stdout).toMatch(new RegExp(`${mine.id}\\s+海港区财务\\s+read:434,ingest:434\\s+\\S+\\s+已吊销`));
    const refused = await runBudget(['report', 'lines', '--dept', DEPT, '--year', '2024'], { BUDGET_URL: api.baseUrl, BUDGET_TOKEN: token });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('HTTP 401');
    expect(refused.stderr).toContain('BUDGET_TOKEN');
  });

  it('rebuilds every projection from the event store and the figures are the same', async () => {
    const run = await runBudget(['rebuild'], env());
    expect(run.code).toBe(0);
    // 3 issues + 7 payments + 1 reversal applied above.
    expect(run.stdout).toMatch(/^重建完成：重放 11 个事件，重建 \d+ 张表，用时/);
    expect(await paymentTotals()).toEqual({ count: 7, amount: '121546.47', reversed: '345.67', net: '121200.80' });
  });

  it('reads another system\'s export through a mapping file: its column names, amounts in 万元', async () => {
    writeFileSync(
      file('映射.json'),
      JSON.stringify({ amountUnit: 'wan', payment: { columns: { voucherNo: ['凭证流水号'], amount: ['交易金额（万元）'], date: ['记账日期'] }, detect: ['凭证流水号'] } }),
    );
    writeFileSync(
      file('其他系统.csv'),
      ['凭证流水号,预算单位,功能分类科目,经济分类科目,资金性质,支出类型,项目代码,交易金额（万元）,记账日期', `MAP-1,${UNIT},2010301 行政运行,30201 办公费,一般公共预算,基本支出,,0.123456,2024-09-01`].join('\n'),
    );
    const plain = await runBudget(['import', file('其他系统.csv'), '--dept', DEPT], env());
    expect(plain.code).toBe(2);
    const mapped = await runBudget(['import', file('其他系统.csv'), '--dept', DEPT, '--mapping', file('映射.json')], env());
    expect(mapped.code).toBe(0);
    // 0.123456 万元 = 1 234.56 元.
    const payments = await get<{ payments: { eventId: string; amount: string; occurredOn: string }[] }>(`/v1/departments/${DEPT}/years/2024/payments?lineId=${BASIC_LINE}`);
    expect(payments.payments.find((p) => p.eventId === 'imp-pay-434-2024-MAP-1')).toMatchObject({ amount: '1234.56', occurredOn: '2024-09-01' });
    const printed = await runBudget(['import', '--print-mapping'], {});
    expect(JSON.parse(printed.stdout).payment.columns.voucherNo).toContain('支付凭证号');
  });

  it('loads the demo through the API, and again without applying anything twice', async () => {
    const first = await runBudget(['demo', '--json'], env());
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout) as { departments: { departmentCode: string; events: number; applied: number; rejected: number }[] };
    expect(report.departments.map((d) => d.departmentCode)).toEqual(['434', '430', 'QG-GOV']);
    expect(report.departments.every((d) => d.rejected === 0 && d.applied === d.events)).toBe(true);
    const second = await runBudget(['demo'], env());
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/QG-GOV\s+2023\s+(\d+)\s+0\s+\1\s+0/);
  });

  it('says where the API is not', async () => {
    const run = await runBudget(['tokens', 'list'], { BUDGET_URL: 'http://127.0.0.1:9', BUDGET_TOKEN: 'x' });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('无法连接到 API http://127.0.0.1:9（ECONNREFUSED）');
  });
});
