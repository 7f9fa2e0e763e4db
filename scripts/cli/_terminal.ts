/**
 * Text from the user's files reaches the terminal through the CLI's output: a column name or a cell may
 * hold control characters (ESC sequences that clear the screen, set the window title or colour text; a
 * carriage return that writes over a line; C1 controls such as CSI, U+009B). Every string written to
 * stdout and stderr has them shown as escapes (\u001b), so the terminal prints what the file says and
 * obeys none of it. Line feeds and tabs stay; in JSON output a control character is already escaped.
 */

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** `s` with control characters other than line feed and tab written as \uXXXX. */
export function terminalSafe(s: string): string {
	return s.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Pass every string written to `stream` through terminalSafe (bytes, such as a file sent to stdout, pass as they are). */
export function guardTerminal(stream: NodeJS.WriteStream): void {
	const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
	stream.write = ((chunk: unknown, ...rest: unknown[]) => write(typeof chunk === 'string' ? terminalSafe(chunk) : chunk, ...rest)) as typeof stream.write;
}
