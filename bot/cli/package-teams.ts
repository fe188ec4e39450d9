import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadEnv } from '../config/env';
import { buildAppPackage } from '../staff/teams/app-package';

/**
 * `npm run package:teams [-- --app-id GUID --out FILE]`: fills the manifest with this
 * deployment's ids (clientId and PUBLIC_URL from the environment), validates it against the
 * manifest JSON schema, and writes the Teams app package. Exits 1, writing nothing, when invalid.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'app-id': { type: 'string' }, out: { type: 'string' } } });
  const env = loadEnv();
  const { zip, problems } = await buildAppPackage({ appId: values['app-id'], botId: env.clientId, publicUrl: env.publicUrl });
  if (problems.length > 0) {
    console.error(`deploy/teams/manifest.json does not match its schema:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  const out = resolve(values.out ?? 'dist/doorway-teams.zip');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, zip);
  console.log(`Wrote ${out} (${zip.length} bytes); the manifest is valid.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
