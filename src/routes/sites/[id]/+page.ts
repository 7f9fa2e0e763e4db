// Site ids come from the user's data, so these pages cannot be prerendered: the static build's
// fallback page (200.html) renders them in the browser for any id.
export const prerender = false;
