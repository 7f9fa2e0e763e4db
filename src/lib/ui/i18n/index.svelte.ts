/**
 * i18n: German by default, English as second language. Components call `t(key, params)`;
 * the language is reactive state, so every string re-renders on switch.
 */
import { de, type MessageKey } from './de.ts';
import { en } from './en.ts';
import * as F from '../../report/format.ts';
import { showFormatChars } from '../../util/invisible.ts';

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

/** Translate a key, filling `{name}` parameters (invisible format characters in them shown: util/invisible.ts). */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
	const s = dictionaries[state.lang][key] ?? de[key] ?? key;
	return s.replace(/\{(\w+)\}/g, (_, k) => (k in params ? fmtParam(params[k]) : `{${k}}`));
}

/**
 * Pick the current language from a {de, en} message object (used for core messages, which quote headers,
 * values and ids from files and links: their invisible format characters are shown, util/invisible.ts).
 */
export function tr(m: { de: string; en: string }): string {
	return showFormatChars(m[state.lang]);
}

/** An error's own bilingual message (a worker's RemoteError, a ParamError, …), or null. */
function ownMsg(e: unknown): { de: string; en: string } | null {
	const m = (e as { msg?: { de?: unknown; en?: unknown } } | null)?.msg;
	return m && typeof m.de === 'string' && typeof m.en === 'string' ? { de: m.de, en: m.en } : null;
}

const plainMessage = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** An error as a bilingual message: its own where it carries one, else its message in both languages. */
export function errorMsg(e: unknown): { de: string; en: string } {
	const m = ownMsg(e);
	if (m) return m;
	const text = plainMessage(e);
	return { de: text, en: text };
}

/** An error in the current language: its own bilingual message where it carries one, else its message as it is. */
export function errorText(e: unknown): string {
	const m = ownMsg(e);
	return m ? tr(m) : plainMessage(e);
}

function fmtParam(v: string | number): string {
	return typeof v === 'number' ? fmtNumber(v) : showFormatChars(v);
}

/** Number formatted for the current language (Swiss German: 1’234.5; report/format.ts). */
export function fmtNumber(v: number, digits = 0, minDigits = digits): string {
	return F.num(state.lang, v, digits, minDigits);
}

/** An ISO date as the current language writes it (30.11.2026 / 30 Nov 2026). */
export function fmtDate(iso: string | null | undefined): string {
	return iso ? F.date(state.lang, iso) : '–';
}

/** An amount in millions of CHF with its currency ("CHF 4.80 Mio."). */
export function fmtMchf(v: number | null | undefined, digits = 2): string {
	return v === null || v === undefined || !Number.isFinite(v) ? '–' : F.mchf(state.lang, v, digits);
}

/** An amount in whole CHF ("CHF 1’234’567"). */
export function fmtChf(v: number | null | undefined): string {
	return v === null || v === undefined || !Number.isFinite(v) ? '–' : F.chf(state.lang, v);
}

/** A share 0..1 as percent ("29 %"); null as "–". */
export function fmtPct(v: number | null | undefined, digits = 0): string {
	return v === null || v === undefined || !Number.isFinite(v) ? '–' : F.pct(state.lang, v, digits);
}
