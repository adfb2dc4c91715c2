import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { issue, pay } from './support/events';
import { createTestDatabase } from './support/test-database';

/**
 * Operations (issue 5): the built API writes structured JSON logs (pino) with one line per rejected event naming its
 * eventId and code, and never writes a secret: not the admin token, not a minted token, not a presented bad token,
 * not the database password. SIGTERM ends it cleanly after saying so.
 */
const API_MAIN = join(__dirname, '../dist/apps/api/main.js');

describe('structured logs of the API process', () => {
  let api: ChildProcess | null = null;
  let output = '';
  afterAll(() => {
    if (api && api.exitCode === null) api.kill('SIGKILL');
  });

  it('logs every rejection with its eventId and no secret', async () => {
    if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} missing: run \`npx nest build api\` (npm test does)`);
    const adminToken = `bt_admin_${Math.random().toString(36).slice(2)}_log_secret`;
    const password = 'pw-never-in-logs-7731';
    // Trust authentication ignores the password, so it can stand in for a real one here.
    const url = new URL(await createTestDatabase());
    url.password = password;
    if (!url.username) url.username = 'postgres';
    const databaseUrl = url.toString();
    const port = 30_000 + Math.floor(Math.random() * 20_000);
    api = spawn(process.execPath, [API_MAIN], {
      env: { PATH: process.env.PATH, PORT: String(port), DATABASE_URL: databaseUrl, BUDGET_ADMIN_TOKEN: adminToken, LOG_LEVEL: 'debug' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    api.stdout!.on('data', (d) => (output += d));
    api.stderr!.on('data', (d) => (output += d));
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 300 && !(await fetch(`${base}/v1/health`).then((r) => r.ok, () => false)); i++) {
      if (api.exitCode !== null) throw new Error(`the API exited: ${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const call = (path: string, token: string, body?: unknown) =>
      fetch(`${base}${path}`, { method: body ? 'POST' : 'GET', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });

    const minted = (await (await call('/v1/admin/tokens', adminToken, { scopes: ['read:LOG'] })).json()).token as string;
    expect(minted).toBeTruthy();
    const rejected = pay('NO-SUCH-LINE', '5.00', '30201', { departmentCode: 'LOG', eventId: 'log-rejected-1' });
    const res = await (await call('/v1/events', adminToken, { events: [issue('L-1', '10', {}, { departmentCode: 'LOG' }), rejected] })).json();
    expect(res.results.map((r: { status: string }) => r.status)).toEqual(['APPLIED', 'REJECTED']);
    expect((await call('/v1/departments/LOG/years/2023/lines', minted)).status).toBe(200);
    expect((await call('/v1/departments/LOG/years/2023/lines', 'bt_presented-bad-token-9913')).status).toBe(401);

    const exited = new Promise((resolve) => api!.once('exit', resolve));
    api.kill('SIGTERM');
    expect(await exited).toBe(0);

    const lines = output.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.eventId === 'log-rejected-1')).toMatchObject({ code: 'UNKNOWN_LINE', departmentCode: 'LOG' });
    expect(lines.some((l) => String(l.msg).includes('shutting down'))).toBe(true);
    for (const secret of [adminToken, minted, 'bt_presented-bad-token-9913', password]) expect(output).not.toContain(secret);
  });
});
