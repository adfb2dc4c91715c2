import { ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issue, pay } from './support/events';

/**
 * The embedded default (issue: `npm ci && npm start` with no DATABASE_URL): the built API starts its own PostgreSQL,
 * prints an admin token, serves /v1/health, ingests a batch, and keeps the data across a restart.
 */
const API_MAIN = join(__dirname, '../dist/apps/api/main.js');

describe('npm start on the embedded default', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'bt-embedded-'));
  chmodSync(dataDir, 0o755); // as root the embedded server runs as nobody, who must reach its data directory
  const port = 30_000 + Math.floor(Math.random() * 20_000);
  let api: ChildProcess | null = null;
  let output = '';

  const start = async () => {
    if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} missing: run \`npx nest build api\` (npm test does)`);
    output = '';
    api = spawn(process.execPath, [API_MAIN], { env: { PATH: process.env.PATH, PORT: String(port), DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(port + 1) }, stdio: ['ignore', 'pipe', 'pipe'] });
    api.stdout!.on('data', (d) => (output += d));
    api.stderr!.on('data', (d) => (output += d));
    for (let i = 0; i < 300; i++) {
      const ok = await fetch(`http://127.0.0.1:${port}/v1/health`).then((r) => r.ok, () => false);
      if (ok) return;
      if (api.exitCode !== null) throw new Error(`the API exited: ${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the API did not start: ${output}`);
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!api || api.exitCode !== null) return resolve();
      api.once('exit', () => resolve());
      api.kill('SIGTERM');
    });

  afterAll(async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves health, ingests a batch and keeps it across a restart, with no database configured', async () => {
    await start();
    const token = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
    expect(output).toContain(token);
    const health = await (await fetch(`http://127.0.0.1:${port}/v1/health`)).json();
    expect(health).toMatchObject({ status: 'ok', transport: 'embedded', database: { ok: true } });

    const post = await fetch(`http://127.0.0.1:${port}/v1/events`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ events: [issue('L1', '1790000', {}, { departmentCode: '434' }), pay('L1', '358000.00', '30201', { departmentCode: '434' })] }),
    });
    expect(post.status).toBe(200);
    expect((await post.json()).results.map((r: { status: string }) => r.status)).toEqual(['APPLIED', 'APPLIED']);

    await stop();
    await start();
    const lines = await (await fetch(`http://127.0.0.1:${port}/v1/departments/434/years/2023/lines`, { headers: { Authorization: `Bearer ${token}` } })).json();
    expect(lines.lines).toEqual([expect.objectContaining({ lineId: 'L1', budget: '1790000.00', paid: '358000.00', available: '1432000.00' })]);
  });
});
