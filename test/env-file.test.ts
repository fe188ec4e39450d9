import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyDotEnv, readDotEnv } from '../bot/config/dotenv';
import { loadEnv } from '../bot/config/env';

describe('.env in the working directory', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'doorway-dotenv-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (text: string) => writeFileSync(join(dir, '.env'), text);

  it('should read nothing when there is no .env', () => {
    expect(readDotEnv(dir)).toEqual({});
    const env = { PORT: '4000' };
    expect(applyDotEnv(env, dir)).toEqual([]);
    expect(env).toEqual({ PORT: '4000' });
  });

  it('should read names and values, with comments, quotes and empty values as in .env.example', () => {
    write(['# a comment', 'PORT=4001', 'PUBLIC_URL="https://chat.example.org"', "LOG_LEVEL='debug' # trailing comment", 'DATABASE_URL=', ''].join('\n'));
    expect(readDotEnv(dir)).toEqual({ PORT: '4001', PUBLIC_URL: 'https://chat.example.org', LOG_LEVEL: 'debug', DATABASE_URL: '' });
  });

  it('should let the real environment win over the file', () => {
    write('PORT=4002\nLOG_LEVEL=debug\nTOKEN_SECRET=from-the-file-from-the-file-123\n');
    const env: NodeJS.ProcessEnv = { PORT: '5000' };
    expect(applyDotEnv(env, dir).sort()).toEqual(['LOG_LEVEL', 'TOKEN_SECRET']);
    expect(env).toEqual({ PORT: '5000', LOG_LEVEL: 'debug', TOKEN_SECRET: 'from-the-file-from-the-file-123' });
    expect(loadEnv(env)).toMatchObject({ port: 5000, logLevel: 'debug', tokenSecret: 'from-the-file-from-the-file-123', tokenSecretGenerated: false });
  });

  it('should count an empty environment variable as unset, as loadEnv does', () => {
    write('PORT=4003\n');
    const env: NodeJS.ProcessEnv = { PORT: ' ' };
    expect(applyDotEnv(env, dir)).toEqual(['PORT']);
    expect(loadEnv(env).port).toBe(4003);
  });

  it('should compare names ignoring case, as the Agents SDK reads clientId in any case', () => {
    write('clientId=from-the-file\n');
    const env: NodeJS.ProcessEnv = { CLIENTID: 'from-the-environment' };
    expect(applyDotEnv(env, dir)).toEqual([]);
    expect(loadEnv(env).clientId).toBe('from-the-environment');
  });
});
