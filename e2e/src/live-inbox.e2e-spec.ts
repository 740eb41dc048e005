import { randomBytes } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './browser';
import { Platform } from './platform';

const json = { 'content-type': 'application/json' };

async function post<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, { method: 'POST', headers: json, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

describe('the live inbox page in a real browser', () => {
  const platform = new Platform();
  const organisationId = `org-${randomBytes(4).toString('hex')}`;
  let browser: BrowserContext;
  let closeBrowser: (() => Promise<void>) | undefined;
  let page: Page;

  beforeAll(async () => {
    const [launched, started] = await Promise.allSettled([launchChromium(), platform.start()]);
    if (launched.status === 'fulfilled') {
      browser = launched.value.context;
      closeBrowser = launched.value.close;
    }
    if (launched.status === 'rejected') throw launched.reason;
    if (started.status === 'rejected') throw started.reason;
  }, 600_000);

  afterAll(async () => {
    await closeBrowser?.();
    await platform.stop();
  });

  it('shows a match as it is found, with score and explanation, and its withdrawal', async () => {
    const { posting } = await post<{ posting: { id: string } }>(`${platform.url('postings')}/postings`, {
      organisationId,
      title: 'Site reliability engineer',
      requiredSkills: ['Kubernetes', 'Go'],
      preferredSkills: ['Terraform'],
    });
    const recruiter = await post<{ id: string }>(`${platform.url('notifier')}/recruiters`, {
      organisationId,
      name: 'Iris Inbox',
      ownedPostingIds: [posting.id],
    });
    await post(`${platform.url('notifier')}/subscriptions`, { recruiterId: recruiter.id, channels: ['inbox'] });

    page = await browser.newPage();
    await page.goto(`${platform.url('notifier')}/recruiters/${recruiter.id}/inbox`);
    await page.locator('#status[data-state="live"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('li.match').count()).toBe(0);

    const { candidate } = await post<{ candidate: { id: string } }>(`${platform.url('candidates')}/candidates`, {
      organisationId,
      name: 'Sam Example',
      skills: [{ name: 'kubernetes' }, { name: 'Go' }],
    });

    const card = page.locator('li.match');
    await card.first().waitFor({ timeout: 20_000 });
    expect(await card.count()).toBe(1);
    const text = await card.innerText();
    expect(text).toContain('Score ');
    expect(text).toContain('/100');
    expect(text).toContain(candidate.id);
    expect(text).toContain('2 of 2 required skills');
    expect(text).toContain('Matched required: Kubernetes, Go');
    expect(await card.getAttribute('data-status')).toBe('active');

    await post(`${platform.url('postings')}/postings/${posting.id}/close`, {});
    await page.locator('li.match[data-status="withdrawn"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('li.match').count()).toBe(1);
    expect(await page.locator('li.match .kind').innerText()).toMatch(/withdrawn/i);
  });
});
