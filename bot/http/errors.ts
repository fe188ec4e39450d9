import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { Logger } from '../logger';

/** An error with the HTTP status and a stable code to answer it with. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message);
  }
}

/** Every error response has this one shape: `{ "error": { "code", "message" } }`. */
export function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

export const notFound: RequestHandler = (_req, res) => sendError(res, 404, 'NotFound', 'No such endpoint.');

/** Shapes every error as JSON: body-parser's, our HttpErrors, and anything unexpected (logged once). */
export function jsonErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    const parserType = (error as { type?: unknown }).type;
    if (parserType === 'entity.parse.failed') return sendError(res, 400, 'BadJson', 'The request body is not valid JSON.');
    if (parserType === 'entity.too.large') return sendError(res, 413, 'TooLarge', 'The request body is too large.');
    if (parserType === 'encoding.unsupported' || parserType === 'charset.unsupported') {
      return sendError(res, 415, 'UnsupportedEncoding', 'Send the body as UTF-8 JSON.');
    }
    if (error instanceof HttpError) return sendError(res, error.status, error.code, error.message);
    logger.error({ err: error, path: req.path }, 'request failed');
    return sendError(res, 500, 'InternalError', 'Something went wrong on our side.');
  };
}
