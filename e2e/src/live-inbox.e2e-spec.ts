import { randomBytes, randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import type { BrowserContext, Page } from 'playwright-core';
import { MatchEventTypes, Topics } from '@talent/contracts';
import { requireKafkaBrokers, TestIssuer } from '@talent/testing';
import { exampleFromDocument } from './asyncapi-examples';
import { launchChromium } from './browser';
import { Platform } from './platform';

const json = { 'content-type': 'application/json' };

async function post<T>(url: string, body: unknown, token?: string): Promise<T> {
  const headers = token === undefined ? json : { ...json, authorization: `Bearer ${token}` };
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

describe('the live inbox page in a real browser', () => {
  const organisationId = `org-${randomBytes(4).toString('hex')}`;
  let browser: BrowserContext;
  let closeBrowser: (() => Promise<void>) | undefined;
  let page: Page;

  beforeAll(async () => {
    const launched = await launchChromium();
    browser = launched.context;
    closeBrowser = launched.close;
  }, 600_000);

  /** Errors thrown by the pages' scripts: a test fails on any, with its message. */
  const pageErrors: string[] = [];
  const openPage = async (): Promise<Page> => {
    const opened = await browser.newPage();
    opened.on('pageerror', (error) => pageErrors.push(error.message));
    opened.on('console', (message) => {
      // Refused calls (401, 404) are part of the tests; script errors are not.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) pageErrors.push(message.text());
    });
    return opened;
  };

  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await closeBrowser?.();
  });

  describe('without authentication', () => {
    const platform = new Platform();
    beforeAll(() => platform.start(), 600_000);
    afterAll(() => platform.stop());

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

      page = await openPage();
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

  // The notifier alone (its consumer group is the notifier's: one platform at a time), with bearer
  // tokens required; match events are published to it directly.
  describe('with bearer tokens', () => {
    let issuer: TestIssuer;
    let secured: Platform;
    beforeAll(async () => {
      issuer = await TestIssuer.create({ scope: 'matches:read' });
      secured = new Platform({ notifier: issuer.env }, { services: ['notifier'] });
      await secured.start();
    }, 600_000);
    afterAll(() => secured?.stop());

    it('takes the token from the page fragment and shows only what it may read', async () => {
      const trusted = issuer;
      const notifier = secured.url('notifier');
      const admin = await trusted.mint({ org: organisationId, scope: 'subscriptions:write' });
      const reader = await trusted.mint({ org: organisationId });
      const postingId = randomUUID();
      const recruiter = await post<{ id: string }>(`${notifier}/recruiters`, { name: 'Tara Token', ownedPostingIds: [postingId] }, admin);
      await post(`${notifier}/subscriptions`, { recruiterId: recruiter.id, channels: ['inbox'] }, admin);

      const refused = await openPage();
      await refused.goto(`${notifier}/recruiters/${recruiter.id}/inbox`);
      await refused.locator('#status[data-state="refused"]').waitFor({ timeout: 15_000 });
      expect(await refused.locator('#status').innerText()).toMatch(/sign-in required/);
      const stranger = await openPage();
      await stranger.goto(`${notifier}/recruiters/${recruiter.id}/inbox#access_token=${await trusted.mint({ org: `${organisationId}-other` })}`);
      await stranger.locator('#status[data-state="refused"]').waitFor({ timeout: 15_000 });
      expect(await stranger.locator('#status').innerText()).toMatch(/no such recruiter/);

      const inbox = await openPage();
      await inbox.goto(`${notifier}/recruiters/${recruiter.id}/inbox#access_token=${reader}`);
      await inbox.locator('#status[data-state="live"]').waitFor({ timeout: 15_000 });
      expect(inbox.url()).not.toContain('access_token'); // taken out of the address bar
      expect(await inbox.locator('h1').innerText()).toBe(`Matches for Tara Token (${organisationId})`);

      // A match of the recruiter's posting, as the matcher publishes it (the contract's example).
      const example = exampleFromDocument(Topics.matches, MatchEventTypes.found);
      const matchId = randomUUID();
      const event = { ...example.value, id: randomUUID(), subject: matchId, data: { ...example.value.data, matchId, postingId, organisationId } };
      const kafka = new Kafka({ clientId: 'e2e-inbox', brokers: requireKafkaBrokers().split(','), logLevel: logLevel.NOTHING });
      const producer = kafka.producer();
      await producer.connect();
      await producer.send({ topic: Topics.matches, messages: [{ key: matchId, value: JSON.stringify(event), headers: example.headers }] });
      await producer.disconnect();

      const card = inbox.locator(`li.match[data-match-id="${matchId}"]`);
      await card.waitFor({ timeout: 20_000 });
      expect(await card.innerText()).toContain(`Score ${String(example.value.data.score)}/100`);
      expect(await refused.locator('li.match').count()).toBe(0);
      expect(await stranger.locator('li.match').count()).toBe(0);
    });
  });
});
