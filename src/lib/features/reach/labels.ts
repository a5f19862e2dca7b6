/** The words for the characteristics and categories of `model.ts`, in the reader's language. */
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import type { Category, Characteristic } from './model';

type Words = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;

const CHARACTERISTIC_NAMES: Record<Characteristic, Words> = {
	need_area: m.reach_characteristic_need_area,
	phase: m.reach_characteristic_phase,
	support: m.reach_characteristic_support,
	sex: m.reach_characteristic_sex,
	ethnicity: m.reach_characteristic_ethnicity,
	area: m.reach_characteristic_area,
	language: m.reach_characteristic_language
};

const CATEGORY_NAMES: { [C in Characteristic]: Record<Category<C>, Words> } = {
	need_area: {
		communication_interaction: m.reach_need_area_communication_interaction,
		cognition_learning: m.reach_need_area_cognition_learning,
		social_emotional_mental_health: m.reach_need_area_social_emotional_mental_health,
		sensory_physical: m.reach_need_area_sensory_physical
	},
	phase: {
		early_years: m.reach_phase_early_years,
		primary: m.reach_phase_primary,
		secondary: m.reach_phase_secondary,
		post_16: m.reach_phase_post_16,
		not_in_education: m.reach_phase_not_in_education
	},
	support: { ehc_plan: m.reach_support_ehc_plan, sen_support: m.reach_support_sen_support },
	sex: { female: m.reach_sex_female, male: m.reach_sex_male },
	ethnicity: {
		asian_bangladeshi: m.reach_ethnicity_asian_bangladeshi,
		asian_chinese: m.reach_ethnicity_asian_chinese,
		asian_indian: m.reach_ethnicity_asian_indian,
		asian_pakistani: m.reach_ethnicity_asian_pakistani,
		asian_other: m.reach_ethnicity_asian_other,
		black_african: m.reach_ethnicity_black_african,
		black_caribbean: m.reach_ethnicity_black_caribbean,
		black_other: m.reach_ethnicity_black_other,
		mixed_white_asian: m.reach_ethnicity_mixed_white_asian,
		mixed_white_black_african: m.reach_ethnicity_mixed_white_black_african,
		mixed_white_black_caribbean: m.reach_ethnicity_mixed_white_black_caribbean,
		mixed_other: m.reach_ethnicity_mixed_other,
		white_british: m.reach_ethnicity_white_british,
		white_irish: m.reach_ethnicity_white_irish,
		white_gypsy_traveller: m.reach_ethnicity_white_gypsy_traveller,
		white_roma: m.reach_ethnicity_white_roma,
		white_other: m.reach_ethnicity_white_other,
		other_arab: m.reach_ethnicity_other_arab,
		other_any: m.reach_ethnicity_other_any
	},
	area: { north: m.reach_area_north, south: m.reach_area_south, east: m.reach_area_east, west: m.reach_area_west, centre: m.reach_area_centre },
	language: {
		english: m.reach_language_english,
		arabic: m.reach_language_arabic,
		bengali: m.reach_language_bengali,
		bsl: m.reach_language_bsl,
		french: m.reach_language_french,
		gujarati: m.reach_language_gujarati,
		kurdish: m.reach_language_kurdish,
		polish: m.reach_language_polish,
		portuguese: m.reach_language_portuguese,
		punjabi: m.reach_language_punjabi,
		romanian: m.reach_language_romanian,
		somali: m.reach_language_somali,
		spanish: m.reach_language_spanish,
		turkish: m.reach_language_turkish,
		twi: m.reach_language_twi,
		urdu: m.reach_language_urdu,
		vietnamese: m.reach_language_vietnamese,
		yiddish: m.reach_language_yiddish,
		yoruba: m.reach_language_yoruba,
		other: m.reach_language_other
	}
};

/** A characteristic's name, in the reader's language or the one given (the baseline import reads all three). */
export const characteristicName = (c: Characteristic, locale?: Locale): string => CHARACTERISTIC_NAMES[c]({}, locale ? { locale } : {});

/** A category's name, in the reader's language or the one given. */
export const categoryName = <C extends Characteristic>(c: C, category: Category<C>, locale?: Locale): string =>
	(CATEGORY_NAMES[c] as Record<string, Words>)[category]({}, locale ? { locale } : {});
