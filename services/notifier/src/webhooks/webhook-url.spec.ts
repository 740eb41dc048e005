import { notifierEnvSchema } from '../config';
import { hasUserinfo, redactUrl } from './webhook-url';

describe('webhook URLs', () => {
  it.each([
    ['https://user:pass@hooks.example.com/x', true],
    ['https://token@hooks.example.com/x', true],
    ['https://:pass@hooks.example.com/x', true],
    ['https://hooks.example.com/x?user=a@b', false],
    ['https://hooks.example.com/a@b', false],
  ])('%s holds credentials: %s', (url, expected) => {
    expect(hasUserinfo(url)).toBe(expected);
  });

  it.each([
    ['https://user:pass@hooks.example.com:8443/in/matches?token=s3cret#frag', 'https://hooks.example.com:8443/in/matches'],
    ['http://127.0.0.1:9000/hook', 'http://127.0.0.1:9000/hook'],
    ['https://[2606:4700::1]/?sig=abc', 'https://[2606:4700::1]/'],
    ['not a url', '(not a URL)'],
  ])('redacts %s to %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});

describe('NOTIFY_WEBHOOK_URL', () => {
  it('refuses credentials in the operator’s endpoint, naming the variable', () => {
    const refused = notifierEnvSchema.safeParse({ NOTIFY_WEBHOOK_URL: 'https://ops:hunter2@hooks.example.com/matches' });
    expect(refused.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['NOTIFY_WEBHOOK_URL']);
    expect(notifierEnvSchema.safeParse({ NOTIFY_WEBHOOK_URL: 'https://hooks.example.com/matches?token=abc' }).success).toBe(true);
  });
});
