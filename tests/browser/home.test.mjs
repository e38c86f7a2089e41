/*
 * home.test.mjs: what everyone sees before signing in, in a real browser
 * (Debian's chromium driven by playwright-core): the home page sends people
 * to sign in; the sign-in page has GOV.UK styles in Arial, a working CSP
 * nonce, its assets, no axe violations and a working skip link; the 404
 * page.
 *
 * Needs JCS_BIN (the jcs binary); screenshots go to $JCS_BUILD_DIR/screenshots.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { TIMEOUT, assertClean, openPage, serverAndBrowser, visited } from './support.mjs';

const shared = serverAndBrowser();
/* A page of its own for each test, on the shared server and browser. */
const freshPage = () => openPage(shared.browser, shared.server.baseURL);

describe('sign-in page', () => {
	test('the home page sends people to sign in, styled with GOV.UK Frontend in Arial, nonce working',
		{ timeout: TIMEOUT }, async () => {
			const { context, page, problems, assetURLs } = await freshPage();
			try {
				const res = await page.goto('/', { waitUntil: 'load' });
				assert.equal(res.status(), 200);
				assert.match(page.url(), /\/login\?next=\/$/);

				const header = page.locator('header.govuk-template__header');
				await header.getByRole('link', { name: 'Joint commissioning system' }).waitFor({ state: 'visible' });
				await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor({ state: 'visible' });

				/* govuk-heading-l is bold and bigger than body text only if app.css loaded. */
				const styles = await page.evaluate(() => {
					const h = getComputedStyle(document.querySelector('h1'));
					const label = getComputedStyle(document.querySelector('.govuk-label'));
					/* govuk-frontend sets the font on its classes, not on body
					 * (body keeps the browser default), so sample the text
					 * that the page shows. */
					const fonts = {};
					for (const sel of ['.govuk-generic-header__homepage-link', 'h1',
						'.govuk-label', '.govuk-input', '.govuk-button', '.govuk-footer'])
						fonts[sel] = getComputedStyle(document.querySelector(sel)).fontFamily;
					return {
						h1Weight: h.fontWeight,
						h1Size: parseFloat(h.fontSize),
						labelSize: parseFloat(label.fontSize),
						fonts,
						fontFaces: [...document.fonts].map((f) => f.family),
						bodyClass: document.body.className,
					};
				});
				assert.equal(styles.h1Weight, '700');
				assert.ok(styles.h1Size > styles.labelSize,
					`h1 ${styles.h1Size}px should be larger than label text ${styles.labelSize}px`);
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

				/* The form's fields, by their labels, and its hidden CSRF token. */
				await page.getByLabel('Email address').waitFor({ state: 'visible' });
				await page.getByLabel('Password').waitFor({ state: 'visible' });
				const token = await page.locator('input[name="csrf_token"]').getAttribute('value');
				assert.ok(token && token.length >= 40, 'the form carries a CSRF token');

				assert.ok(assetURLs.includes('/assets/app.css'), `assets loaded: ${assetURLs}`);
				assert.ok(assetURLs.includes('/assets/app.js'), `assets loaded: ${assetURLs}`);
				await visited(page, problems, 'login');
			} finally {
				await context.close();
			}
		});

	test('Tab reveals the skip link and Enter moves focus to main content',
		{ timeout: TIMEOUT }, async () => {
			const { context, page, problems } = await freshPage();
			try {
				assert.equal((await page.goto('/login')).status(), 200);
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
		const { context, page, problems } = await freshPage();
		try {
			const res = await page.goto('/no-such-page');
			assert.equal(res.status(), 404);
			await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor({ state: 'visible' });
			assert.match(await page.title(), /Page not found/);
			await visited(page, problems, '404', { documentStatus: 404 });
		} finally {
			await context.close();
		}
	});
});
