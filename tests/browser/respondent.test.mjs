/*
 * respondent.test.mjs: online collection end to end in a real browser
 * against a real `jcs serve`.  The demo administrator starts a round and
 * issues invitation links; a respondent, in a browser of their own, with
 * the KEYBOARD ONLY (Tab, Shift+Tab, Space, arrow keys, Enter: no clicks),
 * answers some standards, saves, reloads the link and finds the answers
 * kept, then checks and submits; the owner sees "1 submitted", waiting to
 * be added.  Four more respondents submit (k = 5 by default): the fifth
 * adds all five at once, and only then does the results page show the
 * per-respondent annex.  axe-core checks every page.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';

import { TIMEOUT, openPage, serverAndBrowser, signInFirstTime, visited as checked } from './support.mjs';

const shared = serverAndBrowser();

/* Each page visited: clean and accessible, with a screenshot. */
const visited = (page, problems, name, opts) => checked(page, problems, `respondent-${name}`, opts);

/* Whether the focused element matches selector (reading, not acting). */
const focusedIs = (page, selector) =>
	page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);

/* Press key (Tab or Shift+Tab) until the focus is on selector. */
async function tabTo(page, selector, key = 'Tab') {
	for (let i = 0; i < 400; i++) {
		if (await focusedIs(page, selector))
			return;
		await page.keyboard.press(key);
	}
	assert.fail(`${key} never reached ${selector}`);
}

/* The value of the radio checked in a group, or null. */
const checkedValue = (page, name) =>
	page.evaluate((n) => document.querySelector(`input[name="${n}"]:checked`)?.value ?? null, name);

/* A respondent who answers with the mouse: the others the k needs. */
async function answerWithMouse(page, link, score) {
	await page.goto(link);
	for (const n of [1, 2, 5])
		await page.locator(`input[name="score-${n}"][value="${score}"]`).check();
	await page.getByRole('button', { name: 'Submit', exact: true }).click();
	await page.waitForLoadState('load');
	await page.getByRole('button', { name: 'Submit your answers' }).click();
	await page.waitForLoadState('load');
	await page.getByRole('heading', { level: 1, name: 'Your answers have been submitted' }).waitFor();
}

describe('respondent journey', () => {
	test('issue links, answer by keyboard, save, come back, submit; results after k',
		{ timeout: 6 * TIMEOUT }, async () => {
			const { server, browser } = shared;
			assert.ok(server.admin, 'jcs serve printed the demo administrator\'s login');
			const owner = await openPage(browser, server.baseURL);
			const resp = await openPage(browser, server.baseURL);
			try {
				const { page, problems } = owner;
				await signInFirstTime(page, server.admin, 'a long and memorable passphrase');

				/* A new round on the 12 statements. */
				await page.goto('/selfanalysis/rounds/new');
				await page.getByLabel('Name', { exact: true }).fill('Online self-analysis 2026');
				await page.getByLabel('Framework').selectOption('csp-2009-12');
				await page.getByRole('radio', { name: 'Interviews' }).check();
				await page.getByRole('button', { name: /Start|Save|Create/ }).click();
				await page.waitForLoadState('load');
				const round = new URL(page.url()).pathname.match(/^\/selfanalysis\/rounds\/(\d+)/)?.[1];
				assert.ok(round, `the new round's page, not ${page.url()}`);

				/* Its invitations page, from the round's page. */
				await page.getByRole('link', { name: /Invite respondents online/ }).click();
				await page.getByRole('heading', { level: 1, name: 'Invitation links' }).waitFor();
				await visited(page, problems, 'invitations');
				await page.getByLabel('How many links').fill('5');
				await page.getByLabel(/Respondent group/).fill('Health');
				await page.getByRole('button', { name: 'Create links' }).click();
				await page.waitForLoadState('load');
				await page.locator('.govuk-notification-banner--success',
					{ hasText: '5 invitation links created for Health' }).waitFor();
				await visited(page, problems, 'links');
				const links = (await page.getByLabel('Invitation links, one per line').inputValue())
					.trim().split('\n');
				assert.equal(links.length, 5);
				for (const l of links)
					assert.match(l, /^http:\/\/127\.0\.0\.1:\d+\/respond\?t=[A-Za-z0-9_-]{43}$/);

				/* The respondent: a browser of their own, keyboard only. */
				const r = resp.page;
				await r.goto(links[0]);
				await r.getByRole('heading', { level: 1, name: 'Online self-analysis 2026' }).waitFor();
				assert.deepEqual((await resp.context.cookies()).map((c) => c.name), ['jcs_csrf']);
				await visited(r, resp.problems, 'form');

				/* Standard 1: 4 (1, 1.5, ... 4 is six steps down), with a comment. */
				await tabTo(r, 'input[name="score-1"]');
				await r.keyboard.press('Space');
				for (let i = 0; i < 6; i++)
					await r.keyboard.press('ArrowDown');
				await r.keyboard.press('Tab');
				assert.ok(await focusedIs(r, 'textarea[name="comment-1"]'));
				await r.keyboard.type('Priorities are agreed across the partnership.');
				/* Standard 2: 2.5, then back with Shift+Tab to change 1 to 3.5. */
				await r.keyboard.press('Tab');
				assert.ok(await focusedIs(r, 'input[name="score-2"]'));
				await r.keyboard.press('Space');
				for (let i = 0; i < 3; i++)
					await r.keyboard.press('ArrowDown');
				await tabTo(r, 'input[name="score-1"]:checked', 'Shift+Tab');
				await r.keyboard.press('ArrowUp');
				assert.equal(await checkedValue(r, 'score-1'), '3.5');
				assert.equal(await checkedValue(r, 'score-2'), '2.5');

				/* Save and come back later. */
				await tabTo(r, 'button[value="save"]');
				await r.keyboard.press('Enter');
				await r.waitForLoadState('load');
				await r.locator('.govuk-notification-banner--success',
					{ hasText: 'Your answers have been saved' }).waitFor();
				await visited(r, resp.problems, 'saved');

				/* The link again, as if on another day: the answers are kept. */
				await r.goto(links[0]);
				await r.getByText(/You last saved your answers on/).waitFor();
				assert.equal(await checkedValue(r, 'score-1'), '3.5');
				assert.equal(await checkedValue(r, 'score-2'), '2.5');
				assert.equal(await r.locator('textarea[name="comment-1"]').inputValue(),
					'Priorities are agreed across the partnership.');

				/* Standard 3: Don't know (up from the first wraps to "No answer"). */
				await tabTo(r, 'input[name="score-3"]');
				await r.keyboard.press('ArrowUp');
				await r.keyboard.press('ArrowUp');
				assert.equal(await checkedValue(r, 'score-3'), 'Don\'t know');

				/* Submit: the answers to check first, then submit them. */
				await tabTo(r, 'button[value="submit"]');
				await r.keyboard.press('Enter');
				await r.getByRole('heading', { level: 1, name: 'Check your answers before submitting' }).waitFor();
				await r.getByText('3.5', { exact: true }).waitFor();
				await visited(r, resp.problems, 'check');
				await tabTo(r, 'button[value="confirm"]');
				await r.keyboard.press('Enter');
				await r.getByRole('heading', { level: 1, name: 'Your answers have been submitted' }).waitFor();
				await visited(r, resp.problems, 'submitted');
				assert.deepEqual((await resp.context.cookies()).map((c) => c.name), ['jcs_csrf']);

				/* The owner sees the count, and that the answers wait. */
				await page.goto(`/selfanalysis/rounds/${round}/invitations`);
				await page.getByText('1 submitted', { exact: true }).waitFor();
				await page.locator('#invitation-pending',
					{ hasText: '1 answer submitted online is waiting to be added' }).waitFor();
				await visited(page, problems, 'one-submitted');

				/* Below k the answers are not added at all: the results
				 * say they wait, and show nothing of them. */
				await page.goto(`/selfanalysis/rounds/${round}/results`);
				await page.locator('#invitation-pending').waitFor();
				await page.getByText('There are no responses yet').waitFor();
				assert.equal(await page.locator('#annex-table').count(), 0);
				assert.equal(await page.locator('svg circle').count(), 0);
				await visited(page, problems, 'results-below-k');

				/* Four more respondents: five in all, k by default. */
				for (let i = 1; i < 5; i++) {
					const other = await openPage(browser, server.baseURL);
					try {
						await answerWithMouse(other.page, links[i], String(1 + i));
					} finally {
						await other.context.close();
					}
				}
				await page.goto(`/selfanalysis/rounds/${round}/invitations`);
				await page.getByText('5 submitted', { exact: true }).waitFor();
				assert.equal(await page.locator('#invitation-pending').count(), 0);
				await page.goto(`/selfanalysis/rounds/${round}/results`);
				const annex = page.locator('#annex-table');
				await annex.waitFor();
				assert.equal(await annex.locator('tbody tr').count(), 5);
				await visited(page, problems, 'results-annex');
			} finally {
				await resp.context.close();
				await owner.context.close();
			}
		});
});
