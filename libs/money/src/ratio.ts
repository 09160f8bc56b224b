/** An exact positive rational number: unit factors, which need not be decimal (1/730, 1/3600). */
export interface Ratio {
  readonly num: bigint;
  readonly den: bigint;
}

export function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a;
}

export function ratio(num: bigint, den = 1n): Ratio {
  if (num <= 0n || den <= 0n) throw new RangeError(`unit factors are positive (got ${num}/${den})`);
  const g = gcd(num, den);
  return { num: num / g, den: den / g };
}

export function timesRatio(a: Ratio, b: Ratio): Ratio {
  return ratio(a.num * b.num, a.den * b.den);
}

export function overRatio(a: Ratio, b: Ratio): Ratio {
  return ratio(a.num * b.den, a.den * b.num);
}

export const ONE: Ratio = { num: 1n, den: 1n };

export function isOne(r: Ratio): boolean {
  return r.num === 1n && r.den === 1n;
}
