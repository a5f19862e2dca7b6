/**
 * The 10,000 most common passwords, refused when a person chooses a password (with a plain
 * message): they are the first an attacker tries. The list is the top of the ranked password list
 * of zxcvbn (Dan Wheeler and Dropbox, MIT licence), as published in `@zxcvbn-ts/language-common`
 * 4.1.3 (`src/passwords.json`), lower-cased, first 10,000 distinct entries; it ships in the repo
 * (common-passwords.txt) so nothing is fetched at run time.
 */
import list from './common-passwords.txt?raw';

let common: Set<string> | undefined;

/** Whether a password is one of the 10,000 most common, ignoring case and surrounding spaces. */
export function isCommonPassword(password: string): boolean {
	common ??= new Set(list.split('\n').filter(Boolean));
	return common.has(password.trim().toLowerCase());
}
