/**
 * Invisible format characters (util/invisible.ts): what a message shows of a header, a value, an id from
 * a link is what is stored, and headers written with them still match. (Stripping on import:
 * import-fast.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { hasFormatChars, showFormatChars, withoutFormatChars } from '../../src/lib/util/invisible.ts';
import { show } from '../../src/lib/data/import/values.ts';
import { suggestMapping } from '../../src/lib/data/import/mapping.ts';
import { t, tr } from '../../src/lib/ui/i18n/index.svelte.ts';

describe('invisible format characters', () => {
	it('are found, removed and shown by code point, astral ones included; visible text is left alone', () => {
		const s = 'K\u200b01 \u202eabc\u202c \u{e0041}x';
		expect(hasFormatChars(s)).toBe(true);
		expect(withoutFormatChars(s)).toBe('K01 abc x');
		expect(showFormatChars(s)).toBe('K⟨U+200B⟩01 ⟨U+202E⟩abc⟨U+202C⟩ ⟨U+E0041⟩x');
		// Letters, accents, apostrophes, no-break and narrow spaces are text, not format characters.
		const plain = "Zürich 1’234\u00a0m² 1'5\u202f%";
		expect(hasFormatChars(plain)).toBe(false);
		expect(showFormatChars(plain)).toBe(plain);
	});

	it('are shown in messages: a quoted cell, a parameter, a message from the core', () => {
		expect(show('\u202eKriens')).toBe('⟨U+202E⟩Kriens');
		expect(t('site.unknown', { id: 'S1\u202eTSEW' })).toContain('S1⟨U+202E⟩TSEW');
		expect(tr({ de: 'Spalte «PL\u200bZ»', en: 'Column "PL\u200bZ"' })).toBe('Spalte «PL⟨U+200B⟩Z»');
	});

	it('in a header do not keep it from matching', () => {
		const m = suggestMapping('staff', ['Personal\u00adnummer', 'Einheit', 'F\u200bTE', 'Standort\u2069', 'PLZ\u202c']).mapping;
		expect(m).toMatchObject({ person_id: 'Personal\u00adnummer', fte: 'F\u200bTE', plz: 'PLZ\u202c' });
	});
});
