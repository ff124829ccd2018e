/**
 * What a vendor's customer reads when loading fails: plain words about their data, never the
 * supplier's name or HTTP jargon. The technical details (status, request id, the server's message)
 * stay one click away, for support.
 */
import { html, nothing } from 'lit';
import { BffRequestError } from '../../client/bff-client.ts';
import { formatNumber } from '../../client/format.ts';
import type { BusyRetryController } from './busy-retry.ts';
import type { ProblemStrings, Subject, Words } from './i18n/strings.ts';

export type { Subject };

/** One sentence for the reader, chosen by what happened rather than by what the server said. */
export function plainWords(error: unknown, subject: Subject, words: ProblemStrings): string {
  if (!(error instanceof BffRequestError)) return words.offline[subject];
  const { status } = error;
  if (status === 429) {
    const wait = error.retryAfterSeconds;
    return wait ? words.tooManyWait(String(wait)) : words.tooMany;
  }
  if (status === 401 || status === 403) return words.signedOut;
  if (status === 404) return words.notFound[subject];
  if (status === 400 || status === 413 || status === 422) return words.badSettings[subject];
  return words.unavailable[subject];
}

/** Status, request id and the server's own message: for a support ticket, not for the reader. */
export function technicalDetails(error: unknown, words: ProblemStrings): string {
  if (error instanceof BffRequestError) {
    return [`HTTP ${error.status}`, error.requestId && words.request(error.requestId), error.message].filter(Boolean).join(' · ');
  }
  return error instanceof Error ? error.message : String(error);
}

export const isAbort = (error: unknown): boolean => (error as Error | undefined)?.name === 'AbortError';

/**
 * The error banner both elements show: plain words, Retry, and the details folded away.
 * `stale` says the data on screen is the last that loaded, not what the controls now ask for.
 */
export function renderProblem(error: unknown, options: { subject: Subject; stale: boolean; onRetry: () => void; words: Words }) {
  const { common, problem } = options.words;
  return html`<div class="error" part="error" role="alert">
    <span class="message"
      >${plainWords(error, options.subject, problem)}${options.stale ? html` <strong>${common.staleData}</strong>` : nothing}</span
    >
    <button type="button" part="retry" @click=${options.onRetry}>${common.retry}</button>
    <details class="meta">
      <summary>${common.details}</summary>
      <span class="technical">${technicalDetails(error, problem)}</span>
    </details>
  </div>`;
}

/**
 * "Busy — retrying in N s" with Retry now, while `busy` waits out a busy server: a quiet line
 * beside the data, not a banner in its place. Screen readers hear the wait once, from a polite live
 * region that stays in the page (a region inserted together with its words is often not read); the
 * ticking countdown is hidden from them, or they would read out every second.
 */
export function renderBusy(busy: BusyRetryController, words: Words, locale?: string) {
  const { common } = words;
  const seconds = (n: number) => formatNumber(n, locale);
  const line = busy.phase === 'waiting' ? common.busyWaiting(seconds(busy.seconds)) : common.busyRetrying;
  return html`${
      busy.active
        ? html`<p class="busy-status" part="busy">
            <span class="countdown" aria-hidden="true">${line}</span>
            <button type="button" part="retry-now" ?disabled=${busy.phase === 'retrying'} @click=${() => busy.retryNow()}>
              ${common.retryNow}
            </button>
          </p>`
        : nothing
    }<span class="visually-hidden busy-announcement" role="status" aria-live="polite"
      >${busy.active ? common.busyWaiting(seconds(busy.waitSeconds)) : ''}</span
    >`;
}
