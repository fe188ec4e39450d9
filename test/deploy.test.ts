import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { loadAgency } from '../bot/config/agency';
import { operationsRoutes, type OperationsMetrics } from '../bot/http/operations';
import { loadDirectory } from '../bot/services/directory';
import type { Db } from '../bot/store/db';

/*
 * Structural checks of the deployment files under deploy/ (docker, kubernetes, azure): they parse,
 * they point at the routes, ports and paths the server really has, and they set only environment
 * variables Doorway (or the Agents SDK) reads. Nothing here talks to Docker, a cluster or Azure.
 * One file covers all of deploy/, which is why it is longer than most suites.
 */

const ROOT = resolve(__dirname, '..');
const DEPLOY = join(ROOT, 'deploy');
const read = (path: string): string => readFileSync(join(DEPLOY, path), 'utf8');

const PORT = 3978;
const ENTRY_POINT = 'dist/bot/index.js';

/** The GET routes of bot/http/operations.ts, which the probes and the metrics scrape point at. */
function operationsPaths(): string[] {
  const router = operationsRoutes({ db: {} as Db, metrics: {} as OperationsMetrics }) as unknown as {
    stack: Array<{ route?: { path: string; methods: Record<string, boolean> } }>;
  };
  return router.stack.flatMap((layer) => (layer.route?.methods.get ? [layer.route.path] : []));
}

/** The Agents SDK reads these itself (also as connections__<name>__settings__<key>). */
const AGENTS_SDK_VARIABLES = ['clientId', 'clientSecret', 'tenantId'];
const isAgentsSdkVariable = (name: string): boolean =>
  AGENTS_SDK_VARIABLES.includes(name) || /^connections(Map)?__/i.test(name);

/** Variables the deployment files set that .env.example does not list yet (none today). */
const PLANNED_VARIABLES: string[] = [];

/** Read by Node libraries (Express, the Agents SDK), not by Doorway; the image sets it. */
const NODE_RUNTIME_VARIABLES = ['NODE_ENV'];
/** Compose's own: fills ${POSTGRES_PASSWORD} in compose.yaml. */
const COMPOSE_VARIABLES = ['POSTGRES_PASSWORD'];

/** Every `NAME=` line of the repository's .env.example. */
function documentedVariables(): Set<string> {
  const text = readFileSync(join(ROOT, '.env.example'), 'utf8');
  return new Set([...text.matchAll(/^([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((match) => match[1]));
}

/** Every `NAME=` line of an env file, commented out or not. */
function envFileVariables(text: string): string[] {
  return [...text.matchAll(/^#?\s*([A-Za-z_][A-Za-z0-9_]*)=/gm)].map((match) => match[1]);
}

// --- compose -------------------------------------------------------------------------------

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  depends_on?: Record<string, { condition?: string }>;
  environment?: Record<string, string>;
  env_file?: Array<string | { path: string }>;
  healthcheck?: { test: string[] | string };
  ports?: string[];
  volumes?: string[];
}

interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

const COMPOSE_DIR = join(DEPLOY, 'docker');
const loadCompose = (): ComposeFile => parse(read('docker/compose.yaml')) as ComposeFile;

describe('deploy/docker/compose.yaml', () => {
  const compose = loadCompose();
  const doorway = compose.services.doorway;
  const postgres = compose.services.postgres;

  it('should define the services doorway and postgres', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['doorway', 'postgres']);
    expect(postgres.image).toMatch(/^postgres:16\b/);
  });

  it('should start doorway only once postgres reports healthy', () => {
    expect(doorway.depends_on?.postgres?.condition).toBe('service_healthy');
    expect([postgres.healthcheck?.test].flat().join(' ')).toContain('pg_isready');
  });

  it('should point DATABASE_URL at the postgres service and its database', () => {
    const url = doorway.environment?.DATABASE_URL ?? '';
    expect(url).toMatch(/^postgres(ql)?:\/\/[^@]+@postgres:5432\/[a-z_]+$/);
    expect(url.endsWith(`/${postgres.environment?.POSTGRES_DB}`)).toBe(true);
  });

  it('should keep the database on a named volume', () => {
    const dataVolume = (postgres.volumes ?? []).find((volume) => volume.endsWith(':/var/lib/postgresql/data'));
    expect(dataVolume).toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(dataVolume?.split(':')[0]);
  });

  it('should take TOKEN_SECRET from the env file the example documents', () => {
    const envFiles = (doorway.env_file ?? []).map((entry) => (typeof entry === 'string' ? entry : entry.path));
    expect(envFiles).toContain('.env');
    expect(doorway.environment?.TOKEN_SECRET).toMatch(/^\$\{TOKEN_SECRET:\?/);
    expect(envFileVariables(read('docker/compose.env.example'))).toEqual(expect.arrayContaining(['TOKEN_SECRET', 'POSTGRES_PASSWORD']));
  });

  it('should publish port 3978 and build the image from the repository root', () => {
    expect(doorway.ports).toContain(`${PORT}:${PORT}`);
    expect(resolve(COMPOSE_DIR, doorway.build?.context ?? '.')).toBe(ROOT);
    expect(existsSync(join(ROOT, doorway.build?.dockerfile ?? 'missing'))).toBe(true);
  });
});

// --- Dockerfile ----------------------------------------------------------------------------

interface Instruction {
  keyword: string;
  args: string;
}

/** The Dockerfile's instructions, continuation lines joined, comments dropped. */
function dockerInstructions(text: string): Instruction[] {
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  return logical.map((line) => {
    const [keyword, ...rest] = line.split(/\s+/);
    return { keyword: keyword.toUpperCase(), args: rest.join(' ') };
  });
}

/** Instructions per stage, in order; the first entry holds the ARGs before the first FROM. */
function stages(instructions: Instruction[]): Instruction[][] {
  const result: Instruction[][] = [[]];
  for (const instruction of instructions) {
    if (instruction.keyword === 'FROM') result.push([]);
    result[result.length - 1].push(instruction);
  }
  return result;
}

describe('deploy/docker/Dockerfile', () => {
  const instructions = dockerInstructions(read('docker/Dockerfile'));
  const built = stages(instructions).slice(1);
  const runtime = built[built.length - 1];
  const last = (keyword: string) => [...runtime].reverse().find((instruction) => instruction.keyword === keyword);

  it('should build in at least two stages', () => {
    expect(instructions.filter((instruction) => instruction.keyword === 'FROM').length).toBeGreaterThanOrEqual(2);
    expect(built[0].some((instruction) => instruction.args === 'npm run build')).toBe(true);
  });

  it('should install the locked dependencies, only production ones in the runtime stage', () => {
    const runs = (stage: Instruction[]) => stage.filter((instruction) => instruction.keyword === 'RUN').map((instruction) => instruction.args);
    expect(runs(built[0]).some((run) => /^npm ci\b/.test(run))).toBe(true);
    expect(runs(runtime).some((run) => /^npm ci --omit=dev\b/.test(run))).toBe(true);
    expect(runtime.some((instruction) => instruction.keyword === 'ENV' && /NODE_ENV=production/.test(instruction.args))).toBe(true);
  });

  it('should run as a non-root user', () => {
    const user = last('USER')?.args.split(':')[0];
    expect(user).toBeDefined();
    expect(['root', '0']).not.toContain(user);
  });

  it('should expose 3978, keep DATA_DIR on a volume and check /healthz with node', () => {
    expect(last('EXPOSE')?.args).toBe(String(PORT));
    expect(runtime.some((instruction) => instruction.keyword === 'ENV' && /DATA_DIR=\/data\b/.test(instruction.args))).toBe(true);
    expect(last('VOLUME')?.args).toContain('/data');
    const healthcheck = last('HEALTHCHECK')?.args ?? '';
    expect(healthcheck).toContain('/healthz');
    expect(operationsPaths()).toContain('/healthz');
    expect(healthcheck).toMatch(/"node"/);
    expect(healthcheck).not.toMatch(/curl|wget/);
  });

  it('should start the compiled entry point', () => {
    expect(JSON.parse(last('CMD')?.args ?? '[]')).toEqual(['node', ENTRY_POINT]);
  });

  it('should copy only sources that exist in the repository', () => {
    const exists = (source: string): boolean => {
      if (!source.includes('*')) return existsSync(join(ROOT, source));
      const pattern = new RegExp(`^${basename(source).replace(/[.]/g, '\\.').replace(/\*/g, '[^/]*')}$`);
      return readdirSync(join(ROOT, dirname(source))).some((name) => pattern.test(name));
    };
    const copies = instructions.filter((instruction) => instruction.keyword === 'COPY' && !instruction.args.startsWith('--'));
    const sources = copies.flatMap((copy) => copy.args.split(/\s+/).slice(0, -1));
    expect(sources.length).toBeGreaterThan(5);
    expect(sources.filter((source) => !exists(source))).toEqual([]);
  });

  describe('the build', () => {
    let out: string;
    beforeAll(() => {
      out = mkdtempSync(join(tmpdir(), 'doorway-assets-'));
    });
    afterAll(() => rmSync(out, { recursive: true, force: true }));

    it('should put static files, migrations and the demo agency where the compiled server looks for them', () => {
      const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
      expect(scripts.build).toMatch(/^tsc -p tsconfig\.build\.json && node scripts\/copy-assets\.mjs$/);
      execFileSync(process.execPath, [join(ROOT, 'scripts', 'copy-assets.mjs'), out]);
      // Read with join(__dirname, ...) from the compiled modules; deploy/agency is the default AGENCY_CONFIG.
      const needed = ['bot/web/public', 'bot/staff/tab/public', 'bot/store/migrations', 'bot/staff/store/migrations', 'deploy/agency'];
      for (const folder of needed) expect({ folder, files: readdirSync(join(out, folder)).sort() }).toEqual({ folder, files: readdirSync(join(ROOT, folder)).sort() });

      // The build stage has each of them, and the runtime stage takes dist/ from it.
      const buildCopies = built[0].filter((instruction) => instruction.keyword === 'COPY').map((instruction) => instruction.args.split(/\s+/)[0]);
      for (const folder of needed) expect(buildCopies.some((source) => folder === source || folder.startsWith(`${source}/`))).toBe(true);
      expect(buildCopies).toEqual(expect.arrayContaining(['scripts']));
      const runtimeCopies = runtime.filter((instruction) => instruction.keyword === 'COPY').map((instruction) => instruction.args);
      expect(runtimeCopies).toEqual(expect.arrayContaining(['--from=build /src/dist ./dist', 'deploy/agency ./deploy/agency']));
    });
  });
});

// --- Kubernetes ----------------------------------------------------------------------------

type Labels = Record<string, string>;

interface K8sObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; labels?: Labels };
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

interface Probe {
  httpGet?: { path: string; port: number | string };
}

interface Container {
  name: string;
  ports?: Array<{ name?: string; containerPort: number }>;
  env?: Array<{ name: string }>;
  envFrom?: Array<{ configMapRef?: { name: string }; secretRef?: { name: string } }>;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command: string[] }; sleep?: { seconds: number } } };
  securityContext?: { allowPrivilegeEscalation?: boolean; runAsNonRoot?: boolean; runAsUser?: number };
  volumeMounts?: Array<{ name: string; mountPath: string }>;
}

interface Deployment extends K8sObject {
  spec: {
    replicas: number;
    selector: { matchLabels: Labels };
    template: {
      metadata: { labels: Labels; annotations?: Record<string, string> };
      spec: {
        terminationGracePeriodSeconds?: number;
        securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
        containers: Container[];
        volumes?: Array<{ name: string; configMap?: { name: string } }>;
      };
    };
  };
}

interface Service extends K8sObject {
  spec: { selector: Labels; ports: Array<{ port: number; targetPort: number | string }> };
}

interface HorizontalPodAutoscaler extends K8sObject {
  spec: {
    scaleTargetRef: { apiVersion: string; kind: string; name: string };
    minReplicas: number;
    maxReplicas: number;
    metrics: Array<{ type: string; resource?: { name: string; target: { type: string; averageUtilization?: number } } }>;
  };
}

interface PodDisruptionBudget extends K8sObject {
  spec: { minAvailable?: number; selector: { matchLabels: Labels } };
}

const K8S_DIR = join(DEPLOY, 'kubernetes');
const manifestFiles = (): string[] =>
  readdirSync(K8S_DIR).filter((name) => /\.ya?ml$/.test(name) && name !== 'kustomization.yaml').sort();

function loadManifests(): K8sObject[] {
  return manifestFiles().flatMap((file) =>
    parseAllDocuments(readFileSync(join(K8S_DIR, file), 'utf8')).map((document) => {
      if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0].message}`);
      return document.toJS() as K8sObject;
    })
  );
}

/** True when every label of `selector` is on `labels` with the same value. */
const selects = (selector: Labels, labels: Labels): boolean =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([key, value]) => labels[key] === value);

describe('deploy/kubernetes', () => {
  const objects = loadManifests();
  const one = <T extends K8sObject>(kind: string): T => {
    const found = objects.filter((object) => object.kind === kind);
    if (found.length !== 1) throw new Error(`expected one ${kind} in deploy/kubernetes, found ${found.length}`);
    return found[0] as T;
  };
  const configMap = (name: string | undefined) => objects.find((object) => object.kind === 'ConfigMap' && object.metadata?.name === name);
  const deployment = one<Deployment>('Deployment');
  const pod = deployment.spec.template;
  const container = pod.spec.containers[0];
  const httpPort = container.ports?.[0];
  /** A probe's or Service's port, by number or by the container port's name. */
  const containerPortOf = (port: number | string | undefined): number | undefined =>
    typeof port === 'number' ? port : container.ports?.find((entry) => entry.name === port)?.containerPort;

  it('should give every document apiVersion, kind and metadata.name', () => {
    expect(objects.length).toBeGreaterThanOrEqual(7);
    for (const object of objects) {
      expect(object).toEqual(expect.objectContaining({ apiVersion: expect.any(String), kind: expect.any(String) }));
      expect(object.metadata?.name).toEqual(expect.any(String));
    }
  });

  it('should list every manifest, and only existing ones, in kustomization.yaml', () => {
    const kustomization = parse(readFileSync(join(K8S_DIR, 'kustomization.yaml'), 'utf8')) as { resources: string[] };
    expect([...kustomization.resources].sort()).toEqual(manifestFiles());
  });

  it('should run three replicas of port 3978 selected by the pod labels', () => {
    expect(deployment.spec.replicas).toBe(3);
    expect(httpPort?.containerPort).toBe(PORT);
    expect(selects(deployment.spec.selector.matchLabels, pod.metadata.labels)).toBe(true);
  });

  it('should probe /readyz for readiness and /healthz for liveness on the container port', () => {
    expect(container.readinessProbe?.httpGet?.path).toBe('/readyz');
    expect(container.livenessProbe?.httpGet?.path).toBe('/healthz');
    for (const probe of [container.readinessProbe, container.livenessProbe, container.startupProbe]) {
      if (probe) expect(containerPortOf(probe.httpGet?.port)).toBe(PORT);
      if (probe) expect(operationsPaths()).toContain(probe.httpGet?.path);
    }
  });

  it('should let Prometheus scrape /metrics on the container port', () => {
    const annotations = pod.metadata.annotations ?? {};
    expect(annotations['prometheus.io/scrape']).toBe('true');
    expect(Number(annotations['prometheus.io/port'])).toBe(PORT);
    expect(annotations['prometheus.io/path']).toBe('/metrics');
    expect(operationsPaths()).toContain('/metrics');
  });

  it('should run as a non-root user without privilege escalation', () => {
    const runAsNonRoot = container.securityContext?.runAsNonRoot ?? pod.spec.securityContext?.runAsNonRoot;
    const runAsUser = container.securityContext?.runAsUser ?? pod.spec.securityContext?.runAsUser;
    expect(runAsNonRoot).toBe(true);
    expect(runAsUser).not.toBe(0);
    expect(container.securityContext?.allowPrivilegeEscalation).toBe(false);
  });

  it('should let the load balancer drain before the server stops', () => {
    const grace = pod.spec.terminationGracePeriodSeconds ?? 30;
    expect(grace).toBe(30);
    const preStop = container.lifecycle?.preStop;
    const sleepSeconds = preStop?.sleep?.seconds ?? Number(preStop?.exec?.command.join(' ').match(/^sleep (\d+)$/)?.[1]);
    expect(sleepSeconds).toBeGreaterThan(0);
    expect(sleepSeconds).toBeLessThan(grace);
  });

  it('should route the Service to the container port of the Deployment\'s pods', () => {
    const service = one<Service>('Service');
    expect(selects(service.spec.selector, pod.metadata.labels)).toBe(true);
    for (const port of service.spec.ports) expect(containerPortOf(port.targetPort)).toBe(PORT);
  });

  it('should scale the Deployment on 70 % CPU', () => {
    const hpa = one<HorizontalPodAutoscaler>('HorizontalPodAutoscaler');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata?.name });
    expect(hpa.spec.minReplicas).toBeLessThanOrEqual(hpa.spec.maxReplicas);
    const cpu = hpa.spec.metrics.find((metric) => metric.type === 'Resource' && metric.resource?.name === 'cpu');
    expect(cpu?.resource?.target).toEqual({ type: 'Utilization', averageUtilization: 70 });
  });

  it('should keep at least one of the Deployment\'s pods through voluntary disruptions', () => {
    const pdb = one<PodDisruptionBudget>('PodDisruptionBudget');
    expect(pdb.apiVersion).toBe('policy/v1');
    expect(pdb.spec.minAvailable).toBe(1);
    expect(selects(pdb.spec.selector.matchLabels, pod.metadata.labels)).toBe(true);
  });

  it('should take the environment from a ConfigMap and a Secret that the manifests define', () => {
    const names = (kind: string) => objects.filter((object) => object.kind === kind).map((object) => object.metadata?.name);
    const configMaps = (container.envFrom ?? []).flatMap((source) => (source.configMapRef ? [source.configMapRef.name] : []));
    const secrets = (container.envFrom ?? []).flatMap((source) => (source.secretRef ? [source.secretRef.name] : []));
    expect(configMaps).toHaveLength(1);
    expect(secrets).toHaveLength(1);
    expect(names('ConfigMap')).toContain(configMaps[0]);
    expect(names('Secret')).toContain(secrets[0]);
  });

  /** AGENCY_CONFIG from the environment ConfigMap, and the ConfigMap mounted at its folder. */
  const agencyFile = () => {
    const settings = configMap(container.envFrom?.find((source) => source.configMapRef)?.configMapRef?.name);
    const path = settings?.data?.AGENCY_CONFIG ?? '';
    const mount = container.volumeMounts?.find((entry) => entry.mountPath === dirname(path));
    const volume = pod.spec.volumes?.find((entry) => entry.name === mount?.name);
    return { path, files: configMap(volume?.configMap?.name)?.data ?? {} };
  };

  it('should mount the agency ConfigMap where AGENCY_CONFIG points', () => {
    const { path, files } = agencyFile();
    expect(path).toMatch(/^\/.+\.ya?ml$/);
    expect(Object.keys(files)).toContain(basename(path));
  });

  describe('the example agency ConfigMap', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'doorway-deploy-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('should hold an agency file and directory that pass start-up validation', () => {
      const { path, files } = agencyFile();
      for (const [key, value] of Object.entries(files)) writeFileSync(join(dir, key), value);
      const agency = loadAgency(join(dir, basename(path)));
      expect(dirname(agency.directory)).toBe(dir);
      expect(loadDirectory(agency.directory).length).toBeGreaterThan(0);
    });
  });
});

// --- Azure ---------------------------------------------------------------------------------

interface BicepParam {
  name: string;
  type: string;
  hasDefault: boolean;
  secure: boolean;
}

/** `param` declarations with whether they have a default and a @secure() decorator. */
function bicepParams(text: string): BicepParam[] {
  const params: BicepParam[] = [];
  let decorators: string[] = [];
  for (const line of text.split('\n').map((entry) => entry.trim())) {
    // Lines inside a multi-line decorator such as @allowed([...]) neither add nor reset.
    if (line.startsWith('@')) decorators.push(line);
    const match = line.match(/^param\s+(\w+)\s+(\w+)(\s*=)?/);
    if (match) params.push({ name: match[1], type: match[2], hasDefault: Boolean(match[3]), secure: decorators.includes('@secure()') });
    if (match || /^(var|resource|output|targetScope)\b/.test(line)) decorators = [];
  }
  return params;
}

describe('deploy/azure/main.bicep', () => {
  const bicep = read('azure/main.bicep');
  const parameters = JSON.parse(read('azure/main.parameters.json')) as { parameters: Record<string, { value?: unknown }> };
  const resourceTypes = new Map([...bicep.matchAll(/^resource\s+\w+\s+'([^'@]+)@([^']+)'/gm)].map((match) => [match[1], match[2]]));

  it('should declare the bot, its channels, Container Apps, PostgreSQL and Key Vault with dated API versions', () => {
    for (const type of [
      'Microsoft.BotService/botServices',
      'Microsoft.BotService/botServices/channels',
      'Microsoft.App/managedEnvironments',
      'Microsoft.App/containerApps',
      'Microsoft.DBforPostgreSQL/flexibleServers',
      'Microsoft.DBforPostgreSQL/flexibleServers/databases',
      'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules',
      'Microsoft.KeyVault/vaults',
      'Microsoft.KeyVault/vaults/secrets',
      'Microsoft.ManagedIdentity/userAssignedIdentities'
    ]) {
      expect({ type, version: resourceTypes.get(type) }).toEqual({ type, version: expect.stringMatching(/^\d{4}-\d{2}-\d{2}(-preview)?$/) });
    }
  });

  it('should make an azurebot with a Teams and a Direct Line channel, messaging at /api/messages', () => {
    expect(bicep).toMatch(/kind: 'azurebot'/);
    expect(bicep).toMatch(/msaAppType: botAppType/);
    expect(bicep).toMatch(/@allowed\(\[\s*'UserAssignedMSI'\s*'SingleTenant'\s*\]\)\s*param botAppType string/);
    expect(bicep).toMatch(/endpoint: '\$\{publicUrl\}\/api\/messages'/);
    expect(bicep).toMatch(/channelName: 'MsTeamsChannel'/);
    expect(bicep).toMatch(/channelName: 'DirectLineChannel'/);
  });

  it('should serve port 3978 with probes on /healthz and /readyz', () => {
    expect(bicep).toMatch(new RegExp(`var port = ${PORT}\\b`));
    expect(bicep).toMatch(/targetPort: port/);
    for (const [type, path] of [['Startup', '/healthz'], ['Readiness', '/readyz'], ['Liveness', '/healthz']]) {
      expect(bicep).toMatch(new RegExp(`type: '${type}'\\s+httpGet: \\{\\s+path: '${path}'\\s+port: port`));
      expect(operationsPaths()).toContain(path);
    }
    expect(bicep).toMatch(/minReplicas: minReplicas/);
    expect(bicep).toMatch(/maxReplicas: maxReplicas/);
  });

  it('should read TOKEN_SECRET, the database URL and the client secret from Key Vault with the managed identity', () => {
    const vaultSecrets = [...bicep.matchAll(/\{ name: '([\w-]+)', keyVaultUrl: [^,]+, identity: identity\.id \}/g)].map((match) => match[1]);
    expect(vaultSecrets).toEqual(expect.arrayContaining(['token-secret', 'database-url', 'client-secret']));
    expect(bicep).toMatch(/\{ name: 'TOKEN_SECRET', secretRef: 'token-secret' \}/);
    expect(bicep).toMatch(/\{ name: 'DATABASE_URL', secretRef: 'database-url' \}/);
    expect(bicep).toMatch(/\{ name: 'clientSecret', secretRef: 'client-secret' \}/);
    expect(bicep).toMatch(/enableRbacAuthorization: true/);
  });

  it('should only set parameters in main.parameters.json that main.bicep declares', () => {
    const declared = bicepParams(bicep).map((param) => param.name);
    expect(Object.keys(parameters.parameters).filter((name) => !declared.includes(name))).toEqual([]);
  });

  it('should leave out of main.parameters.json only the secrets, which are passed on the command line', () => {
    const missing = bicepParams(bicep).filter((param) => !param.hasDefault && !(param.name in parameters.parameters));
    expect(missing.filter((param) => !param.secure)).toEqual([]);
    const secure = bicepParams(bicep).filter((param) => param.secure).map((param) => param.name);
    expect(Object.keys(parameters.parameters).filter((name) => secure.includes(name))).toEqual([]);
  });
});

// --- Environment variables across all of them ---------------------------------------------

/** Where each deployment file sets an environment variable for Doorway. */
function deploymentVariables(): Array<{ file: string; name: string }> {
  const found: Array<{ file: string; name: string }> = [];
  const add = (file: string, names: Iterable<string>) => {
    for (const name of names) found.push({ file, name });
  };

  add('docker/compose.yaml', Object.keys(loadCompose().services.doorway.environment ?? {}));
  add('docker/compose.env.example', envFileVariables(read('docker/compose.env.example')));

  const objects = loadManifests();
  const deployment = objects.find((object) => object.kind === 'Deployment') as Deployment;
  for (const container of deployment.spec.template.spec.containers) {
    add('kubernetes (env)', (container.env ?? []).map((entry) => entry.name));
    for (const source of container.envFrom ?? []) {
      const ref = source.configMapRef ?? source.secretRef;
      const kind = source.configMapRef ? 'ConfigMap' : 'Secret';
      const object = objects.find((entry) => entry.kind === kind && entry.metadata?.name === ref?.name);
      add(`kubernetes ${kind} ${ref?.name}`, Object.keys({ ...object?.data, ...object?.stringData }));
    }
  }

  add('azure/main.bicep', [...read('azure/main.bicep').matchAll(/\{ name: '([^']+)', (?:value|secretRef): /g)].map((match) => match[1]));
  return found;
}

describe('deployment environment variables', () => {
  const documented = documentedVariables();

  it('should set only variables that .env.example documents, the Agents SDK reads, or are planned', () => {
    const known = (name: string) =>
      documented.has(name) ||
      isAgentsSdkVariable(name) ||
      PLANNED_VARIABLES.includes(name) ||
      NODE_RUNTIME_VARIABLES.includes(name) ||
      COMPOSE_VARIABLES.includes(name);
    const variables = deploymentVariables();
    expect(variables.length).toBeGreaterThan(10);
    expect(variables.filter((entry) => !known(entry.name))).toEqual([]);
  });

  it('should describe every variable of .env.example in the deployment guide', () => {
    const guide = read('README.md');
    expect([...documented].filter((name) => !guide.includes(`\`${name}\``))).toEqual([]);
    for (const name of PLANNED_VARIABLES) expect(guide).toContain(`\`${name}\``);
  });
});
