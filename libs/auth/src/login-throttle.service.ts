import { Injectable } from '@nestjs/common';
import { Env } from '@app/config';
import { foldAccents } from '@app/common';
import { AttemptBudget, Reservation } from './attempt-budget';

const WINDOW_SECONDS = 15 * 60;

/**
 * Brute-force protection for logins (passwords, and one-time codes once identity checks them). Each attempt is
 * counted against three budgets at once, before the secret is checked:
 * - the account from this address (LOGIN_MAX_FAILURES): a guesser is stopped, while the owner on another network
 *   (their home, the centre's WAN) can still log in, so failures cannot be used to lock a screener out;
 * - the account from anywhere (LOGIN_MAX_FAILURES_PER_ACCOUNT, higher): a guesser with many addresses is stopped;
 * - the address across accounts (LOGIN_MAX_FAILURES_PER_IP, higher still: thousands of citizens can share one
 *   carrier-grade NAT address): password spraying is stopped.
 * The account is its user id once found, so `0986…`, `+84986…` and a username written with a dotted capital İ are
 * one budget; a login that matches nobody is counted under its canonical text.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly budget: AttemptBudget,
    private readonly env: Env,
  ) {}

  /** Reserves one attempt for `account` from `ip`; 429 RATE_LIMITED when a budget is spent. */
  async reserve(account: string, ip: string): Promise<Reservation> {
    const here = `login-fail:acct-ip:${account}:${ip}`;
    const reservation = await this.budget.reserve(
      [
        { key: here, limit: this.env.LOGIN_MAX_FAILURES },
        { key: `login-fail:acct:${account}`, limit: this.env.LOGIN_MAX_FAILURES_PER_ACCOUNT },
        { key: `login-fail:ip:${ip}`, limit: this.env.LOGIN_MAX_FAILURES_PER_IP },
      ],
      WINDOW_SECONDS,
    );
    // A success from this address clears its count; the account's and the address's totals keep earlier failures.
    return { succeeded: () => reservation.succeeded([here]) };
  }
}

/** The budget key of a login that matches no account: case, width and accents folded, so variants share it. */
export const canonicalLogin = (login: string): string => foldAccents(login).replace(/\s+/g, '');
