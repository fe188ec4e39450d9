/** An HTTP error from the connector that says "you may not post here" rather than "try later". */
export function isRefusal(error: unknown): error is { status: 403 | 404 } {
  if (typeof error !== 'object' || error === null) return false;
  const status = (error as { status?: unknown }).status;
  // 403: the agent was blocked or removed; 404: the channel or team is gone.
  return status === 403 || status === 404;
}
