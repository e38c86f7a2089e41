/*
 * selfanalysis.test.mjs: the self-analysis pages in a real browser
 * against a real `jcs serve --demo`: the demo administrator opens
 * Self-analysis from the navigation, the demo Oxfordshire round and its
 * results (the chart drawn as an image named and described for assistive
 * technology, highest and lowest named in words, the annex shown since ten
 * people responded), compares it with the North Yorkshire round, looks at
 * the frameworks, starts a round after a mistake, enters a response after
 * another (following the error summary's link to the field), and visits
 * the anonymity setting.  axe-core and the CSP check every page.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { TIMEOUT, openPage, serverAndBrowser, signInFirstTime, visited as checked } from './support.mjs';

const shared = serverAndBrowser();

/* Each page visited: clean and accessible, with a screenshot. */
const visited = (page, problems, name, opts) => checked(page, problems, `selfanalysis-${name}`, opts);

describe('self-analysis pages', () => {
	test('rounds, results, comparison, frameworks, a new round and an entry',
		{ timeout: 4 * TIMEOUT }, async () => {
			const { server, browser } = shared;
			assert.ok(server.admin, 'jcs serve printed the demo administrator\'s login');
			const { context, page, problems } = await openPage(browser, server.baseURL);
			try {
				await signInFirstTime(page, server.admin, 'self analysis is a long passphrase');
				await page.getByRole('navigation', { name: 'Menu' })
					.getByRole('link', { name: 'Self-analysis' }).click();
				await page.getByRole('heading', { level: 1, name: 'Self-analysis' }).waitFor();
				await visited(page, problems, 'home');

				/* The demo's interview round. */
				await page.getByRole('link', { name: /^Oxfordshire interviews/ }).click();
				await page.getByRole('heading', { level: 1, name: /^Oxfordshire interviews/ }).waitFor();
				await visited(page, problems, 'round');

				await page.getByRole('link', { name: 'See the results' }).click();
				await page.getByRole('heading', { level: 1, name: 'Results' }).waitFor();
				/* The chart is one image, named by its caption, described by the table. */
				const chart = page.getByRole('img', { name: /Every score given to each standard/ });
				await chart.waitFor({ state: 'visible' });
				assert.equal(await chart.getAttribute('aria-describedby'), 'chart-table');
				const dots = await page.locator('svg.app-chart__svg circle').count();
				assert.ok(dots > 0, 'the chart draws the scores');
				const summary = page.getByRole('table', { name: /highest mean first/ });
				await summary.locator('strong.govuk-tag', { hasText: 'Highest' }).first().waitFor();
				await summary.locator('strong.govuk-tag', { hasText: 'Lowest' }).first().waitFor();
				/* Ten people responded: the annex is shown. */
				await page.getByRole('table', { name: /Each respondent's score/ }).waitFor();
				/* The dots are drawn in colour from app.css, not by the browser's default black. */
				const fill = await page.locator('svg.app-chart__svg circle').first()
					.evaluate((c) => getComputedStyle(c).fill);
				assert.notEqual(fill, 'rgb(0, 0, 0)');
				await visited(page, problems, 'results');

				/* Compared with the other demo round. */
				await page.getByRole('link', { name: 'Compare with another round' }).click();
				await page.getByRole('heading', { level: 1, name: 'Compare with another round' }).waitFor();
				await page.getByLabel('Round to compare with').selectOption({ label: 'North Yorkshire group self-evaluation, 23 March 2009' });
				await page.getByRole('button', { name: 'Compare' }).click();
				await page.getByRole('table', { name: /earlier and the later round/ }).waitFor();
				await page.getByRole('img', { name: /in the two rounds/ }).waitFor();
				await visited(page, problems, 'compare');

				/* The frameworks, one opened. */
				await page.goto('/selfanalysis/frameworks');
				await page.getByText('Its scale and 13 standards').click();
				await visited(page, problems, 'frameworks');

				/* A new round, after forgetting its name. */
				await page.goto('/selfanalysis/rounds/new');
				await page.getByLabel('Framework').selectOption('csp-2009-13');
				await page.getByRole('button', { name: 'Start the round' }).click();
				await page.locator('.govuk-error-summary').waitFor({ state: 'visible' });
				assert.match(await page.title(), /^Error: /);
				await visited(page, problems, 'round-new-error', { documentStatus: 400 });
				await page.getByLabel('Name').fill('Browser round 2026');
				await page.getByRole('button', { name: 'Start the round' }).click();
				await page.getByRole('heading', { level: 1, name: 'Browser round 2026' }).waitFor();
				await visited(page, problems, 'round-added');

				/* An entry with a score off the scale: the summary links to the field. */
				await page.getByRole('link', { name: 'Enter a response' }).click();
				await page.getByLabel('Score for standard 1', { exact: true }).fill('7');
				await page.getByLabel('Score for standard 2', { exact: true }).fill('3');
				await page.getByRole('button', { name: 'Add response' }).click();
				const summary2 = page.locator('.govuk-error-summary');
				await summary2.waitFor({ state: 'visible' });
				await visited(page, problems, 'entry-error', { documentStatus: 400 });
				await summary2.getByRole('link', { name: /^Standard 1:/ }).click();
				assert.equal(await page.evaluate(() => document.activeElement?.id), 'score-1');
				await page.getByLabel('Score for standard 1', { exact: true }).fill('4');
				await page.getByRole('button', { name: 'Add response' }).click();
				await page.locator('.govuk-notification-banner--success', { hasText: 'Response added' }).waitFor();

				await page.goto('/settings');
				await page.getByLabel('Fewest respondents shown').waitFor();
				await visited(page, problems, 'settings');
			} finally {
				await context.close();
			}
		});
});
