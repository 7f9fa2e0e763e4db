/**
 * i18n: German by default, English as second language. Components call `t(key, params)`;
 * the language is reactive state, so every string re-renders on switch.
 */
import { de, type MessageKey } from './de.ts';
import { en } from './en.ts';

export type Lang = 'de' | 'en';
export type { MessageKey };

const dictionaries: Record<Lang, Record<MessageKey, string>> = { de, en };

const state = $state<{ lang: Lang }>({ lang: 'de' });

/** The current UI language. */
export function lang(): Lang {
	return state.lang;
}

/** Switch language; also sets <html lang> and remembers the choice. */
export function setLang(l: Lang): void {
	state.lang = l;
	if (typeof document !== 'undefined') document.documentElement.lang = l;
	try {
		localStorage.setItem('standortwahl.lang', l);
	} catch {
		/* private mode: the choice just isn't remembered */
	}
}

/** Restore a remembered language choice (called once on start). */
export function restoreLang(): void {
	try {
		const l = localStorage.getItem('standortwahl.lang');
		if (l === 'de' || l === 'en') setLang(l);
	} catch {
		/* ignore */
	}
}

/** Translate a key, filling `{name}` parameters. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
	const s = dictionaries[state.lang][key] ?? de[key] ?? key;
	return s.replace(/\{(\w+)\}/g, (_, k) => (k in params ? fmtParam(params[k]) : `{${k}}`));
}

/** Pick the current language from a {de, en} message object (used for core messages). */
export function tr(m: { de: string; en: string }): string {
	return m[state.lang];
}

function fmtParam(v: string | number): string {
	return typeof v === 'number' ? fmtNumber(v) : v;
}

/** Number formats by language and digits: building an Intl.NumberFormat costs far more than using one. */
const formats = new Map<string, Intl.NumberFormat>();

/** Number formatted for the current language (Swiss German uses ’ as thousands separator). */
export function fmtNumber(v: number, digits = 0, minDigits = digits): string {
	const key = `${state.lang}:${digits}:${minDigits}`;
	let f = formats.get(key);
	if (!f) {
		f = new Intl.NumberFormat(state.lang === 'de' ? 'de-CH' : 'en-GB', { maximumFractionDigits: digits, minimumFractionDigits: minDigits });
		formats.set(key, f);
	}
	return f.format(v);
}
