/**
 * What accounts give the features that work across all of them (../contributions.ts): a person's
 * account, roles, sessions and sign-in records for "My data" and erasure; the demo people, whom
 * every other feature's demo data builds on.
 */
import { show, type Contribution } from '../contributions';
import { seedAccountsDemo } from './seed';
import { limits } from '../auth/throttle';

const { iso, day, yes, text, num } = show;

export const contributes: Contribution = {
	feature: 'accounts',
	personalData: [
		{
			name: 'account',
			table: 'user',
			about: 'Your name, your email (if you have one) and when your account was made.',
			sql: 'select id, name, email, created_at, disabled_at, password_hash is not null as has_password from user where id = :me',
			show: {
				'your number': num('id'),
				name: text('name'),
				email: text('email'),
				'account made': iso('created_at'),
				'turned off': iso('disabled_at'),
				'has a password': yes('has_password')
			}
		},
		{
			name: 'roles',
			table: 'user_role',
			about: 'What you do in Chorus (for example parent carer, supporter, young person).',
			sql: 'select role from user_role where user_id = :me order by role',
			show: { role: text('role') },
			personColumns: { 'user_role.user_id': 'delete' }
		},
		{
			name: 'sessions',
			table: 'session',
			about: 'The times you are signed in on a phone or computer: the day it started and the day it ends.',
			sql: 'select created_at, expires_at from session where user_id = :me order by created_at',
			show: { 'started on': day('created_at'), 'ends on': day('expires_at') },
			personColumns: { 'session.user_id': 'delete' }
		},
		{
			name: 'set-password links',
			table: 'password_token',
			about: 'Links we sent you to set your password: when they were made, when they stop working, when you used them.',
			sql: 'select purpose, created_at, expires_at, used_at from password_token where user_id = :me order by created_at',
			show: {
				why: (r) => (r.purpose === 'invite' ? 'invitation' : 'new password'),
				'made on': day('created_at'),
				'stops working on': day('expires_at'),
				'used on': day('used_at')
			},
			personColumns: { 'password_token.user_id': 'delete' }
		},
		{
			name: 'two-step sign-in',
			table: 'two_step',
			about: 'Whether you use a code from an authenticator app to sign in, and since when. The secret your app holds is not here.',
			sql: 'select enabled_at from two_step where user_id = :me',
			show: { 'turned on': iso('enabled_at') },
			personColumns: { 'two_step.user_id': 'delete' }
		},
		{
			name: 'recovery codes',
			table: 'recovery_code',
			about: 'Your recovery codes (for when you lose your phone): which are used and when. The codes themselves are secret: they are not here.',
			// numbered 1, 2, 3... in the person's own list, not by the table's ids
			sql: 'select row_number() over (order by id) as code, used_at from recovery_code where user_id = :me order by id',
			show: { code: num('code'), 'used on': day('used_at') },
			personColumns: { 'recovery_code.user_id': 'delete' }
		},
		{
			name: 'sign-ins waiting for a code',
			table: 'sign_in_challenge',
			about: 'Sign-ins where your password was right and the code from your app was still to come (they last 10 minutes).',
			sql: 'select created_at, expires_at from sign_in_challenge where user_id = :me order by created_at',
			show: { started: iso('created_at'), 'stops working': iso('expires_at') },
			personColumns: { 'sign_in_challenge.user_id': 'delete' }
		}
	],

	// The account itself, last: every other feature's rows point at it.
	erase: ({ person, del, asDecided }) => {
		const id = person.id;
		asDecided('session.user_id', 'password_token.user_id', 'two_step.user_id', 'recovery_code.user_id', 'sign_in_challenge.user_id', 'user_role.user_id');
		if (person.email) del('sign_in_throttle', 'delete from sign_in_throttle where key = ?', limits.account(person.email).key);
		for (const l of [limits.secondStep(id), limits.currentPassword(id)]) del('sign_in_throttle', 'delete from sign_in_throttle where key = ?', l.key);
		del('user', 'delete from user where id = ?', id);
	},
	seed: seedAccountsDemo
};
