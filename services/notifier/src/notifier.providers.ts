import type { Provider } from '@nestjs/common';
import type { NotifierEnv } from './config';
import { MailSender } from './email/mail-sender';
import { parseAllowList, SsrfGuard } from './webhooks/ssrf-guard';

export const NOTIFIER_ENV = Symbol('NOTIFIER_ENV');
/** The SMTP sender, or null when `SMTP_URL` is unset (e-mail off). */
export const MAIL_SENDER = Symbol('MAIL_SENDER');

export function notifierProviders(env: NotifierEnv): Provider[] {
  return [
    { provide: NOTIFIER_ENV, useValue: env },
    { provide: SsrfGuard, useFactory: () => new SsrfGuard(parseAllowList(env.WEBHOOK_ALLOWED_HOSTS)) },
    { provide: MAIL_SENDER, useFactory: () => (env.SMTP_URL ? new MailSender(env.SMTP_URL, env.MAIL_FROM, env.SMTP_TIMEOUT_MS) : null) },
  ];
}

/** The link recruiters follow to their live inbox. */
export function inboxUrl(env: Pick<NotifierEnv, 'NOTIFIER_PUBLIC_URL'>, recruiterId: string): string {
  return new URL(`/recruiters/${recruiterId}/inbox`, env.NOTIFIER_PUBLIC_URL).toString();
}
