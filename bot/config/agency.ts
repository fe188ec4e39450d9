import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse, YAMLParseError } from 'yaml';
import type { AgencyInfo } from '../../dialogs/types';
import { agencySchema, issueLines, type AgencyFile } from './agency-schema';

/** A validated agency file; `directory` is an absolute path once loaded. */
export type AgencyConfig = AgencyFile;

/**
 * Reads and validates the agency YAML file. Throws one Error listing every problem, each as
 * `Agency file <path>: <field.path>: <problem>`, so a wrong file stops the start-up with a fix.
 */
export function loadAgency(path: string): AgencyConfig {
  const fail = (lines: string[]): never => {
    throw new Error(lines.map((line) => `Agency file ${path}: ${line}`).join('\n'));
  };

  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (error) {
    return fail([`cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`]);
  }

  let data: unknown;
  try {
    data = parse(source);
  } catch (error) {
    if (error instanceof YAMLParseError) {
      // The first line already says where ("… at line 3, column 5:"); the rest is a code excerpt.
      return fail([`not valid YAML: ${error.message.split('\n')[0].replace(/:$/, '')}`]);
    }
    throw error;
  }

  const result = agencySchema.safeParse(data);
  if (!result.success) return fail(issueLines(result.error, data));

  const directory = resolve(dirname(path), result.data.directory);
  if (!existsSync(directory)) return fail([`directory: file not found: ${directory}`]);
  return { ...result.data, directory };
}

/** What the conversation needs to know about the agency, without its operational details. */
export function toAgencyInfo(config: AgencyConfig): AgencyInfo {
  return {
    name: config.name,
    phone: config.phone,
    email: config.email,
    address: config.address,
    website: config.website,
    defaultLocale: config.defaultLocale,
    staffLocale: config.staffLocale,
    locales: [...config.locales],
    timeZone: config.timeZone,
    categories: [...config.categories],
    modalities: [...config.slots.modalities],
    emergency: config.emergency.map((entry) => ({ label: { ...entry.label }, number: entry.number })),
    helplines: config.helplines.map((entry) => ({ label: { ...entry.label }, number: entry.number })),
    openingHours: config.openingHours.map((range) => ({ days: [...range.days], opens: range.opens, closes: range.closes })),
    retentionDays: config.retentionDays,
    consentVersion: config.consentVersion
  };
}
