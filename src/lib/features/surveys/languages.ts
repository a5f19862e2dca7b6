import { m } from '$lib/paraglide/messages';

/** The English name of a language survey texts can be translated into. */
const NAMES: Record<string, () => string> = { tr: m.surveys_build_language_tr, ur: m.surveys_build_language_ur };

export const languageName = (locale: string) => (NAMES[locale] ?? (() => locale))();
