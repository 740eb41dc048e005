import { postingStateSchema } from '@talent/contracts';
import { PostingEntity } from './posting.entity';
import { toState } from './postings.service';

describe('the posting state published in events', () => {
  const stored = (changes: Partial<PostingEntity>): PostingEntity =>
    Object.assign(new PostingEntity(), {
      id: '0b8f4a8e-4bb5-4f35-9a3f-4e0c1f9f6d11',
      organisationId: 'acme',
      externalId: null,
      title: 'Platform engineer',
      description: null,
      location: { city: 'Berlin', country: 'Germany' },
      workplace: 'hybrid',
      applicantLocation: null,
      employmentType: null,
      experienceYears: null,
      requiredSkills: ['TypeScript'],
      preferredSkills: [],
      matching: null,
      visibility: 'organisation',
      skillKeys: ['typescript'],
      status: 'open',
      version: 1,
      createdAt: new Date('2026-01-01T00:00:00Z'),
      updatedAt: new Date('2026-01-01T00:00:00Z'),
      ...changes,
    });

  it('carries where applicants must be, when the posting says', () => {
    const applicantLocation = { countries: ['Germany', 'AT'], utcOffsets: { min: 0, max: 2 }, sameMetro: true };
    const state = toState(stored({ applicantLocation }));
    expect(state.applicantLocation).toEqual(applicantLocation);
    expect(postingStateSchema.parse(state)).toEqual(state);
    expect(toState(stored({}))).not.toHaveProperty('applicantLocation');
  });
});
