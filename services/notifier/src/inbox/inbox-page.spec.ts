import { Script } from 'node:vm';
import { inboxPage } from './inbox-page';

describe('inboxPage', () => {
  const id = '5b1f8f4e-3c2a-4d7e-9f10-2a3b4c5d6e7f';
  const html = inboxPage(id);

  it('holds a script that parses (it is written inside a template literal, where escapes are easy to lose)', () => {
    const script = html.slice(html.indexOf('<script>') + '<script>'.length, html.indexOf('</script>'));
    expect(script.length).toBeGreaterThan(1_000);
    expect(() => new Script(script)).not.toThrow();
  });

  it('is the same shell for every recruiter: only the id, which the address already holds', () => {
    expect(inboxPage('00000000-0000-4000-8000-000000000000')).toBe(html.replaceAll(id, '00000000-0000-4000-8000-000000000000'));
    expect(html).toContain(`"/recruiters/${id}"`);
  });
});
