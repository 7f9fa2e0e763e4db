/**
 * The importer's public surface (UI-independent; runs in the browser, workers, Node and the CLI).
 *
 * Typical UI flow:
 *   const parsed = await parseFile({ fileName, bytes }, { onProgress, signal });   // headers + rows
 *   const sug = suggestMapping('staff', parsed.headers);                          // mapped / unmapped / missing
 *   const res = await validateAndType('staff', parsed, userMapping, refs, { onProgress, signal });
 *   // show res.preview and res.issues ({severity, file, row, column, code, message:{de,en}})
 *   if (!res.stats.errors) await commitImport(db, 'staff', res);                    // atomic; refuses errors
 * or in one step: `importFile(table, input, { refs, mapping, onProgress, signal })`, which never
 * throws for bad input (unreadable/empty/truncated/cancelled files come back as issues).
 * `refs` (GeoRefs) comes from buildGeoRefs() (geocode.ts) with fetched text, or loadGeoRefs() in Node.
 * Folders: `loadDataFolder(db, files, { refs })` validates all, then commits all or nothing.
 * Large files: `ImportSession` / `importToDb` (stream.ts) read, validate and stage chunk by chunk,
 * with memory bounded by the chunk size; the app runs them in the import worker.
 */
export type { FileInput, ParsedFile, RawCell, ImportIssue, Msg, Severity, ProgressOptions, FileFormat } from './types.ts';
export { parseFile, formatOf, type ParseOptions } from './parse.ts';
export { decodeText, detectDelimiter } from './read-csv.ts';
export { suggestMapping, importColumns, tablesFitting, type ColumnMapping, type MappingSuggestion } from './mapping.ts';
export { validateAndType, type ValidationResult, type ValidateOptions } from './validate.ts';
export { commitImport, ImportRefused } from './commit.ts';
export { importFile, type ImportFileResult } from './import-file.ts';
export { loadDataFolder, tableForFile, type FolderResult } from './folder.ts';
export { ImportFileError, ImportCancelled } from './issues.ts';
export { ImportSession, importToDb, type StreamInput, type SessionOptions, type ImportToDbResult } from './stream.ts';
export { TableValidator } from './validate.ts';
export { CsvReader, CsvRowParser, bytesSource, blobSource, type ByteSource, type BlobLike, type RowChunk } from './csv-stream.ts';
export { parseNumber, parseDate, parseBoolean } from './values.ts';
