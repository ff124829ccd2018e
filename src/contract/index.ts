export type * from './upstream.ts';
export type * from './protocol.ts';
export type { ErrorBody, ErrorEnvelope, RateLimitBody } from './errors.ts';
export { errorCodeFor, isErrorEnvelope } from './errors.ts';
export { BFF_PATHS, DEFAULT_ENDPOINT, SERIES_INTERVALS } from './protocol.ts';
export * from './constants.ts';
