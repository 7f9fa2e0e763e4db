/**
 * Memory of the headless chromium the browser benches start (scripts/headless.mjs launch()), read from
 * /proc (Linux): the browser process by its throwaway profile, its renderer processes, and their sizes.
 */
import fs from 'node:fs';

/** @param {number} pid */
const cmdline = (pid) => {
	try {
		return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
	} catch {
		return ''; // gone
	}
};
const pids = () => fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);

/** The chromium browser process started by launch() (the newest one with our profile). */
export function browserPid() {
	return Math.max(...pids().filter((p) => { const c = cmdline(p); return c.includes('standortwahl-chromium-') && !c.includes('--type='); }));
}

/** Renderer processes below `root` (default: the browser process). */
export function rendererPids(root = browserPid()) {
	/** @type {Map<number, number[]>} */
	const kids = new Map();
	for (const p of pids()) {
		try {
			const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			if (!kids.has(ppid)) kids.set(ppid, []);
			kids.get(ppid)?.push(p);
		} catch {
			/* gone */
		}
	}
	/** @type {number[]} */
	const out = [];
	/** @param {number} p */
	const walk = (p) => {
		for (const c of kids.get(p) ?? []) {
			if (cmdline(c).includes('--type=renderer')) out.push(c);
			walk(c);
		}
	};
	walk(root);
	return out;
}

/** A size field of /proc/<pid>/status in bytes (VmRSS, VmHWM …; 0 when the process is gone). */
/** @param {number} pid @param {string} key */
export function procBytes(pid, key) {
	try {
		const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
		return m ? Number(m[1]) * 1024 : 0;
	} catch {
		return 0;
	}
}

/** The sum of a size field over processes. */
/** @param {number[]} list */
export const sumBytes = (list, key = 'VmRSS') => list.reduce((s, p) => s + procBytes(p, key), 0);
