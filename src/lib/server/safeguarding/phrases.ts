import type { PhraseCategory } from '$lib/features/safeguarding/model';

/**
 * The built-in phrases that may point to a risk of harm to a child or adult. Matching them is a
 * triage aid for a safeguarding lead, never detection: most matches will be fine, and many worrying
 * things will not match. Safeguarding leads add local phrases in the app (`safeguarding_phrase`).
 *
 * How to write a phrase: plain lower-case words. A word ending in `*` also matches longer words
 * that start with it ("hurt*" matches "hurting", "hurts"). Case, spacing, punctuation and one or
 * two wrong letters in longer words are forgiven by the matcher, so do not list misspellings.
 *
 * Maintained with the area's safeguarding leads; review it each year. Based on the kinds of
 * disclosure NSPCC and Childline describe (self-harm and suicide, abuse, neglect, feeling unsafe).
 */
export const BUILT_IN_PHRASES: Record<PhraseCategory, readonly string[]> = {
	self_harm: [
		'kill* myself',
		'kill* me',
		'end my life',
		'end it all',
		'want to die',
		'wanna die',
		'wish i was dead',
		'wish i were dead',
		'better off dead',
		'better off without me',
		'nobody would miss me',
		'end* my life',
		'scratch* my arms',
		'scratch* myself',
		'till they bleed',
		'till i bleed',
		'make myself bleed',
		'starv* myself',
		'no one would miss me',
		'want to disappear',
		'suicid*',
		'hurt* myself',
		'harm* myself',
		'self harm*',
		'selfharm*',
		'cut* myself',
		'overdose',
		'no reason to live',
		'not want to be here',
		'dont want to be here',
		'dont want to live',
		'do not want to live',
		'cant go on'
	],
	abuse: [
		'hit* me',
		'beat* me',
		'punch* me',
		'kick* me',
		'touch* me',
		'hurt* me',
		'abus*',
		'rape*',
		'sexual things',
		'groom*',
		'threaten* me',
		'lock* me in',
		'locked me',
		'burn* me',
		'strangl*',
		'choke* me',
		'send pictures',
		'keep it a secret',
		'our secret',
		'makes me do things',
		'throw* things at me',
		'if i tell',
		'not allowed to tell',
		'made me do things',
		'bruise*'
	],
	neglect: [
		'no food',
		'never any food',
		'no electric*',
		'no gas',
		'sleep in the car',
		'sleep in a car',
		'nothing to eat',
		'not eaten',
		'hungry all the time',
		'always hungry',
		'no one looks after me',
		'nobody looks after me',
		'left on my own',
		'home alone',
		'no heating',
		'not allowed to eat',
		'no clean clothes',
		'kicked out',
		'nowhere to sleep',
		'sleep on the street'
	],
	unsafe: [
		'not safe',
		'not feel safe',
		'dont feel safe',
		'never feel safe',
		'unsafe',
		'scared to go home',
		'scared of going home',
		'afraid to go home',
		'frightened to go home',
		'scared of my',
		'afraid of my',
		'frightened of my',
		'run away from home',
		'running away from home',
		'ran away from home',
		'bully* me',
		'bullied',
		'nobody to talk to',
		'no one to talk to',
		'in danger',
		'domestic violence',
		'has a knife',
		'carry a knife',
		'carries a knife',
		'has a weapon'
	]
};
