import { PermitTimeoutError, Semaphore } from './semaphore';

describe('Semaphore', () => {
  it('lets `size` holders in at once and the rest in line, in arrival order', async () => {
    const s = new Semaphore(2);
    const order: number[] = [];
    const releases = await Promise.all([s.acquire(), s.acquire()]);
    const third = s.acquire().then((r) => (order.push(3), r));
    const fourth = s.acquire().then((r) => (order.push(4), r));
    expect(s.load()).toEqual({ size: 2, inUse: 2, waiting: 2 });
    releases[0]();
    (await third)();
    releases[1]();
    (await fourth)();
    expect(order).toEqual([3, 4]);
    expect(s.load()).toEqual({ size: 2, inUse: 0, waiting: 0 });
  });

  it('gives up a wait after its timeout, and the line moves on without it', async () => {
    const s = new Semaphore(1);
    const held = await s.acquire();
    await expect(s.acquire(20)).rejects.toBeInstanceOf(PermitTimeoutError);
    expect(s.load().waiting).toBe(0);
    const next = s.acquire(1000);
    held();
    (await next)();
    expect(s.load().inUse).toBe(0);
  });

  it('counts a release called twice once', async () => {
    const s = new Semaphore(1);
    const release = await s.acquire();
    release();
    release();
    expect(s.load().inUse).toBe(0);
    await s.use(async () => expect(s.load().inUse).toBe(1));
    expect(s.load().inUse).toBe(0);
  });

  it('releases when the work it guards fails', async () => {
    const s = new Semaphore(1);
    await expect(s.use(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(s.load().inUse).toBe(0);
  });
});
