/*
 * support.mjs: what every browser test shares: Debian's chromium through
 * playwright-core, a page that records what must never happen (console
 * errors, uncaught exceptions, CSP violations, failed assets), axe-core,
 * and signing in through the real form.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before } from 'node:test';

import { startServer } from './server.mjs';

/* NODE_PATH does not apply to ESM imports, so resolve the repo's
 * node_modules relative to this file: the tests then run from any cwd. */
const require = createRequire(new URL('../../node_modules/', import.meta.url));
const { chromium } = require('playwright-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const TIMEOUT = 60000;
export const shotDir = join(process.env.JCS_BUILD_DIR || process.cwd(), 'screenshots');

export async function launchBrowser() {
	mkdirSync(shotDir, { recursive: true });
	return chromium.launch({
		executablePath: '/usr/bin/chromium',
		headless: true,
		timeout: 30000,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
			'--disable-background-networking', '--disable-component-update',
			'--disable-sync', '--disable-quic'],
	});
}

/*
 * A fresh page that records what must not happen: console errors, uncaught
 * exceptions, CSP violations and asset responses other than 200/304.
 */
export async function openPage(browser, baseURL) {
	const context = await browser.newContext({ baseURL });
	const page = await context.newPage();
	page.setDefaultTimeout(20000);
	const problems = { console: [], pageErrors: [], assets: [] };
	const assetURLs = [];
	page.on('console', (m) => {
		if (m.type() === 'error')
			problems.console.push({ text: m.text(), url: m.location().url });
	});
	page.on('pageerror', (e) => problems.pageErrors.push(String(e)));
	/* A request the browser itself cancelled, because the test moved on
	 * to another page before it finished (the favicon, typically), says
	 * nothing about the server: only other failures count. */
	page.on('requestfailed', (r) => {
		if (r.failure()?.errorText !== 'net::ERR_ABORTED')
			problems.assets.push(`${r.url()}: ${r.failure()?.errorText}`);
	});
	page.on('response', (r) => {
		const type = r.request().resourceType();
		if (['stylesheet', 'script', 'image', 'font'].includes(type)) {
			assetURLs.push(new URL(r.url()).pathname);
			if (r.status() !== 200 && r.status() !== 304)
				problems.assets.push(`${r.url()}: ${r.status()}`);
		}
	});
	/* Init scripts go in through the DevTools protocol, so the page's CSP
	 * does not block this listener; a violation also shows as a console
	 * error, but this catches any that do not. */
	await page.addInitScript(() => {
		window.__csp = [];
		document.addEventListener('securitypolicyviolation', (e) => {
			window.__csp.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`);
		});
	});
	return { context, page, problems, assetURLs };
}

export async function assertClean(page, problems, { documentStatus } = {}) {
	const csp = await page.evaluate(() => window.__csp);
	assert.deepEqual(csp, [], 'CSP violations');
	/* Chromium logs an error status of the page itself to the console; on
	 * the 404 page that one is expected (the test checks the status). */
	const errors = problems.console
		.filter((e) => !(documentStatus && e.url === page.url() &&
			e.text.includes(`status of ${documentStatus}`)))
		.map((e) => `${e.text} (${e.url})`);
	assert.deepEqual(errors, [], 'console errors');
	assert.deepEqual(problems.pageErrors, [], 'uncaught page errors');
	assert.deepEqual(problems.assets, [], 'asset requests not answered 200/304');
}

/* axe.run with the WCAG 2.x A/AA rules and best practice; the failure
 * message lists each violation with the elements it is about. */
export async function assertAccessible(page) {
	/* CDP's evaluate is not subject to the page's CSP, unlike a <script>. */
	await page.evaluate(axeSource);
	const { violations } = await page.evaluate(() => axe.run(document, {
		runOnly: {
			type: 'tag',
			values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'],
		},
	}));
	const report = violations.map((v) =>
		`${v.id} (${v.impact}): ${v.help}\n` +
		v.nodes.map((n) => `    ${n.target.join(' ')}`).join('\n')).join('\n');
	assert.equal(violations.length, 0, `axe violations:\n${report}`);
}

/* Sign in through the form; returns the page after the redirect. */
export async function signIn(page, email, password) {
	await page.goto('/login');
	await page.getByLabel('Email address').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await page.waitForLoadState('load');
}

/*
 * What a test file shares: a server and a browser, started before its
 * tests and stopped after them (the server must then exit 0).  Call it at
 * the top of the file; the fields are set once before() has run.
 */
export function serverAndBrowser() {
	const shared = { server: null, browser: null };
	before(async () => {
		shared.server = await startServer();
		shared.browser = await launchBrowser();
	}, { timeout: TIMEOUT });
	after(async () => {
		await shared.browser?.close();
		if (shared.server) {
			const { code, signal } = await shared.server.stop();
			/* A graceful stop exits 0; anything else (e.g. a sanitizer report) is a bug. */
			assert.equal(code, 0, `jcs serve exited with ${code ?? signal}`);
		}
	}, { timeout: TIMEOUT });
	return shared;
}

/* A page visited: a screenshot named shot, accessible and clean; then
 * the recorded problems are cleared, so the next page answers for itself. */
export async function visited(page, problems, shot, opts) {
	await page.screenshot({ path: join(shotDir, `${shot}.png`), fullPage: true });
	await assertAccessible(page);
	await assertClean(page, problems, opts);
	problems.console.length = 0;
	problems.pageErrors.length = 0;
	problems.assets.length = 0;
}

/* On the page that asks for a new password: replace current with mine. */
export async function choosePassword(page, current, mine) {
	await page.getByLabel('Current password').fill(current);
	await page.getByLabel('New password', { exact: true }).fill(mine);
	await page.getByLabel(/Confirm/).fill(mine);
	await page.getByRole('button', { name: /Change password|Save|Continue/ }).click();
	await page.waitForLoadState('load');
}

/* The demo administrator's first sign-in, which must replace the
 * password printed at start with one of their own (mine). */
export async function signInFirstTime(page, admin, mine) {
	await signIn(page, admin.email, admin.password);
	assert.match(page.url(), /\/account\/password$/);
	await choosePassword(page, admin.password, mine);
}
