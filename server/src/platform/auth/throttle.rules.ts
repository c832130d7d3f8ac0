/**
 * Slowing down guessing from one address (pure). Rules.md: throttle by account and address,
 * without letting an attacker lock anybody out. Many users share one address (a town office
 * behind one NAT), so failures from an address across accounts never refuse a login: beyond
 * a free allowance, every further attempt from that address waits longer, doubling with each
 * `step` more failures up to `maxMs`. The lock of one (account, address) pair stays as it was.
 */
export interface AddressThrottle {
  /** failures from one address (all accounts, within the lock window) before attempts wait */
  freeFailures: number;
  /** failures that double the wait */
  step: number;
  /** the first wait */
  baseMs: number;
  /** the longest wait: a colleague with the right password is never held longer */
  maxMs: number;
}

export function addressThrottle(config: { LOGIN_MAX_FAILURES: number; LOGIN_ADDRESS_DELAY_MAX_SECONDS: number }): AddressThrottle {
  return { freeFailures: config.LOGIN_MAX_FAILURES * 10, step: config.LOGIN_MAX_FAILURES * 2, baseMs: 250, maxMs: config.LOGIN_ADDRESS_DELAY_MAX_SECONDS * 1000 };
}

/** How long an attempt from an address with `failures` recent failures waits before it is checked. */
export function addressDelayMs(failures: number, t: AddressThrottle): number {
  if (failures < t.freeFailures) return 0;
  const doublings = Math.floor((failures - t.freeFailures) / t.step);
  return Math.min(t.maxMs, t.baseMs * 2 ** Math.min(doublings, 30));
}
