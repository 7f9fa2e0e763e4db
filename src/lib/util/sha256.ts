/** SHA-256 of byte parts taken as one sequence, as lowercase hex (Web Crypto: browser, workers and Node 20). */
export async function sha256Hex(parts: readonly Uint8Array[]): Promise<string> {
	let n = 0;
	for (const p of parts) n += p.length;
	const all = new Uint8Array(n);
	let o = 0;
	for (const p of parts) {
		all.set(p, o);
		o += p.length;
	}
	const d = new Uint8Array(await crypto.subtle.digest('SHA-256', all));
	return Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('');
}
