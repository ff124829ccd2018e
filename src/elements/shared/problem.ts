/**
 * What a vendor's customer reads when loading fails: plain words about their data, never the
 * supplier's name or HTTP jargon. The technical details (status, request id, the server's message)
 * stay one click away, for support.
 */
import { html, nothing } from 'lit';
import { BffRequestError } from '../../client/bff-client.ts';

/** What could not be loaded, in the reader's words ("Usage data", "Activity"). */
export type Subject = 'usage' | 'activity' | 'details';

const SUBJECT: Record<Subject, string> = { usage: 'Usage data', activity: 'Activity', details: 'These details' };

/** One sentence for the reader, chosen by what happened rather than by what the server said. */
export function plainWords(error: unknown, subject: Subject): string {
  const what = SUBJECT[subject];
  if (!(error instanceof BffRequestError)) return `${what} could not be loaded. Check your connection and try again.`;
  const { status } = error;
  if (status === 429) {
    const wait = error.retryAfterSeconds;
    return `Too many requests right now. ${wait ? `Try again in ${wait} s.` : 'Try again in a moment.'}`;
  }
  if (status === 401 || status === 403) return 'Your session has expired or you are signed out. Sign in again to see this.';
  if (status === 404) return `${what} could not be found.`;
  if (status === 400 || status === 413 || status === 422)
    return `${what} could not be loaded for these settings. Try a shorter period or fewer filters.`;
  return `${what} is temporarily unavailable. Try again in a moment.`;
}

/** Status, request id and the server's own message: for a support ticket, not for the reader. */
export function technicalDetails(error: unknown): string {
  if (error instanceof BffRequestError) {
    return [`HTTP ${error.status}`, error.requestId && `request ${error.requestId}`, error.message].filter(Boolean).join(' · ');
  }
  return error instanceof Error ? error.message : String(error);
}

export const isAbort = (error: unknown): boolean => (error as Error | undefined)?.name === 'AbortError';

/**
 * The error banner both elements show: plain words, Retry, and the details folded away.
 * `stale` says the data on screen is the last that loaded, not what the controls now ask for.
 */
export function renderProblem(error: unknown, options: { subject: Subject; stale: boolean; onRetry: () => void }) {
  return html`<div class="error" part="error" role="alert">
    <span class="message"
      >${plainWords(error, options.subject)}${options.stale ? html` <strong>Showing the last data that loaded.</strong>` : nothing}</span
    >
    <button type="button" part="retry" @click=${options.onRetry}>Retry</button>
    <details class="meta">
      <summary>Details</summary>
      <span class="technical">${technicalDetails(error)}</span>
    </details>
  </div>`;
}
