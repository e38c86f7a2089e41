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
	page.on('requestfailed', (r) => problems.assets.push(`${r.url()}: ${r.failure()?.errorText}`));
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
