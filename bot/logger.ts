import pino from 'pino';

export type Logger = pino.Logger;

/**
 * One JSON logger. Log lines carry conversation ids, never what a person wrote: the redaction
 * list is a safety net for fields that must not reach a log even by mistake.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: { paths: ['text', 'record', 'activity.text', 'body.text', '*.text', '*.record'], censor: '[redacted]' }
  });
}
