import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { MatchEventTypes, Topics, type CandidateState, type PostingState } from '@talent/contracts';
import { matchId } from '@talent/matching';
import { scoreMatch } from '@talent/scoring';
import { defaultTaxonomy } from '@talent/skills';
import type { RecordedMessage } from '@talent/testing';
import { dataSet, type DataSet } from './data-set';
import { AT_LEAST_ONCE, checkOutcome, expectedPairs, inFlightAtKill, KNOWN_MATCH_COUNTS, NO_DUPLICATES, type DuplicateBounds, type SettledPlatform } from './fault-check';
import { positive } from './fault-scenario';
import type { ReceivedCall } from './webhook-receiver';

// The checker of the fault suite, fed a platform that settled exactly as it should, then the same
// with one planted fault each: it must find every one.

interface Outcome {
  postings: PostingState[];
  candidates: CandidateState[];
  matches: Array<{ id: string; type: string; data: { matchId: string; version: number; score: number; organisationId: string } }>;
  accepted: ReceivedCall[];
}

const now = new Date().toISOString();

/** What a correct platform publishes and delivers for a data set. */
function correctOutcome(set: DataSet): Outcome {
  const postings = set.postings.map((record): PostingState => ({
    id: randomUUID(), organisationId: record.organisationId, externalId: record.externalId ?? null, title: record.title,
    requiredSkills: record.requiredSkills, preferredSkills: record.preferredSkills ?? [], status: 'open', version: 1, createdAt: now, updatedAt: now,
  }));
  const candidates = set.candidates.map((record): CandidateState => ({
    id: randomUUID(), organisationId: record.organisationId, externalId: record.externalId ?? null, skills: record.skills, status: 'active', version: 1, createdAt: now, updatedAt: now,
  }));
  const postingOf = new Map(postings.map((posting) => [posting.externalId, posting]));
  const candidateOf = new Map(candidates.map((candidate) => [candidate.externalId, candidate]));
  const matches = expectedPairs(set).map(({ posting, candidate }) => {
    const p = postingOf.get(posting)!;
    const c = candidateOf.get(candidate)!;
    return { id: randomUUID(), type: MatchEventTypes.found, data: { matchId: matchId(p.id, c.id), version: 1, score: scoreMatch(p, c, defaultTaxonomy).score, organisationId: p.organisationId } };
  });
  const accepted = matches.map((match): ReceivedCall => ({ webhookId: `msg_${match.id}`, matchId: match.data.matchId, version: 1, type: match.type, status: 200, signatureValid: true, receivedAt: 0 }));
  return { postings, candidates, matches, accepted };
}

let offset = 0;
const message = (topic: string, value: unknown): RecordedMessage => ({ topic, partition: 0, offset: String((offset += 1)), key: null, value: Buffer.from(JSON.stringify(value)), headers: {} });

function check(set: DataSet, outcome: Outcome, duplicates: DuplicateBounds = NO_DUPLICATES) {
  const topics: Record<string, RecordedMessage[]> = {
    [Topics.postings]: outcome.postings.map((data) => message(Topics.postings, { id: randomUUID(), type: 'talentmatch.posting.published', data })),
    [Topics.candidates]: outcome.candidates.map((data) => message(Topics.candidates, { id: randomUUID(), type: 'talentmatch.candidate.registered', data })),
    [Topics.matches]: outcome.matches.map((event) => message(Topics.matches, event)),
  };
  const platform: SettledPlatform = {
    recorder: { of: (topic) => topics[topic] ?? [] },
    query: <T extends Record<string, unknown>>(_service: string, sql: string) => Promise.resolve((sql.includes('dead_lettered') ? [{ dead: '0' }] : [{ last: null }]) as unknown as T[]),
    logDir: mkdtempSync(join(tmpdir(), 'fault-check-')),
  };
  return checkOutcome({ scenario: 'check', set, platform, receiver: { calls: outcome.accepted, accepted: outcome.accepted }, startedAt: Date.now() - 1_000, ingestMs: 500, resends: 0, duplicates });
}

describe('the fault suite\'s check of a settled platform', () => {
  const set = dataSet('check', 100);

  it('expects the matches the records call for, as many as when the data set was designed', () => {
    expect(expectedPairs(set)).toHaveLength(KNOWN_MATCH_COUNTS[100]!);
  });

  it('finds nothing wrong with a platform that did exactly what it should', async () => {
    const { problems, figures } = await check(set, correctOutcome(set));
    expect(problems).toEqual([]);
    expect(figures.expectedMatches).toBe(54);
  });

  it('fails when nothing matched', async () => {
    const { problems } = await check(set, { ...correctOutcome(set), matches: [], accepted: [] });
    expect(problems.filter((problem) => problem.includes('found 0 times'))).not.toHaveLength(0);
  });

  it('fails when one match is missing, or one is extra', async () => {
    const outcome = correctOutcome(set);
    expect((await check(set, { ...outcome, matches: outcome.matches.slice(1) })).problems.some((problem) => problem.includes('found 0 times'))).toBe(true);
    const extra = { ...outcome.matches[0]!, id: randomUUID(), data: { ...outcome.matches[0]!.data, matchId: randomUUID() } };
    expect((await check(set, { ...outcome, matches: [...outcome.matches, extra] })).problems.some((problem) => problem.includes('unexpected'))).toBe(true);
  });

  it('fails when a service published something other than what was sent', async () => {
    const outcome = correctOutcome(set);
    const [first, ...rest] = outcome.postings;
    const problems = (await check(set, { ...outcome, postings: [{ ...first!, requiredSkills: ['COBOL'] }, ...rest] })).problems;
    expect(problems.some((problem) => problem.includes('published') && problem.includes('COBOL'))).toBe(true);
  });

  it('bounds webhook calls repeating an accepted webhook-id', async () => {
    const outcome = correctOutcome(set);
    const repeated = { ...outcome, accepted: [...outcome.accepted, outcome.accepted[0]!] };
    expect((await check(set, repeated)).problems).toEqual(['webhook: 1 accepted webhook-ids sent again, at most 0 allowed']);
    const big = dataSet('check', 1000);
    const bigOutcome = correctOutcome(big);
    expect((await check(big, { ...bigOutcome, accepted: [...bigOutcome.accepted, bigOutcome.accepted[0]!] }, AT_LEAST_ONCE)).problems).toEqual([]);
  });

  it('allows what a killed notifier had in flight on top, and no more', async () => {
    const outcome = correctOutcome(set);
    const again = (count: number) => ({ ...outcome, accepted: [...outcome.accepted, ...outcome.accepted.slice(0, count)] });
    const inFlight = inFlightAtKill(1, 2);
    expect(inFlight).toBe(4);
    expect((await check(set, again(4), { ...NO_DUPLICATES, webhookInFlight: inFlight })).problems).toEqual([]);
    expect((await check(set, again(5), { ...NO_DUPLICATES, webhookInFlight: inFlight })).problems).toEqual(['webhook: 5 accepted webhook-ids sent again, at most 4 allowed']);
  });

  it('bounds copies of events on a topic', async () => {
    const outcome = correctOutcome(set);
    const copy = outcome.matches[0]!;
    const problems = (await check(set, { ...outcome, matches: [...outcome.matches, copy] })).problems;
    expect(problems).toEqual([`${Topics.matches}: 1 copies of events already on the topic, at most 0 allowed`]);
  });

  it('allows one relay batch of copies on top, and no more', async () => {
    const outcome = correctOutcome(set);
    const copies = (count: number) => ({ ...outcome, matches: [...outcome.matches, ...outcome.matches.slice(0, count)] });
    const bounds = { ...NO_DUPLICATES, relayBatch: 2 };
    expect((await check(set, copies(2), bounds)).problems).toEqual([]);
    expect((await check(set, copies(3), bounds)).problems).toEqual([`${Topics.matches}: 3 copies of events already on the topic, at most 2 allowed`]);
  });
});

describe('confirming a fault happened', () => {
  it('is a problem for each figure that is not above zero', () => {
    expect(positive({ backendsTerminated: 3, commitsCut: 0 }, 'backendsTerminated', 'commitsCut', 'missing')).toEqual([
      'fault not confirmed: commitsCut is 0, expected above 0',
      'fault not confirmed: missing is undefined, expected above 0',
    ]);
  });
});
