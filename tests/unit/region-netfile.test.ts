import { describe, expect, it } from 'vitest';
import { regionAround, inRegion, regionKey, regionAreaKm2 } from '../../src/lib/reach/region.ts';
import { decodeNetFile, encodeNetFile, isNetFile, NetFileError } from '../../src/lib/reach/netfile.ts';
import { haversineM } from '../../src/lib/reach/road/geo.ts';

describe('study region', () => {
	const luzern = { lon: 8.3102, lat: 47.0502 };
	const sursee = { lon: 8.0979, lat: 47.1708 };

	it('holds every point within the buffer and nothing far beyond it', () => {
		const r = regionAround([luzern, sursee], 10);
		for (let k = 0; k < 2000; k++) {
			// points on rings around Luzern
			const ang = (k / 2000) * 2 * Math.PI;
			for (const km of [0, 5, 9.9, 11.5, 20]) {
				const lon = luzern.lon + (km / (111.32 * Math.cos((luzern.lat * Math.PI) / 180))) * Math.cos(ang);
				const lat = luzern.lat + (km / 111.32) * Math.sin(ang);
				const d = Math.min(haversineM(lon, lat, luzern.lon, luzern.lat), haversineM(lon, lat, sursee.lon, sursee.lat)) / 1000;
				if (d <= 10) expect(inRegion(r, lon, lat)).toBe(true);
				// cells are 1 km: never more than ~1.5 km beyond the buffer
				if (d > 11.5) expect(inRegion(r, lon, lat)).toBe(false);
			}
		}
		expect(inRegion(r, 6.14, 46.2)).toBe(false); // Geneva
		expect(regionAreaKm2(r)).toBeGreaterThan(Math.PI * 100);
		expect(regionAreaKm2(r)).toBeLessThan(2 * Math.PI * 12 * 12);
	});

	it('has a stable key that changes with points and buffer', () => {
		const a = regionKey(regionAround([luzern, sursee], 25));
		expect(regionKey(regionAround([sursee, luzern], 25))).toBe(a);
		expect(regionKey(regionAround([luzern], 25))).not.toBe(a);
		expect(regionKey(regionAround([luzern, sursee], 20))).not.toBe(a);
		expect(() => regionAround([{ lon: NaN, lat: 1 }])).toThrow(/no points/);
	});
});

describe('network file', () => {
	const payload = {
		arrays: { a: Int32Array.from([1, -2, 3]), b: Float64Array.from([0.5, Math.PI]), c: Uint8Array.from([7]) },
		strings: { ids: ['8502007:0:3', 'Zürich HB'] },
		extra: { date: '2021-06-15' }
	};
	const prov = { kind: 'pt' as const, sourceName: 'feed.zip', sourceBytes: 123, region: null, counts: { trips: 3 }, createdAt: '2026-11-30T00:00:00Z', createdBy: 'test' };

	it('round-trips arrays, strings and provenance, and checks the checksum', async () => {
		const { bytes, provenance } = await encodeNetFile(payload, prov);
		expect(isNetFile(bytes)).toBe(true);
		expect(provenance.checksum).toMatch(/^[0-9a-f]{64}$/);
		const back = await decodeNetFile(bytes, 'pt');
		expect(Array.from(back.arrays.a as Int32Array)).toEqual([1, -2, 3]);
		expect(Array.from(back.arrays.b as Float64Array)).toEqual([0.5, Math.PI]);
		expect(back.arrays.c).toBeInstanceOf(Uint8Array);
		expect(back.strings.ids).toEqual(['8502007:0:3', 'Zürich HB']);
		expect(back.extra).toEqual({ date: '2021-06-15' });
		expect(back.provenance).toEqual(provenance);
		const tampered = bytes.slice();
		tampered[tampered.length - 24] ^= 1; // inside the data
		await expect(decodeNetFile(tampered)).rejects.toBeInstanceOf(NetFileError);
		await expect(decodeNetFile(bytes.subarray(0, bytes.length - 4))).rejects.toBeInstanceOf(NetFileError);
		await expect(decodeNetFile(bytes, 'car')).rejects.toThrow(/road network was expected/);
		await expect(decodeNetFile(new Uint8Array(20))).rejects.toThrow(/signature/);
	});
});

describe('a PT network file keeps the warnings of its cut', () => {
	it('opened again, the network shows what the reader tolerated or left out; a malformed entry from elsewhere is dropped', async () => {
		const { readFileSync } = await import('node:fs');
		const { strToU8, zipSync } = await import('fflate');
		const { openTransit } = await import('../../src/lib/reach/open-transit.ts');
		const { bytesSource } = await import('../../src/lib/util/bytes.ts');
		const { provenanceWarnings } = await import('../../src/lib/reach/netfile.ts');
		const { readdirSync } = await import('node:fs');
		const files: Record<string, Uint8Array> = {};
		for (const f of readdirSync('tests/fixtures/gtfs/tiny')) files[f] = new Uint8Array(readFileSync(`tests/fixtures/gtfs/tiny/${f}`));
		// Trip T1 reaches its third stop before it leaves the second: a warning of the cut.
		files['stop_times.txt'] = strToU8(new TextDecoder().decode(files['stop_times.txt']).replace('T1,08:20:00,08:20:00,C,3', 'T1,07:50:00,07:50:00,C,3'));
		const o = { date: '2021-06-15', region: null, label: (d: string) => `zug ${d}`, createdBy: 'test' };
		const cut = await openTransit(bytesSource(zipSync(files)), o);
		expect(cut.warnings.map((w) => w.code)).toContain('time_backwards');
		const again = await openTransit(bytesSource(cut.netfile), o);
		expect(again.format).toBe('swnet');
		expect(again.warnings).toEqual(cut.warnings);
		expect(provenanceWarnings({ ...cut.provenance, warnings: [{ code: 'x', msg: null, count: 1, examples: [] }, ...cut.warnings] as never })).toEqual(cut.warnings);
	}, 60_000);
});
