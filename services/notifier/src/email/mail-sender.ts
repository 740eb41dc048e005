import { createTransport, type Transporter } from 'nodemailer';
import type { ComposedEmail } from './email-composer';

export interface MailResult {
  ok: boolean;
  error?: string;
  /** The server refused the recipient or the message for good (5xx): retrying will not help. */
  permanent?: boolean;
}

/** Sends e-mail through the configured SMTP server (nodemailer, one pooled transport). */
export class MailSender {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    timeoutMs: number,
  ) {
    this.transport = createTransport(smtpUrl, { from });
    Object.assign(this.transport.options, { connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
  }

  async send(to: string, email: ComposedEmail, messageId: string): Promise<MailResult> {
    try {
      await this.transport.sendMail({ from: this.from, to, subject: email.subject, text: email.text, html: email.html, messageId });
      return { ok: true };
    } catch (error) {
      const responseCode = (error as { responseCode?: number }).responseCode;
      return { ok: false, error: (error as Error).message, permanent: responseCode !== undefined && responseCode >= 500 };
    }
  }

  close(): void {
    this.transport.close();
  }
}
