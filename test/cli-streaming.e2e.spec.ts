import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, createWriteStream } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI_MAIN, runBudget } from './support/cli';

/**
 * `budget import` streams (SPEC §13, issue 13 point 4): a 1 000 000-event NDJSON file (about 220 MiB) is posted in batches
 * of 1 000 while the CLI's peak resident memory stays under RSS_BOUND_MIB — less than the file itself, so the file is
 * never held whole. The peak is read from the CLI process's own /proc/<pid>/status (VmHWM, the kernel's high-water
 * mark of its resident set) while it runs: at every batch it posts, when it is waiting for the answer, and every
 * 100 ms. The API here is a stub answering APPLIED for every event, so the API is not what is measured.
 *
 * Documented bound (README): 192 MiB, below the size of the file. Measured on the development machine (2 shared
 * cores): 115–140 MiB at 200 000 events and at 1 000 000 alike — how far V8 lets garbage pile up before collecting
 * varies with the load; the live heap stays under 10 MiB, and Node itself is about 55 MiB. CLI_RSS_EVENTS sets a
 * smaller size for a quick run.
 */
const EVENTS = Number(process.env.CLI_RSS_EVENTS || 1_000_000);
const RSS_BOUND_MIB = 192;

function vmHwmKib(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null; // the process has ended
  }
}

describe('budget import streams in constant memory', () => {
  let dir: string;
  let stub: Server;
  let stubUrl: string;
  let childPid = 0;
  let peakKib = 0;
  const batches: { size: number; first: string; last: string }[] = [];
  const sample = () => {
    const hwm = childPid ? vmHwmKib(childPid) : null;
    if (hwm !== null) peakKib = Math.max(peakKib, hwm);
  };

  beforeAll(async () => {
    if (!existsSync(CLI_MAIN)) throw new Error(`${CLI_MAIN} missing: run \`npx nest build cli\` (npm test does)`);
    dir = mkdtempSync(join(tmpdir(), 'budget-cli-rss-'));
    // The stub API: counts the events of each batch (without parsing them) and answers APPLIED for each.
    stub = createServer((req, res) => {
      sample(); // the CLI has built and sent this batch and waits for the answer
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const ids = [...body.matchAll(/"eventId":"([^"]+)"/g)].map((m) => m[1]);
        batches.push({ size: ids.length, first: ids[0], last: ids[ids.length - 1] });
        res.setHeader('Content-Type', 'application/json');
        res.end(`{"results":[${ids.map(() => '{"status":"APPLIED"}').join(',')}],"position":${batches.length}}`);
      });
    });
    await new Promise<void>((resolve) => stub.listen(0, '127.0.0.1', resolve));
    const address = stub.address();
    stubUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => (stub ? stub.close(() => resolve()) : resolve()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(`posts ${EVENTS.toLocaleString('en-US')} events in batches of 1 000 with peak RSS under ${RSS_BOUND_MIB} MiB`, async () => {
    const path = join(dir, 'events.ndjson');
    const out = createWriteStream(path);
    for (let i = 1; i <= EVENTS; i++) {
      const line = `{"eventId":"rss-${i}","type":"PaymentMade","fiscalYear":2024,"departmentCode":"434","occurredOn":"2024-03-15","data":{"lineId":"L-${i % 97}","amount":"${i % 1000}.${String(i % 100).padStart(2, '0')}","economicCode":"30201","payee":"秦皇岛市某某办公用品有限公司"}}\n`;
      if (!out.write(line)) await new Promise<void>((resolve) => out.once('drain', resolve));
    }
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
    const size = statSync(path).size;

    const timer = setInterval(sample, 100);
    const run = await runBudget(['import', path, '--json'], { BUDGET_URL: stubUrl, BUDGET_TOKEN: 'stub', BUDGET_PROGRESS_INTERVAL_MS: '1000' }, {
      script: CLI_MAIN,
      onSpawn: (child) => {
        childPid = child.pid!;
      },
    });
    clearInterval(timer);

    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ applied: EVENTS, duplicate: 0, rejected: 0 });
    // Every event once, in file order, 1 000 at a time.
    expect(batches.length).toBe(Math.ceil(EVENTS / 1000));
    expect(batches.slice(0, -1).every((b) => b.size === 1000)).toBe(true);
    expect(batches.reduce((n, b) => n + b.size, 0)).toBe(EVENTS);
    expect(batches[0].first).toBe('rss-1');
    expect(batches[batches.length - 1].last).toBe(`rss-${EVENTS}`);
    expect(batches.every((b, i) => b.first === `rss-${i * 1000 + 1}`)).toBe(true);
    // Progress on stderr: plain lines (not a terminal) with count, rate and ETA, then the total.
    expect(run.stderr).toMatch(/events\.ndjson：完成，[\d,]+ 行，[\d,]+ 行\/秒，用时/);
    if (EVENTS >= 200_000) expect(run.stderr).toMatch(/events\.ndjson：\d+%，[\d,]+ 行，[\d,]+ 行\/秒，预计剩余/);

    const peakMib = peakKib / 1024;
    console.log(`budget import of ${EVENTS} events (${(size / 1048576).toFixed(0)} MiB): peak RSS (VmHWM) ${peakMib.toFixed(1)} MiB, bound ${RSS_BOUND_MIB} MiB`);
    expect(peakKib).toBeGreaterThan(0); // measured, not assumed
    expect(peakMib).toBeLessThan(RSS_BOUND_MIB);
    if (EVENTS === 1_000_000) expect(size / 1048576).toBeGreaterThan(RSS_BOUND_MIB); // the file could not have been held whole
  }, 300_000);
});
