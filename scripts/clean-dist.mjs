// Removes what `npm run build` wrote to dist/ before, so no module deleted from the sources
// lingers in the build. Other files in dist/ (e.g. a Teams app package) are left alone.
import { rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
for (const folder of ['bot', 'dialogs', 'locales', 'deploy']) {
  rmSync(join(root, 'dist', folder), { recursive: true, force: true });
}
