// TEMP stub replaced by helper-2
export async function loadDemo(_db: unknown, _read: (n: string) => Promise<string>): Promise<{ seed: number }> {
	return { seed: 0 };
}
