import { sameTitle, sameYears } from './evaluate';
import { agreement, compareRequirements, compareSkills, precision, recall, sameRequirement } from './metrics';
import { sameLocation } from './places';

// The measures themselves, on cases worked out by hand: a measure that cannot tell a wrong
// extraction from a right one would make every figure of `npm run eval` meaningless.
const unit = (...keys: string[]) => new Set(keys);

describe('requirement agreement', () => {
  it('pairs the same single skill, and groups sharing at least half of the labelled members', () => {
    expect(sameRequirement(unit('go'), unit('go'))).toBe(true);
    expect(sameRequirement(unit('go'), unit('rust'))).toBe(false);
    expect(sameRequirement(unit('postgresql', 'mysql', 'mariadb'), unit('postgresql', 'mysql'))).toBe(true);
    expect(sameRequirement(unit('postgresql', 'oracle'), unit('postgresql', 'mysql', 'sqlite'))).toBe(false);
  });

  it('never pairs a single skill with a group: gating on one member changes who matches', () => {
    expect(sameRequirement(unit('django'), unit('django', 'flask'))).toBe(false);
    expect(sameRequirement(unit('django', 'flask'), unit('django'))).toBe(false);
  });

  it('counts true and false positives and negatives, each labelled requirement paired once', () => {
    expect(compareRequirements([unit('go'), unit('go'), unit('kafka')], [unit('go'), unit('postgresql')])).toEqual({
      truePositives: 1,
      falsePositives: 2,
      falseNegatives: 1,
    });
  });
});

describe('skill agreement', () => {
  it('leaves lenient skills out of the predicted side only', () => {
    expect(compareSkills(unit('kafka', 'ci/cd', 'redis'), unit('kafka', 'helm'), unit('ci/cd'))).toEqual({
      truePositives: 1,
      falsePositives: 1,
      falseNegatives: 1,
    });
  });

  it('reads precision and recall of empty sides as nothing said wrong, nothing missed', () => {
    expect(precision({ truePositives: 0, falsePositives: 0, falseNegatives: 3 })).toBe(1);
    expect(recall({ truePositives: 0, falsePositives: 0, falseNegatives: 3 })).toBe(0);
    expect(recall({ truePositives: 0, falsePositives: 2, falseNegatives: 0 })).toBe(1);
    expect(precision({ truePositives: 3, falsePositives: 1, falseNegatives: 0 })).toBe(0.75);
    expect(agreement(0, 0)).toBe(1);
    expect(agreement(9, 10)).toBe(0.9);
  });
});

describe('field agreement', () => {
  it('compares titles without case, punctuation or gender markers', () => {
    expect(sameTitle('Backend Engineer (Go/gRPC) (m/f/d)', 'backend engineer (Go/gRPC)')).toBe(true);
    expect(sameTitle('Backend Engineer', 'Backend Engineer (Go/gRPC)')).toBe(false);
    expect(sameTitle(undefined, null)).toBe(true);
    expect(sameTitle('Engineer', null)).toBe(false);
  });

  it('compares years exactly', () => {
    expect(sameYears({ min: 3, max: 5 }, { min: 3, max: 5 })).toBe(true);
    expect(sameYears({ min: 3 }, { min: 3, max: 5 })).toBe(false);
    expect(sameYears(undefined, null)).toBe(true);
  });

  it('compares places by country and city, however they are spelled', () => {
    expect(sameLocation({ city: 'Portland', region: 'OR' }, { city: 'Portland', region: 'Oregon', country: 'United States' })).toBe(true);
    expect(sameLocation({ city: 'Berlin', country: 'DE' }, { city: 'Berlin', country: 'Deutschland' })).toBe(true);
    expect(sameLocation({ city: 'Berlin', country: 'Germany' }, { city: 'Munich', country: 'Germany' })).toBe(false);
    expect(sameLocation({ region: 'EU' }, { region: 'Europe' })).toBe(true);
    expect(sameLocation(undefined, { country: 'Canada' })).toBe(false);
  });
});
