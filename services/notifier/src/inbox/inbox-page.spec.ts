import { createHash } from 'node:crypto';
import { Script } from 'node:vm';
import { INBOX_PAGE, INBOX_PAGE_CSP } from './inbox-page';

/** The text between an element's tags, as the browser hashes it for the CSP. */
const inner = (tag: string) => {
  const start = INBOX_PAGE.indexOf(`<${tag}>`) + `<${tag}>`.length;
  return INBOX_PAGE.slice(start, INBOX_PAGE.indexOf(`</${tag}>`));
};
const directives = new Map(INBOX_PAGE_CSP.split(';').map((directive) => directive.trim().split(/\s+/) as [string, ...string[]]).map(([name, ...values]) => [name, values]));
const hashOf = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('the inbox page', () => {
  it('holds a script that parses (it is written inside a template literal, where escapes are easy to lose)', () => {
    const script = inner('script');
    expect(script.length).toBeGreaterThan(1_000);
    expect(() => new Script(script)).not.toThrow();
  });

  it('is one constant shell: no recruiter id, nothing else of a recruiter', () => {
    expect(INBOX_PAGE).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(INBOX_PAGE.match(/<script/g)).toHaveLength(1);
    expect(INBOX_PAGE.match(/<style/g)).toHaveLength(1);
    expect(INBOX_PAGE).not.toMatch(/ on[a-z]+=|style="/); // inline handlers and style attributes would be blocked
  });

  it('has a policy that runs its own script and style (by hash) and nothing else, calls only its origin, and is not framed', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual([hashOf(inner('script'))]);
    expect(directives.get('style-src')).toEqual([hashOf(inner('style'))]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
  });
});
