import { describe, expect, it } from 'vitest';
import { intlLocale, languageName, languageNames, languageOption, listFormat, numberFormat, textDirection, langAttr, dirAttr } from './i18n';

describe('Intl objects made once per language', () => {
	it('gives the same formatter for the same language and options, a new one otherwise', () => {
		expect(numberFormat('tr', { maximumFractionDigits: 1 })).toBe(numberFormat('tr', { maximumFractionDigits: 1 }));
		expect(numberFormat('tr', { maximumFractionDigits: 1 })).not.toBe(numberFormat('ur', { maximumFractionDigits: 1 }));
		expect(listFormat('en', 'conjunction')).toBe(listFormat('en', 'conjunction'));
		expect(listFormat('en', 'conjunction')).not.toBe(listFormat('en', 'disjunction'));
		expect(languageNames('en')).toBe(languageNames('en'));
	});

	it('writes English the British way', () => {
		expect(intlLocale('en')).toBe('en-GB');
		expect(numberFormat('en', { style: 'percent', maximumFractionDigits: 1 }).format(0.333)).toBe('33.3%');
		expect(listFormat('en', 'conjunction').format(['waiting times', 'letters', 'parking'])).toBe('waiting times, letters and parking');
		expect(languageNames('en').of('tr')).toBe('Turkish');
	});

	it('knows which scripts run right to left', () => {
		expect(textDirection('ur')).toBe('rtl');
		expect(textDirection('en')).toBe('ltr');
	});

	it("marks a text's language, and its direction when it runs the other way, only where it is not the page's", () => {
		const attrs = (lang: string, page: string) => [langAttr(lang, page), dirAttr(lang, page)];
		expect(attrs('en', 'en')).toEqual([undefined, undefined]);
		expect(attrs('ar', 'en')).toEqual(['ar', 'rtl']);
		expect(attrs('en', 'ur')).toEqual(['en', 'ltr']);
		expect(attrs('en', 'so')).toEqual(['en', undefined]);
		expect(attrs('ur', 'yi')).toEqual(['ur', undefined]);
	});
});

describe('language names', () => {
	it('names a language in the words of another, or in its own', () => {
		expect(languageName('tr', 'en')).toBe('Turkish');
		expect(languageName('ar', 'en')).toBe('Arabic');
		expect(languageName('so', 'tr')).toBe('Somalice');
		// its own words: the interface languages' own names, the others' CLDR names with a capital
		expect(languageName('pl')).toBe('Polski');
		expect(languageName('ku')).toBe('Kurmancî');
		expect(languageName('ar')).toBe('العربية');
		expect(languageName('es')).toBe('Español');
		expect(languageName('ro')).toBe('Română');
	});

	it('gives the code for a language Intl cannot name, rather than failing', () => {
		expect(languageName('zz', 'en')).toBe('zz');
		expect(languageName('en', 'not a locale')).toBe('en');
	});
});

describe('the language menus', () => {
	it("name each language in its own words, with a draft language's reviewed share, and English alone", () => {
		const reviewed = { tr: 40, pl: 12, yi: 0 };
		expect(languageOption('en', reviewed)).toBe('English');
		expect(languageOption('pl', reviewed)).toBe('Polski (sprawdzono 12%)');
		expect(languageOption('tr', reviewed)).toBe('Türkçe (%40 kontrol edildi)');
		expect(languageOption('yi', reviewed)).toBe('ייִדיש (0% איבערגעקוקט)');
		// before the shares are known (an error page), the name alone
		expect(languageOption('pl', {})).toBe('Polski');
	});
});
