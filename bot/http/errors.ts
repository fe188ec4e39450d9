import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';

/** An error with the HTTP status and a stable code to answer it with. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Every error response has this one shape: `{ "error": { "code", "message" } }`. */
export function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

export const notFound: RequestHandler = (_req, res) => sendError(res, 404, 'NotFound', 'No such endpoint.');

/** Where unexpected errors are logged; a pino logger fits. */
export interface ErrorLogger {
  error(detail: object, message: string): void;
}

/** A code and message to answer with. */
interface Answer {
  code: string;
  message: string;
}

/**
 * How one API words the failures it did not raise itself. Its own failures are `HttpError`s and
 * answer with their own status, code and message.
 */
export interface ErrorWording {
  /** body-parser's failures, by the `type` it marks them with. */
  bodyParser: Readonly<Record<string, Answer & { status: number }>>;
  /** Any other error that carries a 4xx `status`, answered with that status; unset, they count as unexpected. */
  otherClientError?: Answer;
  /** Anything else: answered with 500 and logged once with `log` as the line. */
  unexpected: Answer & { log: string };
  /** What the log line says about the request besides the error; paths that hold secrets must not go in. */
  logContext?: (req: Request) => object;
}

/** The wording of Doorway's own endpoints (`/api/messages`, the web routes, the staff side). */
export const API_ERRORS: ErrorWording = {
  bodyParser: {
    'entity.parse.failed': { status: 400, code: 'BadJson', message: 'The request body is not valid JSON.' },
    'entity.too.large': { status: 413, code: 'TooLarge', message: 'The request body is too large.' },
    'encoding.unsupported': { status: 415, code: 'UnsupportedEncoding', message: 'Send the body as UTF-8 JSON.' },
    'charset.unsupported': { status: 415, code: 'UnsupportedEncoding', message: 'Send the body as UTF-8 JSON.' }
  },
  unexpected: { code: 'InternalError', message: 'Something went wrong on our side.', log: 'request failed' },
  logContext: (req) => ({ path: req.path })
};

/** The last handler of a router: every error leaves as JSON in the one shape, whatever raised it. */
export function jsonErrorHandler(logger: ErrorLogger, wording: ErrorWording = API_ERRORS): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    if (error instanceof HttpError) return sendError(res, error.status, error.code, error.message);
    const { type, status } = typeof error === 'object' && error !== null ? (error as { type?: unknown; status?: unknown }) : {};
    const parserAnswer = typeof type === 'string' && Object.hasOwn(wording.bodyParser, type) ? wording.bodyParser[type] : undefined;
    if (parserAnswer) return sendError(res, parserAnswer.status, parserAnswer.code, parserAnswer.message);
    if (wording.otherClientError && typeof status === 'number' && status >= 400 && status < 500) {
      return sendError(res, status, wording.otherClientError.code, wording.otherClientError.message);
    }
    logger.error({ err: error, ...wording.logContext?.(req) }, wording.unexpected.log);
    return sendError(res, 500, wording.unexpected.code, wording.unexpected.message);
  };
}
