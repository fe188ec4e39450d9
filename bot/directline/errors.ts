import type { ErrorRequestHandler, Response } from 'express';
import type { DirectLineLogger } from './types';

/** A failure the client should see as `{ error: { code, message } }` with this status. */
export class DirectLineError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string
  ) {
    super(message);
    this.name = 'DirectLineError';
  }
}

/** Writes the Direct Line error body. */
export function sendError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

interface BodyParserError {
  type?: unknown;
  status?: unknown;
}

/** body-parser marks its errors with a `type`; map them before anything else can render HTML. */
function fromBodyParser(error: BodyParserError): DirectLineError | undefined {
  if (error.type === 'entity.parse.failed') return new DirectLineError(400, 'BadArgument', 'The body is not valid JSON.');
  if (error.type === 'entity.too.large') return new DirectLineError(413, 'MessageSizeTooBig', 'The activity is too large.');
  if (typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
    return new DirectLineError(error.status, 'BadArgument', 'The request body could not be read.');
  }
  return undefined;
}

/** The last handler of the Direct Line router: every error leaves as JSON. */
export function jsonErrors(logger: DirectLineLogger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) return next(error);
    const known =
      error instanceof DirectLineError
        ? error
        : typeof error === 'object' && error !== null
          ? fromBodyParser(error as BodyParserError)
          : undefined;
    if (known) return sendError(res, known.status, known.code, known.message);
    logger.error({ err: error }, 'directline: unexpected error');
    sendError(res, 500, 'ServiceError', 'Something went wrong on our side.');
  };
}
