/** The profile pages' words for sections, saved changes and the service's error codes. Browser-safe. */
import { m } from '$lib/paraglide/messages';
import { ITEM_WORDS_MAX, ITEMS_PER_SECTION_MAX, type ProfileSection } from '$lib/features/profiles/model';

const SECTION_NAMES: Record<ProfileSection, () => string> = {
	admire: m.profiles_section_admire,
	important: m.profiles_section_important,
	support: m.profiles_section_support,
	communicate: m.profiles_section_communicate,
	hopes: m.profiles_section_hopes
};

/** A section's heading in plain words: "How best to support me". */
export const sectionName = (section: ProfileSection): string => SECTION_NAMES[section]();

const CHANGE_NAMES: Record<string, () => string> = {
	added: m.profiles_change_added,
	changed: m.profiles_change_changed,
	removed: m.profiles_change_removed,
	moved: m.profiles_change_moved,
	photo: m.profiles_change_photo,
	photo_removed: m.profiles_change_photo_removed
};

/** What a saved version changed, in plain words ("Added something"). */
export const changeName = (change: string): string => (CHANGE_NAMES[change] ?? m.profiles_change_other)();

/** The confirmation after a save: "Added. Your profile is saved as version 7." */
export function savedMessage(did: string, version: number): string {
	const saved = m.profiles_saved_as_version({ version });
	const what =
		did === 'changed' ? m.profiles_did_changed() : did === 'removed' ? m.profiles_did_removed() : did === 'moved' ? m.profiles_did_moved() : m.profiles_did_added();
	return `${what} ${saved}`;
}

/** A service's validation code on an item, as a message that says how to put it right. */
export function itemProblem(code: string): string {
	switch (code) {
		case 'empty':
			return m.profiles_problem_empty();
		case 'words_too_long':
			return m.profiles_problem_words_too_long({ max: ITEM_WORDS_MAX });
		case 'forbidden':
			return m.profiles_problem_forbidden();
		case 'section_full':
			return m.profiles_problem_section_full({ max: ITEMS_PER_SECTION_MAX });
		default:
			return m.profiles_problem_symbol();
	}
}
