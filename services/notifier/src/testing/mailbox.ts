import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  /** The text/plain part, transfer-decoded. */
  text: string;
  raw: string;
}

/** A real SMTP server on loopback (the `smtp-server` package) keeping what it receives. */
export class Mailbox {
  readonly mails: ReceivedMail[] = [];
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        this.mails.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), subject: subjectOf(raw), text: textOf(raw), raw });
        callback();
      });
    },
  });

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  to(address: string): ReceivedMail[] {
    return this.mails.filter((mail) => mail.to.includes(address));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function unfold(headers: string): string {
  return headers.replace(/\r?\n(?=[ \t])/g, '');
}

function subjectOf(raw: string): string {
  const headers = unfold(raw.split(/\r?\n\r?\n/)[0] ?? '');
  return decodeWords(/^subject:[ \t]*(.*)$/im.exec(headers)?.[1]?.trim() ?? '');
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`); whitespace between two of them is dropped. */
function decodeWords(value: string): string {
  return value
    .replace(/(\?=)\s+(=\?)/g, '$1$2')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_, _charset: string, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (__, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'),
    );
}

function textOf(raw: string): string {
  const part = /content-type:\s*text\/plain[^]*?\r?\n\r?\n([^]*?)\r?\n--/i.exec(raw);
  const headerBlock = part ? raw.slice(0, part.index + part[0].indexOf(part[1]!)) : '';
  const body = part?.[1] ?? raw.split(/\r?\n\r?\n/).slice(1).join('\n\n');
  const quotedPrintable = /content-transfer-encoding:\s*quoted-printable/i.test(headerBlock.slice(-400));
  const base64 = /content-transfer-encoding:\s*base64/i.test(headerBlock.slice(-400));
  if (base64) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (!quotedPrintable) return body;
  return Buffer.from(
    body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8');
}
