// Copies the files the compiled server reads from disk at run time, which tsc does not emit,
// next to the compiled modules: they are found with `join(__dirname, …)`, so each keeps its path
// relative to the code. Locale and card JSON need no copy: the code imports them and tsc emits
// them. `node scripts/copy-assets.mjs [outDir]` (default dist).
import { cpSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Relative to the repository root, and to the output folder. */
export const ASSETS = [
  'bot/web/public', // bot/web/index.ts: the embed script and the widget's styles
  'bot/staff/tab/public', // bot/staff/tab/tab-routes.ts: the Teams tab page
  'bot/store/migrations', // bot/store/db.ts
  'bot/staff/store/migrations', // bot/store/db.ts
  'deploy/agency', // bot/config/env.ts: the default AGENCY_CONFIG, relative to the code
  'deploy/teams' // bot/staff/teams/app-package.ts: the manifest and icon sources
];

const root = resolve(import.meta.dirname, '..');
const outDir = resolve(root, process.argv[2] ?? 'dist');

for (const asset of ASSETS) {
  const from = join(root, asset);
  if (!existsSync(from)) {
    console.error(`copy-assets: ${asset} is missing`);
    process.exit(1);
  }
  cpSync(from, join(outDir, asset), { recursive: true });
}
