import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './replicas';

/**
 * A PostgreSQL server of the test's own (initdb in a temporary folder, on its own port), which a
 * test may stop and restart without disturbing the suites that share the machine's server.
 */
export interface OwnPostgres {
  url: string;
  restart(): void;
  stop(): void;
}

function binaries(): string {
  const root = '/usr/lib/postgresql';
  const version = readdirSync(root).sort((a, b) => Number(b) - Number(a))[0];
  if (!version) throw new Error('No PostgreSQL server binaries under /usr/lib/postgresql');
  return join(root, version, 'bin');
}

export async function startOwnPostgres(): Promise<OwnPostgres> {
  const bin = binaries();
  const dir = mkdtempSync(join(tmpdir(), 'doorway-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  const port = await freePort();
  // The server refuses to run as root; the machine's postgres user runs it then.
  const asServer = (command: string, args: string[]) => {
    const runAs = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] as const : [command, args] as const;
    execFileSync(runAs[0], [...runAs[1]], { stdio: 'pipe' });
  };
  const ctl = (...args: string[]) => asServer(join(bin, 'pg_ctl'), ['-D', data, '-w', '-t', '30', ...args]);
  asServer(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const options = ['-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, '-l', join(dir, 'log')];
  ctl('start', ...options);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    restart: () => ctl('restart', '-m', 'fast', ...options),
    stop: () => {
      if (existsSync(join(data, 'postmaster.pid'))) ctl('stop', '-m', 'immediate');
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
