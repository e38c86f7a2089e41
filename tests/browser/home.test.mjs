/*
 * home.test.mjs: the home and 404 pages in a real browser (Debian's
 * chromium driven by playwright-core): styles, the CSP nonce, assets,
 * accessibility (axe-core) and the skip link.
 *
 * Needs JCS_BIN (the jcs binary); screenshots go to $JCS_BUILD_DIR/screenshots.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { startServer } from './server.mjs';

/* NODE_PATH does not apply to ESM imports, so resolve the repo's
 * node_modules relative to this file: the tests then run from any cwd. */
const require = createRequire(new URL('../../node_modules/', import.meta.url));
const { chromium } = require('playwright-core');
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const TIMEOUT = 60000;
const shotDir = join(process.env.JCS_BUILD_DIR || process.cwd(), 'screenshots');

let server;
let browser;

before(async () => {
	server = await startServer();
	browser = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		headless: true,
		timeout: 30000,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
			'--disable-background-networking', '--disable-component-update',
			'--disable-sync', '--disable-quic'],
	});
	mkdirSync(shotDir, { recursive: true });
}, { timeout: TIMEOUT });

after(async () => {
	await browser?.close();
	if (server) {
		const { code, signal } = await server.stop();
		/* A graceful stop exits 0; anything else (e.g. a sanitizer report) is a bug. */
		assert.equal(code, 0, `jcs serve exited with ${code ?? signal}`);
	}
}, { timeout: TIMEOUT });

/*
 * A fresh page that records what must not happen: console errors, uncaught
 * exceptions, CSP violations and asset responses other than 200/304.
 */
async function openPage() {
	const context = await browser.newContext({ baseURL: server.baseURL });
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

async function assertClean(page, problems, { documentStatus } = {}) {
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
async function assertAccessible(page) {
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

describe('home page', () => {
	test('renders with GOV.UK styles, Arial, a working CSP nonce and no errors',
		{ timeout: TIMEOUT }, async () => {
			const { context, page, problems, assetURLs } = await openPage();
			try {
				const res = await page.goto('/', { waitUntil: 'load' });
				assert.equal(res.status(), 200);

				const header = page.locator('header.govuk-template__header');
				await header.getByRole('link', { name: 'Joint commissioning system' }).waitFor({ state: 'visible' });

				/* govuk-heading-l is bold and bigger than body text only if app.css loaded. */
				const h1 = page.locator('h1');
				assert.match(await h1.getAttribute('class'), /\bgovuk-heading-l\b/);
				const styles = await page.evaluate(() => {
					const h = getComputedStyle(document.querySelector('h1'));
					const td = getComputedStyle(document.querySelector('.govuk-table__cell'));
					/* govuk-frontend sets the font on its classes, not on body
					 * (body keeps the browser default), so sample the text
					 * that the page shows. */
					const fonts = {};
					for (const sel of ['.govuk-generic-header__homepage-link',
						'.govuk-service-navigation__link', '.govuk-caption-l', 'h1',
						'.govuk-body-l', '.govuk-table__caption', '.govuk-table__header',
						'.govuk-table__cell', '.govuk-footer'])
						fonts[sel] = getComputedStyle(document.querySelector(sel)).fontFamily;
					return {
						h1Weight: h.fontWeight,
						h1Size: parseFloat(h.fontSize),
						tdSize: parseFloat(td.fontSize),
						fonts,
						fontFaces: [...document.fonts].map((f) => f.family),
						bodyClass: document.body.className,
					};
				});
				assert.equal(styles.h1Weight, '700');
				assert.ok(styles.h1Size > styles.tdSize,
					`h1 ${styles.h1Size}px should be larger than body text ${styles.tdSize}px`);
				/* GDS Transport is for GOV.UK services only. */
				for (const [sel, font] of Object.entries(styles.fonts)) {
					assert.match(font, /^arial\b/i, `${sel} font-family`);
					assert.doesNotMatch(font, /GDS Transport/i, `${sel} font-family`);
				}
				assert.deepEqual(styles.fontFaces, [], 'no @font-face should be declared');

				/* Only the inline script carrying the CSP nonce adds these classes. */
				const classes = styles.bodyClass.split(/\s+/);
				assert.ok(classes.includes('js-enabled'), `body class: ${styles.bodyClass}`);
				assert.ok(classes.includes('govuk-frontend-supported'), `body class: ${styles.bodyClass}`);

				const table = page.locator('table.govuk-table');
				for (const org of ['Oxfordshire County Council', 'NHS Oxfordshire'])
					await table.getByRole('cell', { name: org, exact: true }).waitFor({ state: 'visible' });

				assert.ok(assetURLs.includes('/assets/app.css'), `assets loaded: ${assetURLs}`);
				assert.ok(assetURLs.includes('/assets/app.js'), `assets loaded: ${assetURLs}`);
				await page.screenshot({ path: join(shotDir, 'home.png'), fullPage: true });
				await assertClean(page, problems);
			} finally {
				await context.close();
			}
		});

	test('has no axe violations', { timeout: TIMEOUT }, async () => {
		const { context, page } = await openPage();
		try {
			assert.equal((await page.goto('/')).status(), 200);
			await assertAccessible(page);
		} finally {
			await context.close();
		}
	});

	test('Tab reveals the skip link and Enter moves focus to main content',
		{ timeout: TIMEOUT }, async () => {
			const { context, page, problems } = await openPage();
			try {
				assert.equal((await page.goto('/')).status(), 200);
				const skip = page.getByRole('link', { name: 'Skip to main content' });
				/* Visually hidden (a 1px clipped box) until focused. */
				const hidden = await skip.boundingBox();
				assert.ok(hidden && hidden.width <= 1 && hidden.height <= 1,
					`unfocused skip link should be hidden: ${JSON.stringify(hidden)}`);

				await page.keyboard.press('Tab');
				assert.equal(await skip.evaluate((a) => a === document.activeElement), true,
					'first Tab should focus the skip link');
				await skip.waitFor({ state: 'visible' });
				const box = await skip.boundingBox();
				assert.ok(box && box.width > 10 && box.height > 10 && box.y >= 0,
					`focused skip link should be on screen: ${JSON.stringify(box)}`);

				await page.keyboard.press('Enter');
				await page.waitForFunction(() => document.activeElement?.id === 'main-content');
				assert.match(page.url(), /#main-content$/);
				await assertClean(page, problems);
			} finally {
				await context.close();
			}
		});
});

describe('404 page', () => {
	test('says "Page not found" and has no axe violations', { timeout: TIMEOUT }, async () => {
		const { context, page, problems } = await openPage();
		try {
			const res = await page.goto('/no-such-page');
			assert.equal(res.status(), 404);
			await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor({ state: 'visible' });
			assert.match(await page.title(), /Page not found/);
			await page.screenshot({ path: join(shotDir, '404.png'), fullPage: true });
			await assertClean(page, problems, { documentStatus: 404 });
			await assertAccessible(page);
		} finally {
			await context.close();
		}
	});
});
