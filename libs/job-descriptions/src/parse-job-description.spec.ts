import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { postingFieldsSchema } from '@talent/contracts';
import { defaultTaxonomy } from '@talent/skills';
import { parseJobDescription } from './parse-job-description';

const taxonomy = defaultTaxonomy;
const postingsDir = join(__dirname, '__fixtures__', 'postings');
const postings = readdirSync(postingsDir).filter((name) => name.endsWith('.txt')).sort();

/** The parse without spans: what the fixtures' `.expected.json` files state. */
function summary(text: string) {
  const { sections, ...fields } = parseJobDescription(text, taxonomy);
  return { ...fields, sections: sections.map((section) => `${section.kind}: ${section.heading}`) };
}

describe('parseJobDescription on realistic postings', () => {
  it('has a varied set of postings, some on a single line', () => {
    expect(postings.length).toBeGreaterThanOrEqual(12);
    const singleLine = postings.filter((name) => !readFileSync(join(postingsDir, name), 'utf8').includes('\n'));
    expect(singleLine.length).toBeGreaterThanOrEqual(2);
  });

  it.each(postings)('%s', (name) => {
    const text = readFileSync(join(postingsDir, name), 'utf8');
    const expectedFile = join(postingsDir, name.replace(/\.txt$/, '.expected.json'));
    const actual = summary(text);
    if (process.env.WRITE_EXPECTED === '1') writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
    expect(actual).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
  });

  it.each(postings)('%s fits the posting fields', (name) => {
    const text = readFileSync(join(postingsDir, name), 'utf8');
    const { title, requiredSkills, preferredSkills, experienceYears, workplace, location, employmentType } = parseJobDescription(text, taxonomy);
    const fields = { title, description: text, requiredSkills, preferredSkills, experienceYears, workplace, location, employmentType };
    expect(postingFieldsSchema.safeParse(JSON.parse(JSON.stringify(fields))).error).toBeUndefined();
  });
});
