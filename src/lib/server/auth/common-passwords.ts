/**
 * The 10,000 most common passwords, refused when a person chooses a password (with a plain
 * message): they are the first an attacker tries. The list ships in the repo
 * (common-passwords.list.ts, where it comes from is written there), so nothing is fetched.
 */
import { COMMON_PASSWORDS as list } from './common-passwords.list';

let common: Set<string> | undefined;

/** Whether a password is one of the 10,000 most common, ignoring case and surrounding spaces. */
export function isCommonPassword(password: string): boolean {
	common ??= new Set(list.split('\n').filter(Boolean));
	return common.has(password.trim().toLowerCase());
}
