/** Save bytes, text or a blob as a file in the browser (no server involved). */
export function download(data: BlobPart | Blob, fileName: string, type?: string): void {
	const blob = data instanceof Blob && !type ? data : new Blob([data], { type: type ?? 'application/octet-stream' });
	const a = document.createElement('a');
	a.href = URL.createObjectURL(blob);
	a.download = fileName;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
