import { expect } from '@open-wc/testing';
import { ComposioLogTable } from '../../src/elements/log-table/class.ts';
import { ComposioUsageChart } from '../../src/elements/usage-chart/class.ts';
import { ComposioUsageInsights } from '../../src/elements/usage-insights/class.ts';
import { defineElement, VERSION } from '../../src/elements/shared/define.ts';
import { captureWarnings } from './capture.ts';

describe('class-only entries', () => {
  it('define no tag; the host registers its own name', () => {
    expect(customElements.get('composio-usage-chart')).to.equal(undefined);
    expect(customElements.get('composio-log-table')).to.equal(undefined);
    expect(customElements.get('composio-usage-insights')).to.equal(undefined);
    customElements.define('acme-usage', ComposioUsageChart);
    customElements.define('acme-insights', ComposioUsageInsights);
    expect(document.createElement('acme-insights')).to.be.instanceOf(ComposioUsageInsights);
    const el = document.createElement('acme-usage');
    expect(el).to.be.instanceOf(ComposioUsageChart);
    expect(ComposioLogTable.prototype).to.be.instanceOf(HTMLElement);
  });
});

describe('two copies of the library on one page', () => {
  const key = Symbol.for('composio-widgets');
  const global = globalThis as unknown as Record<symbol, unknown>;
  afterEach(() => delete global[key]);

  it('one copy defining several tags does not warn', () => {
    const { messages, restore } = captureWarnings();
    try {
      defineElement('copy-a-one', class extends HTMLElement {});
      defineElement('copy-a-two', class extends HTMLElement {});
    } finally {
      restore();
    }
    expect(messages).to.deep.equal([]);
  });

  it('warns once, naming both versions, when another copy defined elements first', () => {
    global[key] = { version: '0.0.9', copy: {}, warned: false }; // what an older bundle on the page left
    const { messages, restore } = captureWarnings();
    try {
      defineElement('copy-b-one', class extends HTMLElement {});
      defineElement('copy-b-two', class extends HTMLElement {});
    } finally {
      restore();
    }
    expect(messages).to.have.length(1);
    expect(messages[0]).to.contain('0.0.9').and.contain(VERSION).and.contain('two copies');
    expect(customElements.get('copy-b-two')).to.not.equal(undefined);
  });

  it('a second module instance (another bundle) is detected as a second copy', async () => {
    defineElement('copy-c-one', class extends HTMLElement {});
    // the same file under another URL: a separate module instance, as a second bundle would be
    const other = (await import(
      /* @vite-ignore */ `../../src/elements/shared/define.ts?copy=${Date.now()}`
    )) as typeof import('../../src/elements/shared/define.ts');
    const { messages, restore } = captureWarnings();
    try {
      other.defineElement('copy-c-two', class extends HTMLElement {});
    } finally {
      restore();
    }
    expect(messages).to.have.length(1);
  });
});
