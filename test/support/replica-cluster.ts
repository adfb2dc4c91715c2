import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * A throwaway PostgreSQL primary and a hot-standby read replica made from it by `pg_basebackup -R` (streaming
 * replication, the engine docs/scaling.md §3 relies on), on free ports, in a temporary directory, with the machine's
 * PostgreSQL binaries. As root the servers run as `nobody` (PostgreSQL refuses to run as root).
 */
export interface ReplicaCluster {
  primaryUrl: string;
  replicaUrl: string;
  /** Runs SQL on the replica (e.g. `SELECT pg_wal_replay_pause()`). */
  onReplica<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  stop(): Promise<void>;
}

const NOBODY = 65534;

/** The directory of a PostgreSQL installation with pg_basebackup (Debian's /usr/lib/postgresql/N/bin), or null. */
export function postgresBinDir(): string | null {
  const fromConfig = (() => {
    try {
      return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    } catch {
      return null;
    }
  })();
  const candidates = [fromConfig, ...(existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql').sort().reverse().map((v) => `/usr/lib/postgresql/${v}/bin`) : [])];
  return candidates.find((dir) => dir && existsSync(join(dir, 'pg_basebackup')) && existsSync(join(dir, 'initdb'))) ?? null;
}

export async function startReplicaCluster(primaryPort: number, replicaPort: number): Promise<ReplicaCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error('no PostgreSQL installation with initdb and pg_basebackup (apt-get install postgresql)');
  const root = mkdtempSync(join(tmpdir(), 'budget-replica-'));
  chmodSync(root, 0o755);
  const asOwner = process.getuid?.() === 0 ? { uid: NOBODY, gid: NOBODY } : {};
  if (process.getuid?.() === 0) chownSync(root, NOBODY, NOBODY);
  const primaryDir = join(root, 'primary');
  const replicaDir = join(root, 'replica');
  const run = (name: string, args: string[]) => execFileSync(join(bin, name), args, { ...asOwner, stdio: 'pipe' });
  const settings = (port: number) => `-c port=${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c fsync=off -c shared_buffers=32MB`;

  run('initdb', ['-D', primaryDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
  run('pg_ctl', ['-D', primaryDir, '-w', '-l', join(root, 'primary.log'), '-o', settings(primaryPort), 'start']);
  const started: string[] = [primaryDir];
  const stop = async () => {
    for (const dir of started.reverse()) {
      try {
        run('pg_ctl', ['-D', dir, '-w', '-m', 'immediate', 'stop']);
      } catch {
        // already stopped
      }
    }
    rmSync(root, { recursive: true, force: true });
  };
  try {
    const primaryUrl = `postgres://postgres@127.0.0.1:${primaryPort}/postgres`;
    run('pg_basebackup', ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres', '-D', replicaDir, '-R', '-X', 'stream', '--no-sync']);
    run('pg_ctl', ['-D', replicaDir, '-w', '-l', join(root, 'replica.log'), '-o', `${settings(replicaPort)} -c hot_standby=on`, 'start']);
    started.push(replicaDir);
    const replicaUrl = `postgres://postgres@127.0.0.1:${replicaPort}/postgres`;
    return {
      primaryUrl,
      replicaUrl,
      async onReplica<T>(sql: string): Promise<T[]> {
        const client = new Client({ connectionString: replicaUrl });
        await client.connect();
        try {
          return (await client.query(sql)).rows as T[];
        } finally {
          await client.end();
        }
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

