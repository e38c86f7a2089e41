/*
 * server.mjs: start a real `jcs serve` on a fresh database and a free
 * loopback port for the browser tests, and make sure it never outlives them.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/* jcs cannot report the port it picked for "port 0", so ask the kernel for a
 * free one and hand it over.  The tiny race (someone else grabbing it in
 * between) is acceptable on a test machine. */
function freePort() {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.unref();
		srv.on('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const { port } = srv.address();
			srv.close(() => resolve(port));
		});
	});
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/* Servers still running, with their temp dirs: killed and removed on exit
 * so a crashed or interrupted test run (e.g. a ctest time-out) leaves
 * nothing behind. */
const live = new Map();
function killAll() {
	for (const [child, dir] of live) {
		child.kill('SIGKILL');
		rmSync(dir, { recursive: true, force: true });
	}
	live.clear();
}
process.on('exit', killAll);
for (const [sig, n] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]])
	process.once(sig, () => process.exit(128 + n));

/*
 * startServer() -> { baseURL, stop(), admin: { email, password } }.  Resolves once GET /healthz answers
 * 200; rejects with the server's stderr if it exits or never gets healthy.
 */
export async function startServer({ timeoutMs = 30000 } = {}) {
	const bin = process.env.JCS_BIN;
	if (!bin)
		throw new Error('JCS_BIN is not set: point it at the jcs binary');
	const dir = mkdtempSync(join(tmpdir(), 'jcs-browser-'));
	const port = await freePort();
	/* Plain HTTP on loopback: the browser would not send Secure cookies. */
	const child = spawn(bin, ['serve', '--db', join(dir, 'jcs.db'),
		'--listen', `127.0.0.1:${port}`, '--quiet', '--plain-http', '--demo'], {
		cwd: dir,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	live.set(child, dir);

	let stderr = '';
	let stdout = '';
	child.stdout.setEncoding('utf8');
	child.stdout.on('data', (d) => { stdout += d; });
	child.stderr.setEncoding('utf8');
	child.stderr.on('data', (d) => { stderr += d; });
	let exited = null;
	const exit = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			exited = { code, signal };
			live.delete(child);
			resolve(exited);
		});
	});

	async function stop() {
		if (!exited) {
			child.kill('SIGTERM');
			/* A graceful stop is quick; don't hang the suite if it is not. */
			const t = setTimeout(() => child.kill('SIGKILL'), 10000);
			await exit;
			clearTimeout(t);
		}
		rmSync(dir, { recursive: true, force: true });
		return { ...exited, stderr };
	}

	const baseURL = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (exited) {
			await stop();
			throw new Error(`jcs serve exited (${JSON.stringify(exited)}) before it was healthy:\n${stderr}`);
		}
		try {
			const r = await fetch(`${baseURL}/healthz`, { signal: AbortSignal.timeout(2000) });
			if (r.status === 200) {
				/* The demo administrator's password, printed once at first start. */
				const m = stdout.match(/Sign in as (\S+) with the password (\S+)/);
				const admin = m ? { email: m[1], password: m[2] } : null;
				return { baseURL, stop, admin, stderr: () => stderr };
			}
		} catch {
			/* Not listening yet. */
		}
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`jcs serve was not healthy within ${timeoutMs} ms:\n${stderr}`);
		}
		await sleep(100);
	}
}
