/** Errors the BFF answers with: always the v3.1 envelope, with our request id. */
import { errorCodeFor, type ErrorEnvelope } from '../contract/errors.ts';

export class BffError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: {
      suggested_fix?: string;
      errors?: string[];
      retryAfterSeconds?: number;
      /** What Composio said (scrubbed), for the operator's `onError`: never sent to the browser. */
      upstreamText?: string;
    } = {},
  ) {
    super(message);
    this.name = 'BffError';
  }
}

export function errorEnvelope(error: BffError, requestId: string): ErrorEnvelope {
  const { suggested_fix, errors } = error.details;
  return {
    error: {
      message: error.message,
      ...errorCodeFor(error.status),
      status: error.status,
      request_id: requestId,
      ...(suggested_fix ? { suggested_fix } : {}),
      ...(errors?.length ? { errors } : {}),
    },
  };
}

export function errorResponse(error: BffError, requestId: string): Response {
  const headers = new Headers({ 'content-type': 'application/json', 'cache-control': 'no-store', 'x-request-id': requestId });
  if (error.details.retryAfterSeconds !== undefined) headers.set('Retry-After', String(error.details.retryAfterSeconds));
  return new Response(JSON.stringify(errorEnvelope(error, requestId)), { status: error.status, headers });
}
