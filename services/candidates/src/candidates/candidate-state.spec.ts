import { candidateStateSchema } from '@talent/contracts';
import { CandidateEntity } from './candidate.entity';
import { toState } from './candidates.service';

describe('the candidate state published in events', () => {
  const stored = (changes: Partial<CandidateEntity>): CandidateEntity =>
    Object.assign(new CandidateEntity(), {
      id: '5d0b2f3c-8a8e-4c1e-b1d6-2f7a9c3e4b22',
      organisationId: 'acme',
      externalId: null,
      name: 'Ada Example',
      contact: { email: 'ada@example.com' },
      location: { city: 'Berlin', country: 'Germany' },
      workplacePreference: 'hybrid',
      willingToRelocate: null,
      openToPublicPostings: false,
      totalYearsExperience: 7,
      skills: [{ name: 'TypeScript', years: 5 }],
      skillKeys: ['typescript'],
      status: 'active',
      version: 1,
      createdAt: new Date('2026-01-01T00:00:00Z'),
      updatedAt: new Date('2026-01-01T00:00:00Z'),
      ...changes,
    });

  it('carries whether the candidate will relocate, when said', () => {
    expect(toState(stored({ willingToRelocate: true })).willingToRelocate).toBe(true);
    expect(toState(stored({ willingToRelocate: false })).willingToRelocate).toBe(false);
    expect(toState(stored({ willingToRelocate: null }))).not.toHaveProperty('willingToRelocate');
  });

  it('says the candidate is open to other organisations’ public postings only when they opted in', () => {
    expect(toState(stored({ openToPublicPostings: true })).openToPublicPostings).toBe(true);
    expect(toState(stored({ openToPublicPostings: false }))).not.toHaveProperty('openToPublicPostings');
    expect(toState(stored({}))).not.toHaveProperty('openToPublicPostings');
  });

  it('is a valid candidate state, without name or contact details', () => {
    const state = toState(stored({ willingToRelocate: true }));
    expect(candidateStateSchema.parse(state)).toEqual(state);
    expect(state).not.toHaveProperty('name');
    expect(state).not.toHaveProperty('contact');
  });
});
