/**
 * Links to pages named by the user's data. Site ids come from imported files and may hold any character
 * ("S%1", "A/B", "#3"); SvelteKit's resolve() inserts route parameters as they are, so encode them first
 * (the site page gets the id back decoded in page.params).
 */
import { resolve } from '$app/paths';

/** The page of one candidate site. */
export function siteHref(id: string): string {
	return resolve('/sites/[id]', { id: encodeURIComponent(id) });
}
