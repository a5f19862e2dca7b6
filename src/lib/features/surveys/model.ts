/**
 * Easy-read surveys: the words and rules both the browser and the server need.
 * What a survey may do is decided in `$lib/server/surveys/` (its index).
 */
import type { SymbolId } from '$lib/symbols/catalogue';
import { CATEGORIES, type Category, type Characteristic } from '../reach/model';

export const SURVEY_STATES = ['draft', 'published', 'closed'] as const;
export type SurveyState = (typeof SURVEY_STATES)[number];

export const AUDIENCES = ['parent_carers', 'young_people', 'both'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const QUESTION_KINDS = ['smiley3', 'smiley5', 'yes_no', 'pick_one', 'pick_any', 'short_text', 'long_text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** Kinds whose answer is one or more of the question's options. */
export const CHOICE_KINDS: readonly QuestionKind[] = ['smiley3', 'smiley5', 'yes_no', 'pick_one', 'pick_any'];
/** Kinds whose options are fixed in number (their words and symbols can still change). */
export const FIXED_OPTION_KINDS: readonly QuestionKind[] = ['smiley3', 'smiley5', 'yes_no'];
export const TEXT_KINDS: readonly QuestionKind[] = ['short_text', 'long_text'];

export const isChoiceKind = (kind: QuestionKind) => CHOICE_KINDS.includes(kind);
export const hasFixedOptions = (kind: QuestionKind) => FIXED_OPTION_KINDS.includes(kind);

/** The longest answer each text kind takes, in characters. */
export const TEXT_LIMITS = { short_text: 200, long_text: 5000 } as const;

/** Who a response came from, for results and reports ("unknown" when nobody said). */
export const RESPONDENT_GROUPS = ['parent_carer', 'young_person', 'other', 'unknown'] as const;
export type RespondentGroup = (typeof RESPONDENT_GROUPS)[number];

/**
 * A ready-made option. `category` is the reach category (features/reach/model.ts) an answer
 * counts as when set beside the local population, kept on the option so rewording it changes nothing.
 */
export type OptionTemplate = { label: string; symbolId: SymbolId | null; positive: boolean; group?: RespondentGroup; category?: Category };

/** The options a new question of a fixed kind starts with (the organiser may reword them). */
export const FIXED_OPTIONS: Partial<Record<QuestionKind, readonly OptionTemplate[]>> = {
	smiley3: [
		{ label: 'Not good', symbolId: 'sad', positive: false },
		{ label: 'Okay', symbolId: 'okay', positive: false },
		{ label: 'Good', symbolId: 'happy', positive: true }
	],
	smiley5: [
		{ label: 'Very bad', symbolId: 'very-sad', positive: false },
		{ label: 'Bad', symbolId: 'sad', positive: false },
		{ label: 'Okay', symbolId: 'okay', positive: false },
		{ label: 'Good', symbolId: 'happy', positive: true },
		{ label: 'Very good', symbolId: 'very-happy', positive: true }
	],
	yes_no: [
		{ label: 'Yes', symbolId: 'yes', positive: true },
		{ label: 'No', symbolId: 'no', positive: false },
		{ label: 'Not sure', symbolId: 'not-sure', positive: false }
	]
};

export const ABOUT_YOU = ['who', 'age_band', 'area', 'ethnicity', 'language', 'need_area', 'phase', 'support', 'sex'] as const;
export type AboutYou = (typeof ABOUT_YOU)[number];

/** The reach characteristic an "about you" question counts (null: it is not compared with the local population). */
export function characteristicOf(aboutYou: AboutYou | null): Characteristic | null {
	return aboutYou === 'who' || aboutYou === 'age_band' || aboutYou === null ? null : aboutYou;
}

/**
 * Whether choosing an option also takes a typed answer: "another language" of the main language
 * question (made from the template, or any option an organiser gave that category), which asks
 * which language, up to OTHER_LANGUAGE_MAX characters, optional. The typed name is kept with the
 * answer, and staff only ever see it counted with others (reach's `namedLanguages`).
 */
export const asksWhich = (aboutYou: AboutYou | null, category: string | null): boolean => aboutYou === 'language' && category === 'other';

const PREFER_NOT = { label: 'Prefer not to say', symbolId: null, positive: false } as const;
const plain = (label: string): OptionTemplate => ({ label, symbolId: null, positive: false });
/** Options in the order of the characteristic's categories, each counting as its category. */
const keyed = <C extends Characteristic>(characteristic: C, labels: readonly string[]): OptionTemplate[] =>
	labels.map((label, i) => ({ label, symbolId: null, positive: false, category: CATEGORIES[characteristic][i] }));

/**
 * The ready-made "about you" questions. They are ordinary "pick one" questions once added, so
 * the organiser can reword them (an area's own area names, say); each ends with "Prefer not to say".
 * Ethnicity uses the ONS 2021 census categories for England.
 */
export const ABOUT_YOU_QUESTIONS: Record<AboutYou, { text: string; help: string; options: readonly OptionTemplate[] }> = {
	who: {
		text: 'Who is answering?',
		help: 'So we know if we hear from families and young people alike.',
		options: [
			{ label: 'A parent or carer', symbolId: null, positive: false, group: 'parent_carer' },
			{ label: 'A child or young person', symbolId: null, positive: false, group: 'young_person' },
			{ label: 'Someone who works with children', symbolId: null, positive: false, group: 'other' },
			{ ...PREFER_NOT }
		]
	},
	age_band: {
		text: 'How old is your child (or how old are you)?',
		help: 'So we know if we hear about children of every age.',
		options: ['0 to 4', '5 to 10', '11 to 15', '16 to 18', '19 to 25'].map(plain).concat(PREFER_NOT)
	},
	area: {
		text: 'Which part of the area do you live in?',
		help: 'So we know if we hear from every part of the area.',
		options: keyed('area', ['North', 'South', 'East', 'West', 'Centre']).concat(plain('Outside the area'), PREFER_NOT)
	},
	ethnicity: {
		text: 'What is your ethnic group?',
		help: 'So we know if we hear from every community. These are the groups the 2021 census used.',
		options: keyed('ethnicity', [
			'Asian or Asian British: Bangladeshi',
			'Asian or Asian British: Chinese',
			'Asian or Asian British: Indian',
			'Asian or Asian British: Pakistani',
			'Asian or Asian British: any other Asian background',
			'Black, Black British, Caribbean or African: African',
			'Black, Black British, Caribbean or African: Caribbean',
			'Black, Black British, Caribbean or African: any other Black background',
			'Mixed or multiple: White and Asian',
			'Mixed or multiple: White and Black African',
			'Mixed or multiple: White and Black Caribbean',
			'Mixed or multiple: any other mixed background',
			'White: English, Welsh, Scottish, Northern Irish or British',
			'White: Irish',
			'White: Gypsy or Irish Traveller',
			'White: Roma',
			'White: any other White background',
			'Other ethnic group: Arab',
			'Other ethnic group: any other ethnic group'
		]).concat(PREFER_NOT)
	},
	language: {
		text: 'What language do you speak most at home?',
		help: 'So we know which languages to offer.',
		// "Another language" takes the language's name too (see `asksWhich`).
		options: keyed('language', [
			'English',
			'Arabic',
			'Bengali',
			'British Sign Language (BSL)',
			'French',
			'Gujarati',
			'Kurdish',
			'Polish',
			'Portuguese',
			'Punjabi',
			'Romanian',
			'Somali',
			'Spanish',
			'Turkish',
			'Twi',
			'Urdu',
			'Vietnamese',
			'Yiddish',
			'Yoruba',
			'Another language'
		]).concat(PREFER_NOT)
	},
	need_area: {
		text: "What is your child's main area of need (or yours, if you are the young person)?",
		help: 'So we know if we hear about every kind of need. These are the four areas of the SEND Code of Practice.',
		options: keyed('need_area', [
			'Communication and interaction',
			'Cognition and learning',
			'Social, emotional and mental health',
			'Sensory and/or physical'
		]).concat(PREFER_NOT)
	},
	phase: {
		text: 'Where does your child learn (or where do you learn)?',
		help: 'So we know if we hear about children and young people of every stage.',
		options: keyed('phase', [
			'Early years: nursery or pre-school',
			'Primary school',
			'Secondary school',
			'College, sixth form or training (16 and over)',
			'Not in school, college or training'
		]).concat(PREFER_NOT)
	},
	support: {
		text: 'Does your child (or do you) have an education, health and care plan (EHC plan)?',
		help: 'So we know if we hear from families with and without an EHC plan.',
		options: keyed('support', ['Yes, an EHC plan', 'No, help from SEN support at school or college']).concat(PREFER_NOT)
	},
	sex: {
		text: "What is your child's sex (or yours, if you are the young person)?",
		help: 'So we know if we hear about girls and boys alike.',
		options: keyed('sex', ['Female', 'Male']).concat(PREFER_NOT)
	}
};

/** Whether a survey takes answers on `today` (ISO dates compare as strings). */
export function isOpenOn(
	survey: { state: SurveyState; opensOn: string; closesOn: string | null },
	today: string
): boolean {
	return survey.state === 'published' && survey.opensOn <= today && (!survey.closesOn || today <= survey.closesOn);
}

/**
 * Where a respondent's answers live: `/surveys/<id>/answer/<token>` (resume link: goes to the
 * first question still to answer), then `/1`, `/2`... one question per page, `/check` (check
 * your answers; posting it sends) and `/sent` (confirmation with the receipt code).
 */
export function answerPath(surveyId: number, token: string, step?: number | 'check' | 'sent'): string {
	return `/surveys/${surveyId}/answer/${token}${step === undefined ? '' : `/${step}`}`;
}

/** A survey's details as the builder stores them (the details form maps to and from this). */
export type SurveyInput = {
	title: string;
	intro: string;
	audience: Audience;
	anonymous: boolean;
	opensOn: string;
	closesOn: string | null;
	serviceIds: number[];
};

export type OptionInput = {
	/** Present for an option that exists; absent for a new one. */
	id?: number;
	label: string;
	symbolId: string | null;
	imageId: number | null;
	positive: boolean;
};

export type QuestionInput = {
	text: string;
	help: string;
	required: boolean;
	symbolId: string | null;
	imageId: number | null;
	serviceId: number | null;
	/** The options in their new order (choice kinds only). */
	options: OptionInput[];
};
