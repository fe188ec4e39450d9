import type { ErrorWording } from '../http/errors';

/**
 * Direct Line's words for failures its routes did not raise themselves, in the codes Direct Line
 * clients know. The log line leaves the path out: connector paths carry the connector key.
 */
export const DIRECT_LINE_ERRORS: ErrorWording = {
  bodyParser: {
    'entity.parse.failed': { status: 400, code: 'BadArgument', message: 'The body is not valid JSON.' },
    'entity.too.large': { status: 413, code: 'MessageSizeTooBig', message: 'The activity is too large.' }
  },
  otherClientError: { code: 'BadArgument', message: 'The request body could not be read.' },
  unexpected: { code: 'ServiceError', message: 'Something went wrong on our side.', log: 'directline: unexpected error' }
};
