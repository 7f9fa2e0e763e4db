/** Save bytes or text as a file in the browser (no server involved). */
export function download(data: BlobPart, fileName: string, type: string): void {
	const a = document.createElement('a');
	a.href = URL.createObjectURL(new Blob([data], { type }));
	a.download = fileName;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}
