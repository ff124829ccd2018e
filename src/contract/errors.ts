/**
 * The v3.1 error envelope (docs/composio-v3.1.md#error-envelope). The BFF always answers with it, and normalises the
 * upstream 429's bare `{ message }` body into it.
 */
export interface ErrorBody {
  message: string;
  /** Composio's numeric code, e.g. 10400 for BadRequest (docs/composio-v3.1.md#error-envelope). */
  code: number;
  slug: string;
  status: number;
  request_id?: string;
  suggested_fix?: string;
  errors?: string[];
}

export interface ErrorEnvelope {
  error: ErrorBody;
}

/** The upstream 429 body: a plain object, not the envelope (docs/composio-v3.1.md#rate-limits). */
export interface RateLimitBody {
  message: string;
}

/** Composio-style numeric code and slug for an HTTP status; the codes are known from third-party material only (docs/composio-v3.1.md#error-envelope). */
export function errorCodeFor(status: number): { code: number; slug: string } {
  switch (status) {
    case 400:
      return { code: 10400, slug: 'BadRequest' };
    case 401:
      return { code: 10401, slug: 'Unauthorized' };
    case 403:
      return { code: 10403, slug: 'Forbidden' };
    case 404:
      return { code: 10404, slug: 'URLNotFound' };
    case 413:
      return { code: 10413, slug: 'PayloadTooLarge' };
    case 429:
      return { code: 10429, slug: 'RateLimitExceeded' };
    case 502:
      return { code: 10502, slug: 'BadGateway' };
    case 503:
      return { code: 10503, slug: 'ServiceUnavailable' };
    case 504:
      return { code: 10504, slug: 'GatewayTimeout' };
    default:
      return status >= 500 ? { code: 10500, slug: 'InternalServerError' } : { code: 10000 + status, slug: 'Error' };
  }
}

export function isErrorEnvelope(value: unknown): value is ErrorEnvelope {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as ErrorBody).message === 'string' &&
    typeof (error as ErrorBody).status === 'number'
  );
}
