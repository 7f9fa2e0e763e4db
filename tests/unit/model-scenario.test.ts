/** Scenarios: stable ids, JSON round trip, duplicate, compare; data version from SQL. */
import { describe, expect, it } from 'vitest';
import { openNodeDb } from '../../src/lib/data/db/node.ts';
import { parseViewParams, weightsFromParam } from '../../src/lib/app/url.ts';
import { checkWeights } from '../../src/lib/model/params-check.ts';
import {
	DEFAULT_PARAMS,
	scenarioFromParam,
	scenarioToParam,
	checkParams,
	ParamError,
	PARAM_RULES,
	PARAM_META,
	canonicalJson,
	compareScenarios,
	computeCriteria,
	createScenario,
	dataVersion,
	duplicateScenario,
	fnv1a64,
	parseScenario,
	scoreSites,
	serialiseScenario,
	updateScenario
} from '../../src/lib/model/index.ts';
import { loadSmall, SMALL_PARAMS, HAND_SIZED } from '../fixtures/model/small.ts';

describe('hash', () => {
	it('FNV-1a 64 reference values', () => {
		expect(fnv1a64('')).toBe('cbf29ce484222325');
		expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
		expect(fnv1a64('foobar')).toBe('85944171f73967e8');
	});
	it('canonical JSON sorts keys at every level', () => {
		expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[1,{"y":null,"z":0}]},"b":1}');
	});
});

describe('scenario', () => {
	it('id depends on content, not on key order or name', () => {
		const a = createScenario({ name: 'A', params: { discountRate: 0.03, horizonYears: 20 }, weights: { npv: 50, co2: 50 } });
		const b = createScenario({ name: 'B', params: { horizonYears: 20, discountRate: 0.03 }, weights: { co2: 50, npv: 50 } });
		expect(a.id).toBe(b.id);
		expect(a.id).toMatch(/^[0-9a-f]{16}$/);
		expect(updateScenario(a, { params: { discountRate: 0.04 } }).id).not.toBe(a.id);
		expect(updateScenario(a, { weights: { npv: 51, co2: 50 } }).id).not.toBe(a.id);
	});

	it('serialise → parse round trip is byte-identical; duplicate keeps the id', () => {
		const a = createScenario({ name: 'Basis', params: { moveDate: '2027-01-01' } });
		const text = serialiseScenario(a);
		const back = parseScenario(text);
		expect(back).toEqual(a);
		expect(serialiseScenario(back)).toBe(text);
		const d = duplicateScenario(a);
		expect(d.name).toBe('Basis (copy)');
		expect(d.id).toBe(a.id);
		// Missing parameters take defaults.
		const partial = parseScenario(JSON.stringify({ format: 'standortwahl-scenario', name: 'x', params: { horizonYears: 10 }, weights: { npv: 1 } }));
		expect(partial.params.horizonYears).toBe(10);
		expect(partial.params.discountRate).toBe(0.02);
		expect(() => parseScenario('{"format":"other"}')).toThrow();
	});

	it('data version changes with the data; compare lists differences', async () => {
		const db1 = await openNodeDb();
		const db2 = await openNodeDb();
		await loadSmall(db1);
		await loadSmall(db2);
		const v1 = await dataVersion(db1);
		expect(v1.tables.staff.rows).toBe(5);
		expect((await dataVersion(db2)).hash).toBe(v1.hash);
		await db2.exec(`UPDATE sites SET cost_chf_m2_year = 250 WHERE site_id = 'A'`);
		const v2 = await dataVersion(db2);
		expect(v2.hash).not.toBe(v1.hash);

		const s1 = createScenario({ name: 'one', data: v1, params: SMALL_PARAMS, weights: { customer_access: 60, npv: 40 } });
		const s2 = createScenario({ name: 'two', data: v2, params: { ...SMALL_PARAMS, requireCapacity: false }, weights: { customer_access: 60, npv: 40 } });
		const c1 = await computeCriteria(db1, s1.params, HAND_SIZED);
		const c2 = await computeCriteria(db2, s2.params, HAND_SIZED);
		const diffs = compareScenarios(s1, s2, { a: { criteria: c1, score: scoreSites(c1, s1.weights) }, b: { criteria: c2, score: scoreSites(c2, s2.weights) } });
		expect(diffs.filter((d) => d.kind === 'data').map((d) => d.key)).toEqual(['sites']);
		expect(diffs.filter((d) => d.kind === 'param')).toEqual([{ kind: 'param', key: 'requireCapacity', a: true, b: false }]);
		// A's annual cost 120 m² × 200 → × 250: 6'000 more a year lowers its NPV.
		const npv = diffs.find((d) => d.kind === 'criterion' && d.key === 'npv' && d.site_id === 'A')!;
		expect(npv.a as number).toBeCloseTo(c1.sites[0].money.npvChf, 6);
		expect((npv.a as number) - (npv.b as number)).toBeGreaterThan(6000 * 2);
		// B was excluded in s1 (capacity) and ranked in s2.
		expect(diffs.find((d) => d.kind === 'rank' && d.site_id === 'B')).toMatchObject({ a: null });
		await db1.close();
		await db2.close();
	});
});

describe('scenario as a URL parameter', () => {
	it('round-trips name, changed parameters and weights, URL-safe, with umlauts', () => {
		const s = { name: 'Nur Reserve – Kündigung früh', params: { ...DEFAULT_PARAMS, discountRate: 0.03 }, weights: { capacity_reserve: 50, npv: 0 } };
		const p = scenarioToParam(s);
		expect(p).toMatch(/^[A-Za-z0-9_-]+$/);
		expect(scenarioFromParam(p)).toEqual({ name: s.name, params: { discountRate: 0.03 }, weights: s.weights });
	});
	it('rejects damaged links and unknown parameters with a clear message', () => {
		expect(() => scenarioFromParam('%%%')).toThrow(/damaged/);
		const bad = scenarioToParam({ name: 'x', params: {}, weights: {} }).slice(0, -3) + 'eyJ';
		expect(() => scenarioFromParam(bad)).toThrow(/damaged/);
		const unknown = btoa(JSON.stringify({ n: 'x', p: { nope: 1 }, w: {} }));
		expect(() => scenarioFromParam(unknown)).toThrow(/unknown parameter "nope"/i);
	});
	it('refuses parameter values the model cannot use, naming the parameter; a hostile name is cleaned', () => {
		const link = (p: Record<string, unknown>, n: unknown = 'x') => Buffer.from(JSON.stringify({ n, p, w: {} })).toString('base64url');
		// A 10^9-year horizon would hang the NPV loop; a text, a list of a million thresholds, an unknown group.
		expect(() => scenarioFromParam(link({ horizonYears: 1e9 }))).toThrow(/horizonYears.*1000000000.*1 to 100/);
		expect(() => scenarioFromParam(link({ discountRate: '0.03' }))).toThrow(/discountRate/);
		expect(() => scenarioFromParam(link({ commuteThresholdsMin: Array.from({ length: 1e5 }, (_, i) => i + 1) }))).toThrow(/commuteThresholdsMin/);
		expect(() => scenarioFromParam(link({ branchGroups: ["x'); DROP TABLE staff; --"] }))).toThrow(/branchGroups/);
		expect(() => scenarioFromParam(link({ moveDate: '2026-02-30' }))).toThrow(/moveDate/);
		expect(() => scenarioFromParam(link({ ranges: { npv: { worst: 1, best: 1 } } }))).toThrow(/ranges/);
		expect(() => scenarioFromParam(link([1, 2] as unknown as Record<string, unknown>))).toThrow(/not an object/);
		expect(() => scenarioFromParam(btoa('{"n":"x","p":{"__proto__":{"horizonYears":5}},"w":{}}'))).toThrow(/__proto__/);
		// In bounds, null where allowed: taken as given.
		const ok = scenarioFromParam(link({ horizonYears: 40, financingRate: null, maxMeanCommuteMin: 50, branchGroups: ['jobseeker', 'insured'], ranges: { npv: { worst: -5e7, best: 5e7 } } }, '\u202eKriens Basis'));
		expect(ok.params).toEqual({ horizonYears: 40, financingRate: null, maxMeanCommuteMin: 50, branchGroups: ['jobseeker', 'insured'], ranges: { npv: { worst: -5e7, best: 5e7 } } });
		expect(ok.name).toBe('Kriens Basis');
		expect(scenarioFromParam(link({}, 'y'.repeat(500))).name).toHaveLength(120);
		expect(() => scenarioFromParam(Buffer.from(JSON.stringify({ n: 'x', p: {}, w: { npv: 1e300 } })).toString('base64url'))).toThrow(/Weight "npv"/);
		// Scenario files are checked the same way (the UI's upload, the CLI's --scenario).
		expect(() => parseScenario(JSON.stringify({ format: 'standortwahl-scenario', name: 'x', params: { horizonYears: -3 } }))).toThrow(/horizonYears/);
		expect(() => parseScenario(JSON.stringify({ format: 'standortwahl-scenario', name: 'x', weights: { npv: 'viel' } }))).toThrow(/Weight "npv"/);
		expect(parseScenario(JSON.stringify({ format: 'standortwahl-scenario', name: 'S\u200b1 \u202eBasis', weights: { npv: 40 } })).name).toBe('S1 Basis');
	});
	it('takes weights from 0 to 100 in files and links alike (one rule, isWeight)', () => {
		const file = (w: unknown) => parseScenario(JSON.stringify({ format: 'standortwahl-scenario', name: 'x', weights: { npv: w } }));
		const link = (w: string) => weightsFromParam(`npv:${w}`);
		for (const w of [0, 0.5, 100]) {
			expect(file(w).weights.npv).toBe(w);
			expect(link(String(w))).toEqual({ npv: w });
		}
		for (const w of [-0.001, 100.001, Infinity]) {
			expect(() => file(w), String(w)).toThrow(/Weight "npv".*0 to 100/);
			expect(link(String(w)), String(w)).toEqual({});
		}
	});
	it('accepts every default and every tornado value', () => {
		expect(checkParams(DEFAULT_PARAMS)).toEqual(DEFAULT_PARAMS);
		for (const [k, m] of Object.entries(PARAM_META)) for (const v of m.tornado ?? []) expect(() => checkParams({ [k]: v })).not.toThrow();
		// Every rule refuses something: a text where a number, a choice or a list belongs.
		for (const k of Object.keys(PARAM_RULES)) expect(() => checkParams({ [k]: 'nonsense' }), k).toThrow(ParamError);
	});
});

describe('scenario input from links and files: one set of rules', () => {
	const FORMAT = 'standortwahl-scenario';
	const link = (json: string) => Buffer.from(json, 'utf8').toString('base64url');
	const file = (extra: string) => `{"format":"${FORMAT}","name":"x"${extra}}`;
	/** The {de, en} message of the ParamError `f` throws (fails if it throws anything else, or nothing). */
	const refusal = (f: () => unknown) => {
		try {
			f();
		} catch (e) {
			expect(e, String(e)).toBeInstanceOf(ParamError);
			return (e as ParamError).msg;
		}
		throw new Error('nothing was refused');
	};

	it('refuses a top level that is no object (null, a list, a number), saying what was expected', () => {
		for (const [json, found] of [
			['null', 'null'],
			['[1,2,3]', 'a list'],
			['42', 'the number 42'],
			['"text"', 'the text "text"']
		]) {
			const l = refusal(() => scenarioFromParam(link(json)));
			expect(l.en).toBe(`The scenario in the link is not a JSON object {"n": name, "p": parameters, "w": weights} but ${found}.`);
			expect(l.de).toMatch(/^Das Szenario im Link ist kein JSON-Objekt/);
			const f = refusal(() => parseScenario(json));
			expect(f.en).toBe(`A scenario file is a JSON object with "format": "${FORMAT}"; this one holds ${found}.`);
			expect(f.de).toMatch(/^Eine Szenario-Datei ist ein JSON-Objekt mit "format"/);
		}
		expect(refusal(() => parseScenario('{"name":"x"}')).en).toMatch(/"format" is missing, expected "standortwahl-scenario"/);
		expect(refusal(() => parseScenario('{"format":"other"}')).en).toMatch(/"format" is "other"/);
		// The page reports it in the reader's language, not as a TypeError.
		expect(parseViewParams(new URLSearchParams('s=' + link('null'))).problems.map((p) => p.de)).toEqual([expect.stringMatching(/^Das Szenario im Link wurde ignoriert\. Das Szenario im Link ist kein JSON-Objekt .* sondern null\.$/)]);
	});

	it('names a number no number type holds as written (1e999), never as "null"', () => {
		for (const [json, where] of [
			['{"p":{"savingsTargetChfYear":1e999}}', 'p.savingsTargetChfYear'],
			['{"p":{"ranges":{"npv":{"worst":-1E+999,"best":1}}}}', 'p.ranges.npv.worst'],
			['{"w":{"npv":1e999}}', 'w.npv']
		]) {
			const m = refusal(() => scenarioFromParam(link(json)));
			expect(m.en).toContain(`"${where}": the number ${/-?1e\+?999/i.exec(json)![0]} is out of range`);
			expect(m.de).toContain(`«${where}»: die Zahl`);
			expect(m.en + m.de).not.toMatch(/null/);
		}
		expect(refusal(() => parseScenario(file(',"params":{"horizonYears":1e999}'))).en).toMatch(/^"params\.horizonYears": the number 1e999 is out of range/);
		// Values that reach the checks from code (not JSON) are shown as JavaScript writes them.
		expect(refusal(() => checkParams({ horizonYears: Infinity })).en).toMatch(/\(horizonYears\): Infinity cannot be used/);
		expect(refusal(() => checkParams({ ranges: { npv: { worst: -Infinity, best: 1 } } })).en).toMatch(/\{"npv":\{"worst":-Infinity,"best":1\}\} cannot be used/);
		expect(refusal(() => checkWeights({ npv: NaN })).en).toBe('Weight "npv": NaN cannot be used; accepted: a number from 0 to 100.');
	});

	it('refuses a key repeated in the JSON of a link or a file, naming where (JSON.parse would keep the last)', () => {
		expect(refusal(() => scenarioFromParam(link('{"p":{"horizonYears":10,"horizonYears":99}}'))).en).toBe('"p.horizonYears" is given more than once; each key may appear only once.');
		expect(refusal(() => scenarioFromParam(link('{"w":{"npv":50,"npv":80}}'))).de).toBe('«w.npv» steht mehr als einmal; jeder Schlüssel darf nur einmal vorkommen.');
		// The same key written differently (an escape) is the same key; at any depth, at the top too.
		expect(refusal(() => parseScenario(file(',"weights":{"npv":50,"n\\u0070v":80}'))).en).toMatch(/^"weights\.npv" is given more than once/);
		expect(refusal(() => parseScenario(file(',"params":{"ranges":{"npv":{"worst":0,"best":1,"best":2}}}'))).en).toMatch(/^"params\.ranges\.npv\.best" is given/);
		expect(refusal(() => parseScenario(file(',"networks":[{"mode":"pt","label":"a"},{"mode":"pt","mode":"car","label":"b"}]'))).en).toMatch(/^"networks\[1\]\.mode" is given/);
		expect(refusal(() => parseScenario(file(',"name":"y"'))).en).toMatch(/^"name" is given/);
		// Equal keys in different objects, and keys inside strings, are no repeat.
		expect(parseScenario(file(',"params":{"ranges":{"npv":{"worst":0,"best":1},"co2":{"worst":0,"best":1}}},"note":"\\"name\\":1"')).params.ranges).toEqual({ npv: { worst: 0, best: 1 }, co2: { worst: 0, best: 1 } });
	});

	it('applies one weight rule to files, ?s= and ?w=: known ids, each once, 0–100 also after folding retired criteria', () => {
		const fromFile = (w: string) => () => parseScenario(file(`,"weights":${w}`));
		const fromLink = (w: string) => () => scenarioFromParam(link(`{"w":${w}}`));
		// A retired pair that folds into one criterion above 100: refused in both, and skipped with a reason in ?w=.
		for (const f of [fromFile('{"annual_cost":90,"one_off":90}'), fromLink('{"annual_cost":90,"one_off":90}')])
			expect(refusal(f).en).toBe('Weight "one_off": together with annual_cost → npv, "npv" comes to 180; accepted: at most 100 per criterion.');
		const problems: { de: string; en: string }[] = [];
		expect(weightsFromParam('annual_cost:90,one_off:90', problems)).toEqual({ npv: 90 });
		expect(problems.map((p) => p.en)).toEqual(['Weight in the link ignored: "one_off:90" (together with annual_cost → npv, "npv" comes to 180; accepted: at most 100 per criterion)']);
		// A criterion repeated in ?w= is named and its repeat not added (was: 50 + 80 = 130, unreported).
		problems.length = 0;
		expect(weightsFromParam('npv:50,npv:80', problems)).toEqual({ npv: 50 });
		expect(problems.map((p) => p.en)).toEqual(['Weight in the link ignored: "npv:80" (given more than once; each criterion may appear only once)']);
		expect(problems[0].de).toBe('Gewicht im Link ignoriert: «npv:80» (mehrfach angegeben; jedes Kriterium darf nur einmal vorkommen)');
		// Within 100 the retired ones still fold, everywhere alike.
		expect(fromFile('{"annual_cost":10,"one_off":5,"npv":25}')().weights.npv).toBe(40);
		expect(fromLink('{"annual_cost":10,"one_off":5,"npv":25}')().weights).toEqual({ npv: 40 });
		// A number only in decimal form, as weightsToParam writes it (hex or "Infinity" is no weight in a file either).
		expect(weightsFromParam('npv:0x10,co2:1e1,staff_pt_mean:.5')).toEqual({ co2: 10, staff_pt_mean: 0.5 });
	});

	it('refuses criterion ids a file or ?s= does not know, by own lookups only (constructor, toString, __proto__)', () => {
		for (const id of ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf', 'nvp']) {
			const w = `{${JSON.stringify(id)}:5,"npv":10}`;
			for (const m of [refusal(() => parseScenario(file(`,"weights":${w}`))), refusal(() => scenarioFromParam(link(`{"w":${w}}`))), refusal(() => checkWeights(JSON.parse(w)))]) {
				expect(m.en).toMatch(new RegExp(`^Weight "${id}": not a criterion; known: staff_pt_mean, `));
				expect(m.de).toMatch(new RegExp(`^Gewicht «${id}»: kein Kriterium`));
			}
			const problems: { de: string; en: string }[] = [];
			expect(weightsFromParam(`${id}:5,npv:10`, problems)).toEqual({ npv: 10 });
			expect(problems[0].en).toMatch(new RegExp(`^Weight in the link ignored: "${id}:5" \\(not a criterion`));
			const view = parseViewParams(new URLSearchParams('s=' + link(`{"w":${w}}`)));
			expect(view.setup).toBeUndefined();
			expect(view.problems.map((p) => p.en).join()).not.toMatch(/function|native code/);
		}
		expect(checkWeights({ annual_cost: 10, npv: 5 })).toEqual({ npv: 15 });
	});

	it('keeps names (and notes, network texts) printable: no C0/C1 control characters', () => {
		const hostile = 'A\u0000B\u001b[31mRED\nline2\u0085x\u009by\u007f\tz\u202e\ud800';
		const fromLink = scenarioFromParam(link(JSON.stringify({ n: hostile }))).name;
		const fromFile = parseScenario(JSON.stringify({ format: FORMAT, name: hostile })).name;
		for (const name of [fromLink, fromFile]) {
			expect(name).toBe('AB[31mRED line2 xy z');
			expect(name).not.toMatch(/[\p{Cc}\p{Cf}\p{Cs}]/u);
		}
		expect(scenarioFromParam(link(JSON.stringify({ n: '\n\n  Basis \r\n' }))).name).toBe('Basis');
		const s = parseScenario(JSON.stringify({ format: FORMAT, name: 'x', note: 'one\r\ntwo\u0000\u009b\u202e\tthree', networks: [{ mode: 'pt', label: 'gtfs\u0007:ch', approximate: 'yes', sourceName: 3, regionBufferKm: 25 }] }));
		expect(s.note).toBe('one\ntwo\tthree');
		expect(s.networks).toEqual([{ mode: 'pt', label: 'gtfs:ch', approximate: false, regionBufferKm: 25 }]);
	});

	it('refuses a data version of the wrong shape in a file', () => {
		expect(refusal(() => parseScenario(file(',"data":{"tables":5,"hash":"x"}'))).en).toMatch(/^The data version \("data"\) is neither null nor/);
		expect(refusal(() => parseScenario(file(',"data":"x"'))).de).toMatch(/^Die Datenversion/);
		const data = { tables: { sites: { rows: 3, checksum: '123' } }, hash: '0123456789abcdef' };
		expect(parseScenario(file(`,"data":${JSON.stringify(data)}`)).data).toEqual(data);
	});
});

describe('scenario networks', () => {
	it('are recorded and read back, and do not change the id', async () => {
		const { createScenario, parseScenario, serialiseScenario } = await import('../../src/lib/model/index.ts');
		const networks = [{ mode: 'pt' as const, label: 'gtfs:ch.zip@2026-03-10', approximate: false, sourceName: 'ch.zip', serviceDate: '2026-03-10', regionBufferKm: 25, regionKey: 'abcd1234', checksum: 'f'.repeat(64) }];
		const a = createScenario({ name: 'x', networks });
		const b = createScenario({ name: 'x' });
		expect(a.id).toBe(b.id);
		const back = parseScenario(serialiseScenario(a));
		expect(back.networks).toEqual(networks);
		expect(parseScenario(serialiseScenario(b)).networks).toBeUndefined();
	});
});
