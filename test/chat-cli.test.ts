import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startDoorway, type RunningDoorway } from './helpers/test-server';

/** Runs `npm run chat`'s program with typed lines and returns what it printed. */
function chat(url: string, lines: string[]): Promise<{ out: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, '../node_modules/tsx/dist/cli.mjs'), join(__dirname, '../bot/cli/chat.ts'), '--url', url, '--locale', 'en'], {
      stdio: ['pipe', 'pipe', 'pipe']
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ out, code }));
    child.stdin.end(lines.map((line) => `${line}\n`).join(''));
  });
}

describe('npm run chat', () => {
  let running: RunningDoorway;
  beforeAll(async () => {
    running = await startDoorway();
  });
  afterAll(async () => {
    await running.close();
  });

  it('should show numbered buttons, and take a number as pressing that button', async () => {
    const { out, code } = await chat(running.url, ['1', 'yes thats ok', '/quit']);
    expect(code).toBe(0);
    expect(out).toContain('1) Ask for help');
    expect(out).toContain('Is that all right with you?');
    expect(out).toContain('Who are you looking for help for?');
    expect(out).toMatch(/\[route · 10%\]/);
  });

  it('should say clearly when the assistant cannot be reached', async () => {
    const { out, code } = await chat('http://127.0.0.1:9', ['/quit']);
    expect(code).toBe(1);
    expect(out).toContain('Could not reach the assistant');
  });
});
