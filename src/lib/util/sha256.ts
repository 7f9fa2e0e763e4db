import { concatBytes } from './bytes.ts';

/** SHA-256 of byte parts taken as one sequence, as lowercase hex (Web Crypto: browser, workers and Node 20). */
export async function sha256Hex(parts: readonly Uint8Array[]): Promise<string> {
	const d = new Uint8Array(await crypto.subtle.digest('SHA-256', concatBytes(parts) as Uint8Array<ArrayBuffer>));
	return Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('');
}
