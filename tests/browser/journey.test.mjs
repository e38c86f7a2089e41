/*
 * journey.test.mjs: an administrator's first visit, end to end in a real
 * browser against a real `jcs serve`: sign in with the password printed at
 * first start, be made to choose their own, add a partner organisation with
 * a mistake, see the GOV.UK error summary (and follow its link to the
 * field), correct it, find the organisation in the list by searching, and
 * sign out, after which the pages are closed to them.  axe-core checks
 * every page on the way.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { TIMEOUT, choosePassword, openPage, serverAndBrowser, signIn, visited as checked } from './support.mjs';

const shared = serverAndBrowser();

/* Each page visited: clean and accessible, with a screenshot. */
const visited = (page, problems, name, opts) => checked(page, problems, `journey-${name}`, opts);

describe('administrator journey', () => {
	test('sign in, add an organisation after a mistake, find it, sign out',
		{ timeout: 4 * TIMEOUT }, async () => {
			const { server, browser } = shared;
			assert.ok(server.admin, 'jcs serve printed the demo administrator\'s login');
			const { context, page, problems } = await openPage(browser, server.baseURL);
			try {
				/* A wrong password first: one message that does not say which part was wrong. */
				await signIn(page, server.admin.email, 'not-the-password-at-all');
				await page.locator('.govuk-error-summary').waitFor({ state: 'visible' });
				await visited(page, problems, 'login-error', { documentStatus: 400 });

				await signIn(page, server.admin.email, server.admin.password);
				/* The printed password is one-time: choose one's own first. */
				assert.match(page.url(), /\/account\/password$/);
				await visited(page, problems, 'choose-password');
				await choosePassword(page, server.admin.password, 'a long and memorable passphrase');
				assert.equal(new URL(page.url()).pathname, '/');
				await page.getByRole('heading', { level: 1, name: /Oxfordshire Children and Young People/ })
					.waitFor({ state: 'visible' });
				await page.locator('.govuk-notification-banner--success',
					{ hasText: 'Your password has been changed' }).waitFor({ state: 'visible' });
				await visited(page, problems, 'home');

				/* Organisations, from the navigation. */
				await page.getByRole('navigation', { name: 'Menu' })
					.getByRole('link', { name: 'Organisations' }).click();
				await page.getByRole('heading', { level: 1, name: 'Partner organisations' }).waitFor();
				await visited(page, problems, 'organisations');
				await page.getByRole('button', { name: 'Add an organisation' }).or(
					page.getByRole('link', { name: 'Add an organisation' })).click();
				await page.waitForLoadState('load');
				await visited(page, problems, 'organisation-new');

				/* The mistake: a name but no type. */
				const name = 'Banbury Family Hub Trust';
				await page.getByLabel('Name', { exact: false }).first().fill(name);
				await page.getByRole('radio', { name: 'Provider', exact: true }).check();
				await page.getByRole('button', { name: /Save|Add/ }).click();
				await page.waitForLoadState('load');
				const summary = page.locator('.govuk-error-summary');
				await summary.waitFor({ state: 'visible' });
				assert.match(await page.title(), /^Error: /);
				/* The summary takes focus, and its link leads to the field. */
				assert.equal(await summary.evaluate((s) => s.contains(document.activeElement)), true);
				await summary.getByRole('link').first().click();
				await visited(page, problems, 'organisation-error', { documentStatus: 400 });
				/* What was typed is kept. */
				assert.equal(await page.getByLabel('Name', { exact: false }).first().inputValue(), name);

				await page.getByRole('radio', { name: 'Voluntary and community sector' }).check();
				await page.getByRole('button', { name: /Save|Add/ }).click();
				await page.waitForLoadState('load');
				await page.locator('.govuk-notification-banner--success').waitFor({ state: 'visible' });
				await visited(page, problems, 'organisation-added');

				/* Find it in the list by searching. */
				await page.goto('/organisations');
				await page.getByLabel('Name or identifier').fill('banbury family');
				await page.getByRole('button', { name: /Search/ }).click();
				await page.waitForLoadState('load');
				const row = page.locator('table.govuk-table tbody tr', { hasText: name });
				await row.waitFor({ state: 'visible' });
				assert.equal(await page.locator('table.govuk-table tbody tr').count(), 1);
				await visited(page, problems, 'organisation-found');

				/* Sign out: a button (POST with the CSRF token), then the pages are closed. */
				await page.getByRole('button', { name: 'Sign out' }).click();
				await page.waitForLoadState('load');
				assert.match(page.url(), /\/login/);
				await visited(page, problems, 'signed-out');
				await page.goto('/organisations');
				assert.match(page.url(), /\/login\?next=/);
			} finally {
				await context.close();
			}
		});
});
