import { isDatabaseUnavailable } from './pg-errors';

describe('isDatabaseUnavailable', () => {
  it('knows a server that is down, restarting or full from a request that was wrong', () => {
    const down = [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('sorry, too many clients already'), { code: '53300' }),
      { message: 'Query failed', driverError: { code: '08006', message: 'connection failure' } },
    ];
    const wrong = [
      Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }),
      Object.assign(new Error('invalid input syntax for type uuid'), { code: '22P02' }),
      Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }),
      new TypeError("Cannot read properties of undefined (reading 'id')"),
      undefined,
      'a string',
    ];
    expect(down.map(isDatabaseUnavailable)).toEqual(down.map(() => true));
    expect(wrong.map(isDatabaseUnavailable)).toEqual(wrong.map(() => false));
  });
});
