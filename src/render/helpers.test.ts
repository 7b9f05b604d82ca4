import Handlebars from 'handlebars';
import { describe, expect, it } from 'vitest';
import { hasRedaction, readableHtml } from './helpers.js';

const read = (text: string) => readableHtml(text, Handlebars.escapeExpression).replace(/<span class="visually-hidden"> \(removed\)<\/span>/g, '').replace(/<\/?span[^>]*>/g, '|');

describe('redactions read as words on the HTML pages', () => {
  it.each([
    ['Regards, [candidate]', 'Regards, |a candidate|'],
    ['[candidate] asked. [candidate] again', '|A candidate| asked. |A candidate| again'],
    ['Write to [email] or call [phone].', 'Write to |an email address| or call |a phone number|.'],
    ['at the [party] spring dinner', 'at the |party| spring dinner'],
    ['Invite from [party]', 'Invite from |a party|'],
    ['First line\n[handle] on social media', 'First line\n|A social media account| on social media'],
    ['Text [private] here', 'Text |text withheld| here'],
    ['No redactions here, [not a token]', 'No redactions here, [not a token]'],
  ])('%j', (text, expected) => {
    expect(read(text)).toBe(expected);
  });

  it('escapes the text around each redaction, and marks each one for screen readers', () => {
    const html = readableHtml('<b>x</b> [candidate] & {{y}}', Handlebars.escapeExpression);
    expect(html).toBe('&lt;b&gt;x&lt;/b&gt; <span class="redacted">a candidate<span class="visually-hidden"> (removed)</span></span> &amp; {{y}}');
  });

  it('knows whether a text holds a redaction', () => {
    expect(hasRedaction('Regards, [candidate]')).toBe(true);
    expect(hasRedaction('Regards, [candidate]')).toBe(true);
    expect(hasRedaction('Regards, candidate')).toBe(false);
    expect(hasRedaction(undefined)).toBe(false);
  });
});
