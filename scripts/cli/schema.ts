import { schemaMarkdown } from '../../src/lib/data/schema.ts';

export const summary = 'Print the data schema (tables, columns, units) as Markdown';

export async function run(args: string[]): Promise<number> {
	if (args.includes('--help')) {
		console.log('Usage: npm run cli -- schema [--lang de|en]');
		return 0;
	}
	const lang = args[args.indexOf('--lang') + 1] === 'de' ? 'de' : 'en';
	console.log(schemaMarkdown(lang));
	return 0;
}
