/**
 * What profiles give the features that work across all of them (../contributions.ts): a young
 * person's card, profile, photo and share links, and what supporters did on them, for "My data"
 * and erasure; inactive profiles and share-link openings for retention; the demo profiles.
 */
import { and, isNotNull, or, sql, type AnyColumn } from 'drizzle-orm';
import { cutoffTime, deleteOlderThan, removedMarker, show, squash, type Contribution, type EraseContext, type RetentionContext } from '../contributions';
import { profile, profileItem, profilePhoto, profileShareLink, profileShareOpen, profileVersion, youngPerson } from '../db/schema';
import { removeWordsOf } from '../safeguarding';
import { seedProfilesDemo } from './seed';

const { iso, day, yes, text, num, youOr } = show;

/** What a supporter's name becomes in the saved versions of other young people's profiles. */
export const FORMER_SUPPORTER = 'a supporter';

/** Replaces a supporter's name as the writer of items in a saved profile version; null when it is not there. */
function scrubSnapshot(snapshot: string, name: string): string | null {
	const parsed = JSON.parse(snapshot) as { sections?: { items?: { writtenBy?: string | null }[] }[] };
	let changed = false;
	for (const section of parsed.sections ?? []) {
		for (const item of section.items ?? []) {
			if (typeof item.writtenBy === 'string' && squash(item.writtenBy) === squash(name)) {
				item.writtenBy = FORMER_SUPPORTER;
				changed = true;
			}
		}
	}
	return changed ? JSON.stringify(parsed) : null;
}

/**
 * A young person's own profile and sign-in card go, with everything on it and every link to it.
 * What the person did on other young people's profiles stays for those young people, unlinked,
 * and their name as a writer in saved versions becomes "a supporter".
 */
function eraseProfiles({ person, all, del, unlink, asDecided }: EraseContext): void {
	// the young person's own rows before their young_person row, so each is counted (deleting it would cascade to them)
	del('profile_share_open', 'delete from profile_share_open where share_link_id in (select id from profile_share_link where young_person_id = ?)', person.id);
	asDecided(
		'profile_share_link.young_person_id',
		'profile_version.young_person_id',
		'profile_item.young_person_id',
		'profile_photo.young_person_id',
		'profile.young_person_id',
		'profile_supporter.young_person_id',
		'profile_supporter.supporter_id',
		'young_person.user_id'
	);
	// what they did on other young people's profiles stays, without them
	asDecided(
		'young_person.created_by',
		'profile_supporter.linked_by',
		'profile.reviewed_by',
		'profile_item.written_by',
		'profile_version.saved_by',
		'profile_share_link.created_by'
	);
	for (const v of all<{ young_person_id: number; number: number; snapshot: string }>(
		'select young_person_id, number, snapshot from profile_version where instr(lower(snapshot), lower(?)) > 0',
		person.name
	)) {
		const snapshot = scrubSnapshot(v.snapshot, person.name);
		if (snapshot) unlink('profile_version', 'update profile_version set snapshot = ? where young_person_id = ? and number = ?', snapshot, v.young_person_id, v.number);
	}
}

/**
 * Retention: records of share links being opened, and the profiles of young people who have not
 * used them for N days: not signed in (or, never signed in, since their card was made) and not
 * saved by anyone since. The account and the sign-in card stay, so the young person can sign in
 * and start again.
 */
function purgeProfiles({ tx, now, settings }: RetentionContext) {
	const counts = { profiles: 0, shareOpens: 0, flagTexts: 0 };
	counts.shareOpens = deleteOlderThan(tx, profileShareOpen, profileShareOpen.openedAt, settings.retainShareOpenDays, now);
	const days = settings.retainInactiveProfileDays;
	if (days > 0) {
		const cutoff = cutoffTime(now, days);
		const inactive = sql`select ${youngPerson.userId} from ${youngPerson}
			left join ${profile} on ${profile.youngPersonId} = ${youngPerson.userId}
			where coalesce(${youngPerson.lastSignInAt}, ${youngPerson.createdAt}) < ${cutoff}
			and (${profile.updatedAt} is null or ${profile.updatedAt} < ${cutoff})`;
		const inInactive = (column: AnyColumn) => sql`${column} in (${inactive})`;
		counts.profiles = tx
			.select({ n: sql<number>`count(*)` })
			.from(youngPerson)
			.where(
				and(
					inInactive(youngPerson.userId),
					sql`(exists (select 1 from ${profileItem} where ${profileItem.youngPersonId} = ${youngPerson.userId})
						or exists (select 1 from ${profileVersion} where ${profileVersion.youngPersonId} = ${youngPerson.userId})
						or exists (select 1 from ${profilePhoto} where ${profilePhoto.youngPersonId} = ${youngPerson.userId})
						or exists (select 1 from ${profileShareLink} where ${profileShareLink.youngPersonId} = ${youngPerson.userId}))`
				)
			)
			.get()!.n;
		// Flags raised on those items keep their review, categories and context, not the words.
		counts.flagTexts = removeWordsOf(
			tx,
			'profile_item',
			sql`select cast(${profileItem.id} as text) from ${profileItem} where ${inInactive(profileItem.youngPersonId)}`,
			removedMarker(days)
		);
		tx.delete(profileItem).where(inInactive(profileItem.youngPersonId)).run();
		tx.delete(profileVersion).where(inInactive(profileVersion.youngPersonId)).run();
		tx.delete(profilePhoto).where(inInactive(profilePhoto.youngPersonId)).run();
		counts.shareOpens += tx
			.delete(profileShareOpen)
			.where(
				sql`${profileShareOpen.shareLinkId} in (select ${profileShareLink.id} from ${profileShareLink} where ${inInactive(profileShareLink.youngPersonId)})`
			)
			.run().changes;
		tx.delete(profileShareLink).where(inInactive(profileShareLink.youngPersonId)).run();
		// An empty profile starts again from version 0, not marked as reviewed.
		tx.update(profile)
			.set({ version: 0, reviewedAt: null, reviewedBy: null })
			.where(and(inInactive(profile.youngPersonId), or(sql`${profile.version} <> 0`, isNotNull(profile.reviewedAt))))
			.run();
	}
	return counts;
}

export const contributes: Contribution = {
	feature: 'profiles',
	personalData: [
		{
			name: 'sign-in card',
			table: 'young_person',
			about: 'Your sign-in card: your year group, who made it and when you last signed in. Your code and pictures are secret: they are not here.',
			sql: `select y.year_group, y.created_at, y.last_sign_in_at, y.passcode_hash is not null as has_passcode, m.name as made_by
			      from young_person y left join user m on m.id = y.created_by where y.user_id = :me`,
			show: {
				'year group': text('year_group'),
				'made on': iso('created_at'),
				'made by': text('made_by'),
				'last signed in on': day('last_sign_in_at'),
				'pictures chosen': yes('has_passcode')
			},
			personColumns: { 'young_person.user_id': 'delete' }
		},
		{
			name: 'young people you added',
			table: 'young_person',
			about: 'Young people whose account you made, by their number (their profile belongs to them).',
			sql: 'select user_id, created_at from young_person where created_by = :me and user_id <> :me order by created_at',
			show: { 'young person number': num('user_id'), 'added on': iso('created_at') },
			personColumns: { 'young_person.created_by': 'unlink' }
		},
		{
			name: 'supporters linked',
			table: 'profile_supporter',
			about: 'The supporters who can see your profile, and when they were added.',
			sql: `select s.name, ps.linked_at from profile_supporter ps left join user s on s.id = ps.supporter_id
			      where ps.young_person_id = :me order by ps.linked_at`,
			show: { supporter: text('name'), 'added on': iso('linked_at') },
			personColumns: { 'profile_supporter.young_person_id': 'delete' }
		},
		{
			name: 'young people you support',
			table: 'profile_supporter',
			about: 'The young people whose profile you can see, and since when.',
			sql: `select ps.young_person_id, y.name, ps.linked_at from profile_supporter ps left join user y on y.id = ps.young_person_id
			      where ps.supporter_id = :me and ps.young_person_id <> :me order by ps.linked_at`,
			show: { 'young person number': num('young_person_id'), 'young person': text('name'), since: iso('linked_at') },
			personColumns: { 'profile_supporter.supporter_id': 'delete' }
		},
		{
			name: 'supporter links you made',
			table: 'profile_supporter',
			about: 'Times you let a supporter see a young person\'s profile (numbers only).',
			sql: `select young_person_id, supporter_id, linked_at from profile_supporter
			      where linked_by = :me and young_person_id <> :me and supporter_id <> :me order by linked_at`,
			show: { 'young person number': num('young_person_id'), 'supporter number': num('supporter_id'), 'linked on': iso('linked_at') },
			personColumns: { 'profile_supporter.linked_by': 'unlink' }
		},
		{
			name: 'profile',
			table: 'profile',
			about: 'Your one-page profile: its version, when it was last changed and checked, and whether your pictures are counted.',
			sql: `select p.version, p.updated_at, p.reviewed_at, r.name as reviewed_by, p.count_my_symbols
			      from profile p left join user r on r.id = p.reviewed_by where p.young_person_id = :me`,
			show: {
				version: num('version'),
				'last changed': iso('updated_at'),
				'last checked': iso('reviewed_at'),
				'checked by': text('reviewed_by'),
				'count my pictures': yes('count_my_symbols')
			},
			personColumns: { 'profile.young_person_id': 'delete' }
		},
		{
			name: 'profiles you marked reviewed',
			table: 'profile',
			about: 'Young people\'s profiles you said were still right (numbers only: the profiles belong to the young people).',
			sql: 'select young_person_id, reviewed_at from profile where reviewed_by = :me and young_person_id <> :me',
			show: { 'young person number': num('young_person_id'), 'checked on': iso('reviewed_at') },
			personColumns: { 'profile.reviewed_by': 'unlink' }
		},
		{
			name: 'profile photo',
			table: 'profile_photo',
			about: 'The photo on your profile and what it shows. The photo itself is the file profile-photo.jpg.',
			sql: 'select description, updated_at from profile_photo where young_person_id = :me',
			show: { 'what it shows': text('description'), 'added on': iso('updated_at'), file: () => 'profile-photo.jpg' },
			personColumns: { 'profile_photo.young_person_id': 'delete' }
		},
		{
			name: 'profile items',
			table: 'profile_item',
			about: 'Everything on your profile: the part, the picture, the words, and who wrote it.',
			sql: `select i.section, i.symbol_id, i.words, i.position, i.written_by, w.name as writer, i.created_at, i.updated_at
			      from profile_item i left join user w on w.id = i.written_by where i.young_person_id = :me order by i.section, i.position, i.id`,
			show: {
				part: text('section'),
				picture: text('symbol_id'),
				words: text('words'),
				place: num('position'),
				'written by': youOr('written_by', 'writer', FORMER_SUPPORTER),
				'added on': iso('created_at'),
				'changed on': iso('updated_at')
			},
			personColumns: { 'profile_item.young_person_id': 'delete' }
		},
		{
			name: 'profile items you wrote for others',
			table: 'profile_item',
			about: 'Things you wrote on young people\'s profiles: where and when, not the words (the profiles belong to the young people).',
			sql: 'select young_person_id, section, created_at, updated_at from profile_item where written_by = :me and young_person_id <> :me order by created_at',
			show: { 'young person number': num('young_person_id'), part: text('section'), 'added on': iso('created_at'), 'changed on': iso('updated_at') },
			personColumns: { 'profile_item.written_by': 'unlink' }
		},
		{
			name: 'profile versions',
			table: 'profile_version',
			about: 'Every saved version of your profile: when, who saved it, what changed, and everything it held then.',
			sql: `select v.number, v.saved_at, v.saved_by, s.name as saver, v.change, v.snapshot
			      from profile_version v left join user s on s.id = v.saved_by where v.young_person_id = :me order by v.number`,
			show: {
				version: num('number'),
				'saved on': iso('saved_at'),
				'saved by': youOr('saved_by', 'saver', FORMER_SUPPORTER),
				change: text('change'),
				'what it held': text('snapshot')
			},
			personColumns: { 'profile_version.young_person_id': 'delete' }
		},
		{
			name: 'profile saves you made for others',
			table: 'profile_version',
			about: 'Times you saved a change to a young person\'s profile (numbers only).',
			sql: 'select young_person_id, number, saved_at, change from profile_version where saved_by = :me and young_person_id <> :me order by saved_at',
			show: { 'young person number': num('young_person_id'), version: num('number'), 'saved on': iso('saved_at'), change: text('change') },
			personColumns: { 'profile_version.saved_by': 'unlink' }
		},
		{
			name: 'profile share links',
			table: 'profile_share_link',
			about: 'Links that let someone read your profile: who each is for, who made it, and when it stops working.',
			sql: `select l.id, l.label, m.name as maker, l.created_by, l.created_at, l.expires_at, l.revoked_at
			      from profile_share_link l left join user m on m.id = l.created_by where l.young_person_id = :me order by l.created_at`,
			show: {
				link: num('id'),
				'for whom': text('label'),
				'made by': youOr('created_by', 'maker'),
				'made on': iso('created_at'),
				'stops working on': iso('expires_at'),
				'stopped on': iso('revoked_at')
			},
			personColumns: { 'profile_share_link.young_person_id': 'delete' }
		},
		{
			name: 'share links you made for others',
			table: 'profile_share_link',
			about: 'Share links you made for young people\'s profiles (numbers and dates only).',
			sql: 'select young_person_id, created_at, expires_at, revoked_at from profile_share_link where created_by = :me and young_person_id <> :me order by created_at',
			show: { 'young person number': num('young_person_id'), 'made on': iso('created_at'), 'stops working on': iso('expires_at'), 'stopped on': iso('revoked_at') },
			personColumns: { 'profile_share_link.created_by': 'unlink' }
		},
		{
			name: 'share link openings',
			table: 'profile_share_open',
			about: 'Each time someone opened one of your share links: which link and when (we never keep who).',
			sql: `select o.share_link_id, l.label, o.opened_at from profile_share_open o join profile_share_link l on l.id = o.share_link_id
			      where l.young_person_id = :me order by o.opened_at`,
			show: { link: num('share_link_id'), 'for whom': text('label'), 'opened on': iso('opened_at') }
			// no personColumns: the openings are reached through their link (profile_share_link.young_person_id, above) and erased with it
		}
	],

	personalFiles: (q, id) =>
		q('select bytes from profile_photo where young_person_id = ?', id).map((r) => ({
			name: 'profile-photo.jpg',
			about: 'the photo on your profile.',
			bytes: new Uint8Array(r.bytes as Buffer)
		})),
	erase: eraseProfiles,
	retention: { kinds: ['profiles', 'shareOpens', 'flagTexts'], run: purgeProfiles },
	seed: async (db, now) => {
		await seedProfilesDemo(db, now);
	}
};
