import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import JSZip from 'jszip';
import { Resvg } from '@resvg/resvg-js';

/** Where the manifest, its icon sources and the schemas live. */
const DEPLOY_DIR = join(__dirname, '..', '..', '..', 'deploy', 'teams');
const SCHEMAS_DIR = join(require.resolve('@microsoft/app-manifest/package.json'), '..', 'build', 'json-schemas', 'teams');

/** What changes between one agency's deployment and another's. */
export interface PackageSettings {
  /** The Teams app id (a GUID of the agency's choosing). */
  appId?: string;
  /** The Entra app (client) id of the bot, also the SSO application. */
  botId?: string;
  /** Where Doorway is reachable, e.g. https://doorway.example.org. */
  publicUrl?: string;
}

type Manifest = Record<string, unknown> & {
  manifestVersion: string;
  id: string;
  bots?: Array<{ botId: string }>;
  developer?: { websiteUrl?: string };
};

/** The committed manifest with this deployment's ids and host filled in. */
export function buildManifest(settings: PackageSettings, base: Manifest = readManifest()): Manifest {
  let text = JSON.stringify(base);
  // The committed ids and host are placeholders; replacing every occurrence keeps the bot,
  // the SSO resource and the tab's addresses in step.
  const botId = base.bots?.[0]?.botId;
  if (settings.botId && botId) text = text.split(botId).join(settings.botId);
  const website = base.developer?.websiteUrl;
  if (settings.publicUrl && website) text = text.split(new URL(website).host).join(new URL(settings.publicUrl).host);
  const manifest = JSON.parse(text) as Manifest;
  if (settings.appId) manifest.id = settings.appId;
  return manifest;
}

/** Validates against the JSON schema of the manifest's own version; returns readable problems. */
export function validateManifest(manifest: Manifest): string[] {
  const schemaFile = join(SCHEMAS_DIR, `v${manifest.manifestVersion}`, 'MicrosoftTeams.schema.json');
  const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as Record<string, unknown>;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.message ?? 'is not valid'}`);
}

/** The icons Teams requires: 192×192 in colour, 32×32 white outline on transparent. */
export function renderIcons(): { color: Buffer; outline: Buffer } {
  const render = (name: string) => new Resvg(readFileSync(join(DEPLOY_DIR, name), 'utf8')).render().asPng();
  return { color: render('color.svg'), outline: render('outline.svg') };
}

/** The app package: manifest.json and both icons at the root of a zip, as Teams expects. */
export async function buildAppPackage(settings: PackageSettings): Promise<{ zip: Buffer; problems: string[] }> {
  const manifest = buildManifest(settings);
  const problems = validateManifest(manifest);
  const icons = renderIcons();
  const zip = new JSZip();
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  zip.file('color.png', icons.color);
  zip.file('outline.png', icons.outline);
  return { zip: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }), problems };
}

function readManifest(): Manifest {
  return JSON.parse(readFileSync(join(DEPLOY_DIR, 'manifest.json'), 'utf8')) as Manifest;
}
