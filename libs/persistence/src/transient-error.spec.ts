import { isTransientError } from './transient-error';

describe('isTransientError', () => {
  it.each([
    ['a terminated backend', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['a server starting', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ['a connection exception', Object.assign(new Error('connection failure'), { code: '08006' })],
    ['too many connections', Object.assign(new Error('sorry, too many clients already'), { code: '53300' })],
    ['a deadlock', Object.assign(new Error('deadlock detected'), { code: '40P01' })],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a connection cut', new Error('Connection terminated unexpectedly')],
    ['a pool timeout', new Error('timeout exceeded when trying to connect')],
    ['a TypeORM wrapper', Object.assign(new Error('Query failed'), { name: 'QueryFailedError', driverError: Object.assign(new Error('x'), { code: '57P01' }) })],
    ['a cause chain', new Error('apply failed', { cause: new Error('Connection terminated due to connection timeout') })],
  ])('is true for %s', (_name, error) => {
    expect(isTransientError(error)).toBe(true);
  });

  it.each([
    ['a constraint violation', Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' })],
    ['invalid input', Object.assign(new Error('invalid input syntax for type uuid'), { code: '22P02' })],
    ['a missing table', Object.assign(new Error('relation "x" does not exist'), { code: '42P01' })],
    ['a plain error', new Error('database says no')],
    ['not an error', 'Connection terminated'],
    ['nothing', undefined],
  ])('is false for %s', (_name, error) => {
    expect(isTransientError(error)).toBe(false);
  });
});
