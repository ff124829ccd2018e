/**
 * What a vendor's customer reads when loading fails: plain words about their data, never the
 * supplier's name or HTTP jargon. The technical details (status, request id, the server's message)
 * stay one click away, for support.
 */
import { html, nothing } from 'lit';
import { BffRequestError } from '../../client/bff-client.ts';
import type { BusyRetryController } from './busy-retry.ts';

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

/** The busy status's words, kept together for translation. */
export const BUSY_WORDS = {
  waiting: (seconds: number) => `Busy — retrying in ${seconds} s`,
  retrying: 'Busy — retrying now…',
  retryNow: 'Retry now',
} as const;

/**
 * "Busy — retrying in N s" with Retry now, while `busy` waits out a busy server: a quiet line
 * beside the data, not a banner in its place. Screen readers hear the wait once, from a polite live
 * region that stays in the page (a region inserted together with its words is often not read); the
 * ticking countdown is hidden from them, or they would read out every second.
 */
export function renderBusy(busy: BusyRetryController) {
  const line = busy.phase === 'waiting' ? BUSY_WORDS.waiting(busy.seconds) : BUSY_WORDS.retrying;
  return html`${
      busy.active
        ? html`<p class="busy-status" part="busy">
            <span class="countdown" aria-hidden="true">${line}</span>
            <button type="button" part="retry-now" ?disabled=${busy.phase === 'retrying'} @click=${() => busy.retryNow()}>
              ${BUSY_WORDS.retryNow}
            </button>
          </p>`
        : nothing
    }<span class="visually-hidden busy-announcement" role="status" aria-live="polite"
      >${busy.active ? BUSY_WORDS.waiting(busy.waitSeconds) : ''}</span
    >`;
}
