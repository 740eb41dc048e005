import { Writable } from 'node:stream';
import pino from 'pino';
import { isQuietPath, loggerOptions } from './logger-options';

/** The JSON lines a logger with the services' options writes. */
function linesOf(write: (logger: pino.Logger) => void): Array<Record<string, unknown>> {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  write(pino(loggerOptions({ service: 'postings', version: '1.2.3' }), sink));
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('log lines', () => {
  it('name the service, its version and the level', () => {
    expect(linesOf((logger) => logger.info('started'))[0]).toMatchObject({ service: 'postings', version: '1.2.3', level: 'info', msg: 'started' });
  });

  it('never carry credentials or a candidate’s contact details', () => {
    const [line] = linesOf((logger) =>
      logger.info({ req: { headers: { authorization: 'Bearer abc.def', 'idempotency-key': 'k-1' } }, candidate: { name: 'Ada Lovelace', contact: { email: 'ada@example.com', phone: '+44 20 7946 0000' } } }, 'request'),
    );
    const text = JSON.stringify(line);
    for (const secret of ['abc.def', 'k-1', 'Ada Lovelace', 'ada@example.com', '+44 20 7946 0000']) expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
  });
});

describe('quiet paths', () => {
  it.each([
    ['/health/live', true],
    ['/health/ready?x=1', true],
    ['/metrics', true],
    ['/healthy-postings', false],
    ['/postings', false],
  ])('%s is quiet: %s', (path, quiet) => {
    expect(isQuietPath(path)).toBe(quiet);
  });
});
