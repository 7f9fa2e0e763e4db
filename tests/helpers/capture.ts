/** Run a CLI command in-process and capture what it prints (stdout and stderr, one string) with its exit code. */
export async function capture(fn: () => Promise<number>): Promise<{ code: number; out: string }> {
	const lines: string[] = [];
	const [log, err] = [console.log, console.error];
	console.log = (...a: unknown[]) => lines.push(a.join(' '));
	console.error = (...a: unknown[]) => lines.push(a.join(' '));
	try {
		return { code: await fn(), out: lines.join('\n') };
	} finally {
		[console.log, console.error] = [log, err];
	}
}
