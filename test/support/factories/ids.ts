import { randomUUID } from 'node:crypto';

/** Eight random hex digits: unique enough for names in a test database every suite shares. */
export const shortId = () => randomUUID().slice(0, 8);

/** A name no other test, suite or concurrent run will pick. */
export const uniq = (prefix: string) => `${prefix}-${shortId()}`;
