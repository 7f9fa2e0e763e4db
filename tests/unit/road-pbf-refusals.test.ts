/**
 * Every way an OSM PBF can be refused: a RoadError with a code and a German and an English message,
 * from the async reader (both inflaters) and the synchronous one alike, never a crash or a stack trace.
 */
import { readFileSync } from 'node:fs';
import { deflateSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { bytesSource } from '../../src/lib/util/bytes.ts';
import { regionAround } from '../../src/lib/reach/region.ts';
import { loadRoads } from '../../src/lib/reach/networks.ts';
import { NotPbfError, parseOsmPbf, RoadError, type RoadErrorCode } from '../../src/lib/reach/road/pbf.ts';
import { readOsmRoads, type OsmRoadsOptions } from '../../src/lib/reach/road/osm-roads.ts';
import { concatChunks, decodeOsm, Pb, PbfWriter, writePbf, type OsmData, type WriterOptions } from '../../bench/pbf-writer.ts';

const monaco = new Uint8Array(readFileSync('data/networks/monaco.osm.pbf'));
let data: OsmData;
beforeAll(() => {
	data = decodeOsm(monaco);
});

/** The refusal of all three readers (async native, async fflate, sync); they must agree. */
async function refusal(bytes: Uint8Array, opts: OsmRoadsOptions = {}): Promise<RoadError> {
	const errs: RoadError[] = [];
	for (const inflate of ['native', 'fflate'] as const) {
		try {
			await readOsmRoads(bytesSource(bytes), { keepWay: () => true, ...opts, inflate });
			throw new Error(`expected a refusal (${inflate})`);
		} catch (e) {
			if (!(e instanceof RoadError)) throw e;
			errs.push(e);
		}
	}
	try {
		if (!opts.region) parseOsmPbf(bytes);
		else errs.push(errs[0]);
	} catch (e) {
		if (!(e instanceof RoadError)) throw e;
		errs.push(e);
	}
	expect(errs.length).toBe(3);
	for (const e of errs) {
		expect(e.code).toBe(errs[0].code);
		// Inflaters word zlib errors differently; everything else is the same text.
		if (e.code !== 'corrupt') expect(e.msg).toEqual(errs[0].msg);
		expect(e.message).toBe(e.msg.en);
		expect(e.msg.de.length).toBeGreaterThan(15);
		expect(e.msg.de).not.toBe(e.msg.en);
		expect(e.msg.en).not.toMatch(/\n\s+at /);
	}
	return errs[0];
}

function expectRefusal(e: RoadError, code: RoadErrorCode, en: RegExp, de: RegExp): void {
	expect(e.code).toBe(code);
	expect(e.msg.en).toMatch(en);
	expect(e.msg.de).toMatch(de);
	expect(e instanceof NotPbfError).toBe(code !== 'no_roads');
}

/** A file from writer calls (header first). */
function file(f: (w: PbfWriter) => void, opts: WriterOptions = {}, header: Parameters<PbfWriter['header']>[0] = {}): Uint8Array {
	const chunks: Uint8Array[] = [];
	const w = new PbfWriter((b) => chunks.push(b), opts);
	w.header(header);
	f(w);
	return concatChunks(chunks);
}

describe('not an OSM PBF', () => {
	it('empty file', async () => {
		expectRefusal(await refusal(new Uint8Array(0)), 'not_pbf', /^not an OSM PBF: empty file$/, /^Keine OSM-PBF-Datei: leere Datei$/);
	});
	it('a ZIP (a GTFS feed)', async () => {
		expectRefusal(await refusal(new Uint8Array(readFileSync('data/networks/gtfs_ch_zug.zip'))), 'not_pbf', /ZIP archive/, /ZIP-Archiv/);
	});
	it('a CSV renamed .pbf', async () => {
		expectRefusal(await refusal(new Uint8Array(readFileSync('tests/fixtures/badinput/osm_renamed_csv.osm.pbf'))), 'not_pbf', /text file \(CSV\?\)/, /Textdatei/);
	});
	it('OSM XML', async () => {
		const xml = new TextEncoder().encode('<?xml version="1.0" encoding="UTF-8"?>\n<osm version="0.6"></osm>\n');
		expectRefusal(await refusal(xml), 'not_pbf', /OSM XML.*osmium cat/, /OSM-XML/);
	});
	it('a gzip-compressed file', async () => {
		expectRefusal(await refusal(new Uint8Array(gzipSync(monaco))), 'not_pbf', /gzip/, /gzip/);
	});
	it('a network file', async () => {
		expectRefusal(await refusal(new TextEncoder().encode('SWNET1\n\0rest')), 'not_pbf', /network file/, /Netzdatei/);
	});
	it('unknown binary', async () => {
		const junk = Uint8Array.from({ length: 600 }, (_, i) => (i * 7919) % 256);
		expectRefusal(await refusal(junk), 'not_pbf', /unknown format/, /unbekanntes Format/);
	});
});

describe('truncated', () => {
	it('cut inside the first block', async () => {
		expectRefusal(await refusal(monaco.subarray(0, 5000)), 'truncated', /^not an OSM PBF: .*runs past the end of the file/, /abgeschnitten/);
	});
	it('cut inside the signature', async () => {
		expectRefusal(await refusal(monaco.subarray(0, 10)), 'truncated', /truncated/, /abgeschnitten/);
	});
	it('last block cut short', async () => {
		expectRefusal(await refusal(monaco.subarray(0, monaco.length - 100)), 'truncated', /truncated/, /abgeschnitten/);
	});
	it('the bad-input corpus file', async () => {
		expectRefusal(await refusal(new Uint8Array(readFileSync('tests/fixtures/badinput/osm_truncated.osm.pbf'))), 'truncated', /truncated/, /abgeschnitten/);
	});
});

describe('damaged blocks', () => {
	it('garbage inside zlib data', async () => {
		const bytes = writePbf(data);
		const bad = bytes.slice();
		// Overwrite bytes in the middle of the first data block (after the ~120-byte header frame).
		for (let i = 2000; i < 2100; i++) bad[i] = (i * 31) & 0xff;
		expectRefusal(await refusal(bad), 'corrupt', /^not an OSM PBF: the block at byte \d+ is damaged/, /beschädigt/);
	});
	it('a raw_size that does not match the data', async () => {
		const blob = new Pb().uint(2, 10).bytes(3, deflateSync(new Uint8Array(100))).done();
		expectRefusal(await refusal(file((w) => w.blobFrame('OSMData', blob))), 'corrupt', /inflates to 100 bytes, 10 declared/, /beschädigt/);
	});
	it('a block that is not a PrimitiveBlock', async () => {
		expectRefusal(await refusal(file((w) => w.frame('OSMData', Uint8Array.from([0x12, 0xff, 0xff, 0x03, 1, 2])))), 'corrupt', /damaged/, /beschädigt/);
	});
});

describe('unsupported', () => {
	for (const kind of ['lzma', 'lz4', 'zstd'] as const)
		it(`${kind}-compressed blocks`, async () => {
			const bytes = file((w) => w.nodes(data.nodes, undefined, 0, 100), { compression: kind });
			expectRefusal(await refusal(bytes), 'unsupported', new RegExp(`^OSM PBF not supported: ${kind}-compressed blocks .*osmium cat`), new RegExp(`${kind}-komprimierte`));
		});
	it('a history file (required feature HistoricalInformation)', async () => {
		const bytes = file(() => {}, {}, { required: ['OsmSchema-V0.6', 'DenseNodes', 'HistoricalInformation'] });
		expectRefusal(await refusal(bytes), 'unsupported', /"HistoricalInformation" \(a history file/, /History-Datei/);
	});
	it('an unknown required feature', async () => {
		const bytes = file(() => {}, {}, { required: ['OsmSchema-V0.6', 'Frobnicated'] });
		expectRefusal(await refusal(bytes), 'unsupported', /requires the feature "Frobnicated", which this reader does not implement/, /«Frobnicated»/);
	});
});

describe('absurd sizes', () => {
	it('a block header longer than 64 KiB', async () => {
		const head = file(() => {});
		const bytes = concatChunks([head, Uint8Array.from([0, 1, 0, 1]), new Uint8Array(70_000)]);
		expectRefusal(await refusal(bytes), 'too_large', /block header of 64 KiB .*at most 64 KiB/, /Blockkopf/);
	});
	it('a block declaring 2 GiB', async () => {
		const bytes = file((w) => w.blobFrame('OSMData', new Uint8Array(10), 2 ** 31 - 1));
		expectRefusal(await refusal(bytes), 'too_large', /a block of 2\.0 GiB declared .*at most 32 MiB/, /2\.0 GiB/);
	});
	it('a zlib block inflating beyond 32 MiB (a decompression bomb), stopped while inflating', async () => {
		const bomb = deflateSync(new Uint8Array(40 << 20), { level: 9 });
		expect(bomb.length).toBeLessThan(100_000);
		const blob = new Pb().uint(2, 1000).bytes(3, bomb).done(); // raw_size lies
		const t0 = performance.now();
		expectRefusal(await refusal(file((w) => w.blobFrame('OSMData', blob))), 'too_large', /inflates to more than 32 MiB/, /mehr als 32 MiB/);
		expect(performance.now() - t0).toBeLessThan(20_000);
	});
});

describe('no roads', () => {
	it('none in the study region: refused, naming the region', async () => {
		const zurich = regionAround([{ lon: 8.54, lat: 47.37 }], 25);
		const e = await refusal(monaco, { region: zurich });
		expectRefusal(e, 'no_roads', /^No roads in the study region: none of the file's 2927 highway ways lies in the region: 25 km around 1 points/, /^Keine Strassen im Untersuchungsgebiet: keiner der 2.927 Strassenwege/);
		expect(e.msg.en).toMatch(/stays as it was/);
	});
	it('no highway way at all', async () => {
		const bytes = file((w) => w.nodes(data.nodes));
		expectRefusal(await refusal(bytes), 'no_roads', /^No roads: the file has no way with a highway tag \(0 ways read\)/, /^Keine Strassen: die Datei enthält keinen Weg/);
	});
	it('only roads closed to cars (car profile)', async () => {
		const foot = { ...data, ways: data.ways.filter((w) => w.tags.some(([k, v]) => k === 'highway' && v === 'footway')) };
		const e = await readOsmRoads(bytesSource(writePbf(foot))).catch((x) => x);
		expect(e).toBeInstanceOf(RoadError);
		expectRefusal(e, 'no_roads', /^No roads for cars: none of the file's \d+ highway ways is open to cars/, /für Autos gesperrt/);
	});
	it('loadRoads refuses instead of replacing the car network with an empty one', () => {
		expect(() => loadRoads({ pbf: file((w) => w.nodes(data.nodes)) }, 'empty.osm.pbf')).toThrow(RoadError);
	});
	it('allowEmpty returns an empty result instead', async () => {
		const r = await readOsmRoads(bytesSource(monaco), { region: regionAround([{ lon: 8.54, lat: 47.37 }], 5), allowEmpty: true });
		expect(r.ways).toEqual([]);
		expect(r.counts.nodesKept).toBe(0);
	});
});
