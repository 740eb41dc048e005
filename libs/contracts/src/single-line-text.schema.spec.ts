import { candidateFieldsSchema } from './candidate-events.schema';
import { externalIdSchema, locationSchema } from './common.schema';
import { postingFieldsSchema } from './posting-events.schema';
import { skillNameSchema } from './skill-name.schema';
import { isSingleLine, SINGLE_LINE_MESSAGE } from './single-line-text.schema';

/** Characters that break or forge lines; each is refused inside any single-line field. */
const CONTROLS = ['\r', '\n', '\r\n', '\t', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085', '\u2028', '\u2029'];

describe('single-line fields', () => {
  const posting = { title: 'Site reliability engineer', requiredSkills: ['Go'] };
  const candidate = { name: 'Ada Lovelace', skills: [{ name: 'Go' }] };
  const messages = (result: { error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
    result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);

  it.each(CONTROLS.map((control) => [JSON.stringify(control), control]))('refuses %s inside titles, names, skills, places and ids', (_name, control) => {
    const inside = (text: string) => `${text.slice(0, 3)}${control}${text.slice(3)}`;
    expect(messages(postingFieldsSchema.safeParse({ ...posting, title: inside(posting.title) }))).toEqual([`title: ${SINGLE_LINE_MESSAGE}`]);
    expect(messages(postingFieldsSchema.safeParse({ ...posting, requiredSkills: [inside('Kubernetes')] }))).toEqual([`requiredSkills.0: ${SINGLE_LINE_MESSAGE}`]);
    expect(messages(candidateFieldsSchema.safeParse({ ...candidate, name: inside(candidate.name) }))).toEqual([`name: ${SINGLE_LINE_MESSAGE}`]);
    expect(messages(candidateFieldsSchema.safeParse({ ...candidate, location: { city: inside('Berlin') } }))).toEqual([`location.city: ${SINGLE_LINE_MESSAGE}`]);
    expect(externalIdSchema.safeParse(inside('ats-42')).success).toBe(false);
    expect(skillNameSchema.safeParse(inside('TypeScript')).success).toBe(false);
    expect(isSingleLine(inside('text'))).toBe(false);
  });

  it('accepts ordinary text, and multi-line text where lines belong (a description)', () => {
    expect(postingFieldsSchema.safeParse({ ...posting, title: 'Ingénieur·e SRE – Zürich (m/w/d) 🚀', description: 'Line one\r\nLine two\n\tindented' }).success).toBe(true);
    expect(candidateFieldsSchema.safeParse({ ...candidate, name: '  José Ñúñez-O’Brien  ' }).data?.name).toBe('José Ñúñez-O’Brien');
    expect(locationSchema.safeParse({ city: 'São Paulo', country: 'BR' }).success).toBe(true);
  });
});
