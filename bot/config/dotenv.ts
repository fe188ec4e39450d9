import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from 'node:util';

/** The variables of `.env` in `cwd`, or none when there is no such file. Syntax as Node's `--env-file`. */
export function readDotEnv(cwd: string = process.cwd()): Record<string, string> {
  const path = join(cwd, '.env');
  if (!existsSync(path)) return {};
  const parsed = parseEnv(readFileSync(path, 'utf8'));
  return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/**
 * Adds the variables of `<cwd>/.env` to `env` that the real environment does not set, so a variable
 * set in the shell, unit file or container always wins over the file. As in `loadEnv`, an empty value
 * counts as unset, and names are compared ignoring case (the Agents SDK reads `clientId` in any case).
 * Returns the names taken from the file.
 */
export function applyDotEnv(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): string[] {
  const set = new Set(Object.keys(env).filter((name) => env[name]?.trim()).map((name) => name.toUpperCase()));
  const taken: string[] = [];
  for (const [name, value] of Object.entries(readDotEnv(cwd))) {
    if (set.has(name.toUpperCase())) continue;
    env[name] = value;
    taken.push(name);
  }
  return taken;
}
