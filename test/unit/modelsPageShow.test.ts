import { describe, expect, it } from 'vitest';
import { pageHarness } from '../support/pageHarness';

describe('opening a provider on the Models page from a reminder or a refused key', () => {
  it('waits for the page to ask for its state, then opens the section with Rotate key unfolded', async () => {
    const page = pageHarness();
    await page.controller.show('anthropic', 'rotate');
    expect(page.posted).toEqual([]);
    await page.controller.handle({ type: 'ready' });
    expect(page.posted.map((m) => m.type)).toEqual(['init', 'show']);
    expect(page.posted[1]).toEqual({ type: 'show', providerId: 'anthropic', rotate: true });
  });

  it('an open page is told at once; a provider that does not exist is ignored', async () => {
    const page = pageHarness();
    await page.controller.handle({ type: 'ready' });
    await page.controller.show('openai');
    await page.controller.show('compatible.gone', 'rotate');
    expect(page.posted.slice(1)).toEqual([{ type: 'show', providerId: 'openai', rotate: false }]);
  });
});
