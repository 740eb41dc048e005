import fc from 'fast-check';
import { defaultTaxonomy } from '@talent/skills';
import { parseJobDescription } from './parse-job-description';

// The parser must be linear in its input: a 64 KiB text/plain body (the postings service's limit)
// built to make backtracking patterns explode ("Requirements" and 60,000 spaces, thousands of
// heading words, cue words, brackets, skills in a row) is read within 250 ms. The seed varies per
// run (printed on failure, replayable with FUZZ_SEED) so CI explores new inputs over time.

const LIMIT_BYTES = 64 * 1024;
/**
 * Linear parses of the worst 64 KiB bodies take 50–120 ms on a quiet two-core machine (13,000
 * "Aa<p>" paragraphs of HTML, 16,000 "Go" in a row), and machines differ several-fold; a
 * super-linear pattern takes seconds (a bounded-repetition slip cost 12.8 s on "aAbB" repeated).
 * 250 ms tells the two apart on a slower CI machine too; at 100 ms linear inputs failed by 3 ms.
 */
const BUDGET_MS = 250;
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

/**
 * Fastest of up to seven runs: a slow run may be a collector pause or another test process on the
 * same cores (the suites run in parallel); seven slow runs are the parser. A quadratic pattern takes
 * seconds on every run, so it still fails.
 */
function fastest(work: () => unknown): number {
  let best = Number.POSITIVE_INFINITY;
  for (let run = 0; run < 7; run += 1) {
    const started = performance.now();
    work();
    best = Math.min(best, performance.now() - started);
    if (best < BUDGET_MS) break;
  }
  return best;
}

const fastestParse = (text: string): number => fastest(() => parseJobDescription(text, defaultTaxonomy));

/** Repeats a piece until the text fills the body limit. */
const fill = (piece: string, head = '', tail = ''): string =>
  (head + piece.repeat(Math.ceil((LIMIT_BYTES - head.length - tail.length) / Math.max(1, piece.length)))).slice(0, LIMIT_BYTES - tail.length) + tail;

const PIECES = [
  ' ', '\t', '\n', '. ', ', ', ':', '-', '(', ')', '((', '))', '•', '* ', '# ', '**', '<li>', '</li>', '<p>', '&amp;', 'e.g. ',
  'Requirements', 'Requirements ', 'REQUIREMENTS ', 'requirements: ', 'Must-Have Skills ', 'Nice to have ', 'Good-to-Have (Bonus Points) ',
  'What you will do ', 'You have ', 'Plus ', 'About ', 'About Acme ', 'Location: ', 'Job title: ', 'at least one of ', 'one of ',
  'such as ', 'or ', 'and/or ', '/', 'etc. ', 'is a plus ', 'preferred ', 'Go ', 'Go', 'C ', 'R ', 'Python, ', 'Java or ', 'Node.js ',
  'PostgreSQL (MySQL preferred) ', '5+ years ', 'three to five years ', 'remote ', 'hybrid ', 'Berlin, Germany ', 'aA', 'Aa', 'AA', 'a.B',
  'looking for ', 'x', '9', '+', '#', 'Experience ', 'Strong ', "you'll ", '’',
];

const adversarial = fc.oneof(
  fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom('', 'Requirements', 'Engineer\nRequirements:', 'Nice to have'), fc.constantFrom('', 'a', 'x:', ' Go')).map(([piece, head, tail]) => fill(piece, head, tail)),
  fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 6 }).map((pieces) => fill(pieces.join(''))),
  fc.array(fc.constantFrom(...PIECES), { minLength: 2, maxLength: 40 }).chain((pieces) =>
    fc.array(fc.nat({ max: pieces.length - 1 }), { minLength: 200, maxLength: 400 }).map((order) => fill(order.map((index) => pieces[index]).join(''))),
  ),
);

describe('the time budget check', () => {
  it('fails on work that always takes longer than the budget (a planted slow parser)', () => {
    const slow = () => {
      const until = performance.now() + BUDGET_MS * 1.5;
      while (performance.now() < until);
    };
    expect(fastest(slow)).toBeGreaterThanOrEqual(BUDGET_MS);
  });
});

describe('parseJobDescription on hostile input', () => {
  it.each([
    ['Requirements, 60,000 spaces and one letter', `Requirements${' '.repeat(LIMIT_BYTES - 13)}a`],
    ['60,000 tabs between a heading and its colon', `Requirements${'\t'.repeat(LIMIT_BYTES - 14)}:a`],
    ['heading words without end', fill('Requirements ')],
    ['open brackets', fill('(')],
    ['ambiguous skills in a row', fill('Go ')],
    ['a list of skills without end', fill('Python, ')],
    ['cue words without end', fill('at least one of ')],
    ['glued capitals', fill('aAbB')],
    // Found by the generated inputs (seed 1392443369): HTML nested without end overflowed the stack.
    ['unclosed HTML nested without end', fill('R <li><p>')],
  ])('reads %s within the budget', (_name, text) => {
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(LIMIT_BYTES + 4);
    expect(fastestParse(text)).toBeLessThan(BUDGET_MS);
  });

  it(`reads generated 64 KiB inputs within ${BUDGET_MS} ms each (seed ${seed})`, () => {
    const result = fc.check(
      fc.property(adversarial, (text) => fastestParse(text) < BUDGET_MS),
      { seed, numRuns: 40, endOnFailure: true },
    );
    // The input is 64 KiB: the failure names its seed and its start, not all of it.
    const example = result.counterexample?.[0];
    const shown = example === undefined ? '' : `${JSON.stringify(example.slice(0, 80))}… (${example.length} characters)`;
    expect({ failed: result.failed, seed: result.seed, path: result.counterexample ? result.counterexamplePath : undefined, shown }).toEqual({
      failed: false,
      seed,
      path: undefined,
      shown: '',
    });
  });
});
