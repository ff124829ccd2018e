/**
 * What every composio element shares: where the BFF is, how to authenticate, locale, zone and
 * theme, and a typed `emit`.
 */
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { BffClient, type FetchToken } from '../../client/bff-client.ts';
import { DEFAULT_ENDPOINT } from '../../contract/protocol.ts';
import { composioEvent, type ComposioEventMap } from './events.ts';

export type Theme = 'light' | 'dark' | 'auto';

const defaultZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export class ComposioElement extends LitElement {
  /** Base URL of the BFF (default `/api/composio`). */
  @property() endpoint: string = DEFAULT_ENDPOINT;
  /** BCP 47 locale for numbers and dates (default: the browser's). */
  @property() locale?: string;
  /** IANA zone for buckets and times (default: the browser's). */
  @property({ attribute: 'time-zone' }) timeZone: string = defaultZone();
  /** `light`, `dark` or `auto` (follows `prefers-color-scheme`). */
  @property({ reflect: true }) theme: Theme = 'auto';
  /** Returns a short-lived bearer token for the BFF (cross-origin or static hosts). */
  @property({ attribute: false }) fetchToken?: FetchToken;
  /** Replaces the transport entirely. */
  @property({ attribute: false }) fetch?: typeof fetch;

  private clientKey?: [string, unknown, unknown];
  private clientInstance?: BffClient;

  /** One client per endpoint/transport/token source, so its cache and de-duplication persist. */
  protected get client(): BffClient {
    const key: [string, unknown, unknown] = [this.endpoint, this.fetch, this.fetchToken];
    if (!this.clientInstance || this.clientKey!.some((part, i) => part !== key[i])) {
      this.clientInstance = new BffClient({ endpoint: this.endpoint, fetch: this.fetch, fetchToken: this.fetchToken });
      this.clientKey = key;
    }
    return this.clientInstance;
  }

  protected get zone(): string {
    return this.timeZone || 'UTC';
  }

  protected emit<K extends keyof ComposioEventMap>(type: K, detail: ComposioEventMap[K]['detail']): void {
    this.dispatchEvent(composioEvent(type, detail));
  }
}
