#!/usr/bin/env node
/**
 * Browser end-to-end tests of the Tasks screens (list, detail, approvals, dashboard) and the
 * notification bell, against a running server with the demo seed on a fresh database.
 *
 *   E2E_BASE_URL   the app (default http://127.0.0.1:8000)
 *   DEMO_PASSWORD  the demo users' password (default ecabinet-demo)
 *   CHROMIUM_PATH  the browser (default /usr/bin/chromium)
 *   E2E_ONLY       run only the scenarios whose name contains this text (none matching: exit 0)
 *   E2E_HEADED=1   show the browser (needs a display)
 *   SCREENSHOT_DIR where screenshots go (default e2e/screenshots/)
 *
 * The scenarios change data (a task is completed, an extension refused, notifications read):
 * run them on a fresh database (tests/e2e/run-browser-tests.sh does). Prints "N passed,
 * N failed" last; exits 1 on a failure.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BASE = (process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8000').replace(/\/+$/, '');
const PASSWORD = process.env.DEMO_PASSWORD ?? 'ecabinet-demo';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ONLY = process.env.E2E_ONLY ?? '';
const FILE = basename(fileURLToPath(import.meta.url));
const SHOTS = process.env.SCREENSHOT_DIR ?? join(dirname(fileURLToPath(import.meta.url)), 'screenshots');
const TIMEOUT = 15_000;

/** The current demo task that Trung tâm Tin học (staff's unit) leads, due in two days. */
const DUE_SOON_TITLE = 'Rà soát phân quyền truy cập';
/** The 2019 task TTTH leads that is still open (assigned by chair through the 2019 meeting). */
const OPEN_2019_CODE = 'NV-2019-0010';

mkdirSync(SHOTS, { recursive: true });

class AssertionError extends Error {}

function assert(condition, message) {
  if (!condition) throw new AssertionError(message);
}

function assertEqual(actual, expected, message) {
  if (actual !== expected)
    throw new AssertionError(`${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

/** Today in Vietnam, as the app counts deadlines. */
function todayInHanoi() {
  const parts = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: 'Asia/Ho_Chi_Minh',
  }).formatToParts(new Date());
  const part = (type) => parts.find((p) => p.type === type)?.value ?? '';
  return { year: Number(part('year')), iso: `${part('year')}-${part('month')}-${part('day')}` };
}

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: process.env.E2E_HEADED !== '1',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});

/** A fresh context whose pages fail the test on a CSP violation or an uncaught error. */
async function newPage(options = {}) {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    acceptDownloads: true,
    ...options,
  });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    const text = msg.text();
    if (/Content Security Policy|Refused to (apply|load|execute|connect|create)/i.test(text))
      problems.push(`CSP: ${text}`);
    else if (msg.type() === 'error') problems.push(`console error: ${text}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  return { context, page, problems };
}

async function submitLogin(page, username, password) {
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await Promise.all([
    page
      .waitForURL((url) => url.pathname !== '/auth/authorize' || url.search === '', { timeout: TIMEOUT })
      .catch(() => {}),
    page.locator('form button[type=submit], form input[type=submit]').first().click(),
  ]);
}

/** Open `path`, log in as `username` on the server's page, wait to be back in the app. */
async function login(page, username, path) {
  await page.goto(`${BASE}${path}`);
  await page.waitForURL((url) => url.pathname === '/auth/authorize', { timeout: TIMEOUT });
  await page.locator('input[name=username]').waitFor({ state: 'visible' });
  await submitLogin(page, username, PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith('/auth/'), { timeout: TIMEOUT });
  await page.locator('[data-testid=header-user-name]').filter({ hasNotText: '…' }).waitFor();
}

/** Client-side navigation (a typed URL would reload the app and log in again: tokens live in memory). */
async function navigate(page, path) {
  await page.evaluate((to) => {
    window.history.pushState({}, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await page.waitForURL(`${BASE}${path}`);
}

async function expectHeading(page, title, message = 'page heading') {
  try {
    await page
      .locator('main h1')
      .filter({ hasText: new RegExp(`^\\s*${title}\\s*$`) })
      .waitFor({ timeout: 5000 });
  } catch {
    const got = (
      await page
        .locator('main h1')
        .first()
        .textContent()
        .catch(() => null)
    )?.trim();
    throw new AssertionError(`${message}: expected "${title}", got ${JSON.stringify(got)}`);
  }
}

/** The rows' task codes currently shown (after the list has settled). */
async function shownCodes(page) {
  await page.locator('[data-testid=task-table], [data-testid=task-list-empty]').first().waitFor();
  return page.locator('[data-testid=task-row]').evaluateAll((rows) => rows.map((r) => r.dataset.code));
}

/** Wait until the list shows exactly a set of rows that satisfies `predicate`. */
async function waitForRows(page, predicate, message) {
  const deadline = Date.now() + 8000;
  let codes = [];
  while (Date.now() < deadline) {
    codes = await shownCodes(page);
    if (predicate(codes)) return codes;
    await page.waitForTimeout(150);
  }
  throw new AssertionError(`${message} (rows: ${codes.join(', ') || 'none'})`);
}

/** The figures of one unit's row on the dashboard (null if the unit has no row). */
async function unitFigures(page, unitCode) {
  await page.locator('[data-testid=stats-table], [data-testid=stats-empty]').first().waitFor();
  const row = page.locator(`[data-testid=stats-row][data-unit="${unitCode}"]`);
  if ((await row.count()) === 0) return null;
  return row.evaluate((tr) => {
    const out = {};
    for (const td of tr.querySelectorAll('td[data-field]')) out[td.dataset.field] = td.textContent.trim();
    return out;
  });
}

async function download(page, testId) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-testid=${testId}]`).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

const scenarios = [];
function scenario(name, fn) {
  scenarios.push({ name, fn });
}

// 1 ──────────────────────────────────────────────────────────────────────────────────────────
scenario('staff (TTTH) sees lead / coordinating / all tabs, filters, and exports CSV and XLSX', async () => {
  const { context, page, problems } = await newPage();
  try {
    await login(page, 'staff', '/tasks');
    await expectHeading(page, 'Nhiệm vụ', 'the tasks page');
    assertEqual(await page.locator('[data-testid=task-tab-lead]').getAttribute('aria-selected'), 'true', 'Lead tab');
    const lead = await waitForRows(page, (c) => c.includes(OPEN_2019_CODE), 'the lead tab lists TTTH’s tasks');
    assert(lead.length >= 3, `TTTH leads at least 3 tasks (got ${lead.length})`);
    // Every lead row names TTTH as lead unit; the table shows code, dd/MM/yyyy dates, progress.
    const leadUnits = await page
      .locator('[data-testid=task-row] td:nth-child(3)')
      .evaluateAll((tds) => tds.map((td) => td.textContent.trim()));
    assert(
      leadUnits.every((u) => u === 'TTTH'),
      `lead unit column is TTTH everywhere (${leadUnits.join(', ')})`,
    );
    const row2019 = page.locator(`[data-testid=task-row][data-code="${OPEN_2019_CODE}"]`);
    assert((await row2019.textContent()).includes('31/12/2019'), 'the deadline reads 31/12/2019');
    assertEqual(await row2019.locator('progress').getAttribute('value'), '40', 'progress bar value');
    assert(await row2019.locator('[data-testid=task-overdue]').isVisible(), 'the overdue badge is shown');

    await page.locator('[data-testid=task-tab-coordinating]').click();
    await page.waitForURL(/tab=coordinating/);
    const coord = await waitForRows(
      page,
      (c) => c.length > 0 && !c.includes(OPEN_2019_CODE),
      'the coordinating tab lists other units’ tasks',
    );
    assert(coord.length >= 3, `TTTH coordinates at least 3 tasks (got ${coord.length})`);

    await page.locator('[data-testid=task-tab-all]').click();
    const all = await waitForRows(page, (c) => c.length >= lead.length + coord.length, 'all = lead + coordinating');
    assert(all.length >= 6, `staff sees at least 6 tasks in all (got ${all.length})`);

    // Filters: overdue only, then due within 2 days, then a search.
    await page.locator('[data-testid=task-tab-lead]').click();
    await page.locator('[data-testid=task-overdue-filter]').check();
    await waitForRows(
      page,
      (c) => c.length >= 1 && c.includes(OPEN_2019_CODE) && c.length < lead.length,
      'overdue only narrows the list',
    );
    await page.locator('[data-testid=task-overdue-filter]').uncheck();
    await page.locator('[data-testid=task-within-filter]').selectOption('2');
    await page.waitForURL(/within=2/);
    await waitForRows(page, (c) => c.length === 1, 'exactly one TTTH task is due within 2 days');
    assert(
      (await page.locator('[data-testid=task-row]').first().textContent()).includes(DUE_SOON_TITLE),
      'the task due in 2 days is listed',
    );
    await page.locator('[data-testid=task-within-filter]').selectOption('');
    await page.locator('[data-testid=task-search]').fill(OPEN_2019_CODE);
    await page.locator('[data-testid=task-search]').press('Enter');
    await waitForRows(page, (c) => c.length === 1 && c[0] === OPEN_2019_CODE, 'the search finds the code');
    assert((await page.locator('[data-testid=pager-status]').textContent()).includes('1'), 'the pager counts it');
    await page.locator('[data-testid=task-search]').fill('');
    await page.locator('[data-testid=task-search]').press('Enter');
    await waitForRows(page, (c) => c.length === lead.length, 'back to the whole lead list');

    // Export the whole filtered list (all pages).
    const csv = await download(page, 'export-csv');
    assert(/^nhiem-vu-\d{4}-\d{2}-\d{2}\.csv$/.test(csv.name), `CSV file name (${csv.name})`);
    assert(csv.bytes[0] === 0xef && csv.bytes[1] === 0xbb && csv.bytes[2] === 0xbf, 'CSV starts with a UTF-8 BOM');
    const lines = csv.bytes.toString('utf8').slice(1).trim().split('\r\n');
    assert(lines[0].startsWith('Mã,Tên nhiệm vụ,Đơn vị chủ trì,Đơn vị phối hợp,Hạn xử lý'), `CSV header (${lines[0]})`);
    assertEqual(lines.length - 1, lead.length, 'one CSV line per task');
    assert(
      lines.some((l) => l.startsWith(`${OPEN_2019_CODE},`) && l.includes(',31/12/2019,40,')),
      'the CSV row has the dd/MM/yyyy deadline and progress',
    );
    const xlsx = await download(page, 'export-xlsx');
    assert(xlsx.name.endsWith('.xlsx'), `XLSX file name (${xlsx.name})`);
    assert(xlsx.bytes[0] === 0x50 && xlsx.bytes[1] === 0x4b, 'the XLSX is a zip (PK)');
    assert(xlsx.bytes.includes(Buffer.from('xl/worksheets/sheet1.xml')), 'the XLSX has a worksheet');
    await page
      .locator('.export__message')
      .filter({ hasText: String(lead.length) })
      .waitFor();

    await page.screenshot({ path: join(SHOTS, 'tasks-list.png'), fullPage: true });
    assertEqual(problems.length, 0, `console problems: ${problems.join(' | ')}`);
  } finally {
    await context.close();
  }
});

// 2 ──────────────────────────────────────────────────────────────────────────────────────────
scenario('staff reports 100% on the TTTH task due in 2 days: COMPLETED, and the dashboard counts it', async () => {
  const { context, page, problems } = await newPage();
  const { year } = todayInHanoi();
  try {
    await login(page, 'staff', '/tasks/dashboard');
    await expectHeading(page, 'Thống kê nhiệm vụ', 'the dashboard');
    assertEqual(await page.locator('[data-testid=period-year]').inputValue(), String(year), 'this year by default');
    const before = await unitFigures(page, 'TTTH');
    assert(before, 'TTTH has figures this year');
    const onTimeBefore = Number(before.completedOnTime);

    await navigate(page, '/tasks?within=2');
    await waitForRows(page, (c) => c.length === 1, 'the task due in 2 days');
    await page.locator('[data-testid=task-row] a').first().click();
    await page.waitForURL(/\/tasks\/[^/?]+$/);
    await page.locator('[data-testid=task-title]').filter({ hasText: DUE_SOON_TITLE }).waitFor();
    assert((await page.locator('[data-testid=task-lead-unit]').textContent()).includes('Tin học'), 'TTTH leads it');
    assert((await page.locator('[data-testid=task-due-date]').textContent()).includes('Còn 2 ngày'), 'due in 2 days');
    assertEqual(
      (await page.locator('header [data-testid=task-status]').textContent()).trim(),
      'Chưa thực hiện',
      'status before',
    );

    await page.locator('[data-testid=action-report]').click();
    await page.locator('[data-testid=report-text]').fill('Đã rà soát xong phân quyền truy cập của các hệ thống.');
    await page.locator('[data-testid=report-progress]').fill('100');
    const minutes = Buffer.from('%PDF-1.4 Biên bản rà soát phân quyền');
    await page
      .locator('[data-testid=report-files]')
      .setInputFiles({ name: 'bien-ban-ra-soat.pdf', mimeType: 'application/pdf', buffer: minutes });
    await page.locator('[data-testid=report-submit]').click();
    await page
      .locator('header [data-testid=task-status]')
      .filter({ hasText: /^Hoàn thành$/ })
      .waitFor();
    // the attachment is listed with the report and downloads through its signed link
    const attachment = page.locator('[data-testid=report-attachments] a').filter({ hasText: 'bien-ban-ra-soat.pdf' });
    await attachment.waitFor();
    const fetched = await page.request.get(new URL(await attachment.getAttribute('href'), page.url()).toString());
    assertEqual(fetched.status(), 200, 'the attachment downloads');
    assertEqual((await fetched.body()).toString(), minutes.toString(), 'the attachment is the file sent');
    await page.locator('[data-testid=task-notice]').filter({ hasText: 'hoàn thành' }).waitFor();
    assertEqual(await page.locator('[data-testid=action-report]').count(), 0, 'no more reporting on a completed task');
    await page.locator('[data-testid=task-history]').filter({ hasText: 'Báo cáo hoàn thành (100%)' }).waitFor();
    await page.locator('[data-testid=task-reports]').filter({ hasText: 'Đã rà soát xong' }).waitFor();
    assert((await page.locator('[data-testid=task-completed-on]').textContent()).includes('Đúng hạn'), 'on time');
    await page.screenshot({ path: join(SHOTS, 'tasks-detail.png'), fullPage: true });

    // The dashboard of this year: TTTH has one more task completed on time, and a rate.
    await page.locator('[data-testid=tasks-nav-dashboard]').click();
    await expectHeading(page, 'Thống kê nhiệm vụ', 'the dashboard');
    let after = null;
    const deadline = Date.now() + 8000;
    while (Date.now() < deadline) {
      after = await unitFigures(page, 'TTTH');
      if (after && Number(after.completedOnTime) === onTimeBefore + 1) break;
      await page.waitForTimeout(200);
    }
    assertEqual(Number(after?.completedOnTime), onTimeBefore + 1, 'TTTH completed on time');
    assert(/\d+\s?%/.test(after.onTimeRate), `TTTH's on-time rate is shown (${after.onTimeRate})`);
    const bar = page.locator('[data-testid=chart-bar][data-unit="TTTH"]');
    assert(Number(await bar.getAttribute('data-percent')) > 0, 'TTTH’s bar is drawn');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(SHOTS, 'tasks-dashboard.png'), fullPage: true });
    assertEqual(problems.length, 0, `console problems: ${problems.join(' | ')}`);
  } finally {
    await context.close();
  }
});

// 3 ──────────────────────────────────────────────────────────────────────────────────────────
scenario('the 2019 dashboard shows the conclusion notice’s units, rates and figures', async () => {
  const { context, page, problems } = await newPage();
  try {
    await login(page, 'chair', '/tasks/dashboard?year=2019');
    await expectHeading(page, 'Thống kê nhiệm vụ', 'the dashboard');
    await page.locator('[data-testid=ontime-chart]').waitFor();
    const units = await page
      .locator('[data-testid=chart-bar]')
      .evaluateAll((gs) => gs.map((g) => `${g.dataset.unit}:${g.dataset.percent}`));
    for (const expected of ['TTTH:50', 'Vụ QHQT:100', 'Cục QT:0'])
      assert(units.includes(expected), `chart has ${expected} (${units.join(', ')})`);
    const ckst = await unitFigures(page, 'CKSTTHC');
    assertEqual(ckst?.assigned, '4', 'CKSTTHC was assigned 4 tasks due in 2019');
    assertEqual(ckst?.completedLate, '1', 'one of them completed late');
    const total = (await page.locator('[data-testid=stats-total]').textContent()) ?? '';
    assert(total.includes('11'), `the total counts the 11 tasks of the notice (${total.trim()})`);
    assert((await page.locator('[data-testid=overdue-list] li').count()) > 0, 'the overdue list has tasks');
    await page.locator('[data-testid=period-part]').selectOption('Q4');
    await page.waitForURL(/part=Q4/);
    await page.locator('#dashboard-rate-title').filter({ hasText: '01/10/2019' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'tasks-dashboard-2019.png'), fullPage: true });

    // From one of the notice's tasks to all the tasks of its source meeting (filter by source).
    // (the overdue list starts with the oldest: a task of the 2019 notice)
    await page.locator('[data-testid=overdue-list] li a').first().click();
    await page.locator('[data-testid=task-source-meeting-tasks]').click();
    await page.waitForURL(/meeting=/);
    await page.locator('[data-testid=task-meeting-filter]').waitFor();
    await page
      .locator('[data-testid=task-count]')
      .filter({ hasText: /\b11\b/ })
      .waitFor();
    assertEqual(await page.locator('[data-testid=task-row]').count(), 11, 'the 11 tasks of the notice');
    assertEqual(problems.length, 0, `console problems: ${problems.join(' | ')}`);
  } finally {
    await context.close();
  }
});

// 4 ──────────────────────────────────────────────────────────────────────────────────────────
scenario('staff asks for an extension; chair (the assigner) sees it in approvals and refuses it', async () => {
  const staff = await newPage();
  const chair = await newPage();
  try {
    await login(staff.page, 'staff', `/tasks?tab=lead&q=${OPEN_2019_CODE}`);
    await waitForRows(staff.page, (c) => c.length === 1, 'the 2019 task');
    await staff.page.locator('[data-testid=task-row] a').first().click();
    await staff.page.locator('[data-testid=task-code]').filter({ hasText: OPEN_2019_CODE }).waitFor();
    await staff.page.locator('[data-testid=action-extension]').click();
    await staff.page.locator('[data-testid=extension-date]').fill('2020-03-31');
    await staff.page.locator('[data-testid=extension-reason]').fill('Chờ kết quả rà soát hạ tầng.');
    await staff.page.locator('[data-testid=extension-submit]').click();
    await staff.page.locator('[data-testid=extension-request][data-status=PENDING]').waitFor();
    assertEqual(staff.problems.length, 0, `staff console problems: ${staff.problems.join(' | ')}`);

    await login(chair.page, 'chair', '/tasks/approvals');
    await expectHeading(chair.page, 'Duyệt đề nghị gia hạn', 'the approvals page');
    const mine = chair.page.locator(`[data-testid=approval][data-code="${OPEN_2019_CODE}"]`);
    await mine.waitFor();
    assert((await mine.textContent()).includes('31/03/2020'), 'the requested date is shown');
    assert(
      (await chair.page.locator('[data-testid=approval]').count()) >= 1,
      'the assigner’s pending requests are listed',
    );
    await chair.page.screenshot({ path: join(SHOTS, 'tasks-approvals.png'), fullPage: true });
    await mine.locator('[data-testid=extension-refuse]').click();
    await mine.waitFor({ state: 'detached' });
    await chair.page.locator('[data-testid=approvals-notice]').filter({ hasText: 'từ chối' }).waitFor();

    // The task's page tells the lead unit.
    await staff.page.reload();
    await staff.page.waitForURL((url) => url.pathname === '/auth/authorize');
    await submitLogin(staff.page, 'staff', PASSWORD);
    await staff.page.locator('[data-testid=extension-request][data-status=REFUSED]').waitFor();
    await staff.page.locator('[data-testid=task-history]').filter({ hasText: 'Không đồng ý gia hạn' }).waitFor();
    assertEqual(chair.problems.length, 0, `chair console problems: ${chair.problems.join(' | ')}`);
  } finally {
    await staff.context.close();
    await chair.context.close();
  }
});

// 4b ─────────────────────────────────────────────────────────────────────────────────────────
scenario('chair (the assigner) edits one of the tasks they assigned and cancels another', async () => {
  const { context, page, problems } = await newPage();
  try {
    // "Diễn tập sao lưu…" (Cổng TTĐT, due in 20 days) and "Báo cáo số liệu…" (Vụ TH, overdue).
    await login(page, 'chair', `/tasks?tab=all&q=${encodeURIComponent('Diễn tập sao lưu')}`);
    await waitForRows(page, (c) => c.length === 1, 'the backup drill task');
    await page.locator('[data-testid=task-row] a').first().click();
    await page.locator('[data-testid=action-edit]').click();
    const form = page.locator('[data-testid=edit-form]');
    await form.locator('select').selectOption('HIGH');
    await form.locator('textarea').nth(1).fill('Diễn tập trên hệ thống dự phòng tại Trung tâm Tin học.');
    await page.locator('[data-testid=edit-submit]').click();
    await page.locator('[data-testid=task-notice]').filter({ hasText: 'Đã lưu' }).waitFor();
    await page.locator('[data-testid=task-facts]').filter({ hasText: 'Cao' }).waitFor();
    await page.locator('[data-testid=task-history]').filter({ hasText: 'Cập nhật:' }).waitFor();

    await navigate(page, `/tasks?tab=all&q=${encodeURIComponent('Báo cáo số liệu nhiệm vụ quá hạn')}`);
    await waitForRows(page, (c) => c.length === 1, 'the overdue report task');
    await page.locator('[data-testid=task-row] a').first().click();
    await page.locator('[data-testid=action-cancel]').click();
    await page.locator('[data-testid=cancel-reason]').fill('Đã gộp vào báo cáo tháng.');
    await page.locator('[data-testid=cancel-submit]').click();
    await page
      .locator('header [data-testid=task-status]')
      .filter({ hasText: /^Đã hủy$/ })
      .waitFor();
    assertEqual(await page.locator('[data-testid=task-overdue]').count(), 0, 'a cancelled task is not overdue');
    await page
      .locator('[data-testid=task-history]')
      .filter({ hasText: 'Hủy nhiệm vụ: Đã gộp vào báo cáo tháng.' })
      .waitFor();
    assertEqual(await page.locator('[data-testid=action-cancel]').count(), 0, 'nothing more to do on it');
    assertEqual(problems.length, 0, `console problems: ${problems.join(' | ')}`);
  } finally {
    await context.close();
  }
});

// 5 ──────────────────────────────────────────────────────────────────────────────────────────
scenario('tablet portrait 800×1280: the task list fits, rows become cards, touch targets ≥ 44 px', async () => {
  const { context, page, problems } = await newPage({ viewport: { width: 800, height: 1280 }, hasTouch: true });
  try {
    await login(page, 'staff', '/tasks?tab=all');
    await waitForRows(page, (c) => c.length >= 6, 'all tasks listed');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert(overflow <= 0, `no horizontal scrolling (overflow ${overflow}px)`);
    const small = await page.evaluate(() => {
      const out = [];
      for (const el of document.querySelectorAll('header a, header button, main a, main button, main select')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        if (el.closest('[hidden]')) continue;
        if (r.height < 44 || r.width < 44)
          out.push(
            `${(el.textContent || el.getAttribute('aria-label') || '').trim()} ${Math.round(r.width)}×${Math.round(r.height)}`,
          );
      }
      return out;
    });
    assertEqual(small.length, 0, `touch targets under 44px: ${small.join(', ')}`);
    const display = await page
      .locator('[data-testid=task-row]')
      .first()
      .evaluate((tr) => getComputedStyle(tr).display);
    assertEqual(display, 'block', 'rows are laid out as cards');
    await page.locator('[data-testid=task-tab-lead]').tap();
    await waitForRows(page, (c) => c.includes(OPEN_2019_CODE), 'the lead tab by touch');
    await page.screenshot({ path: join(SHOTS, 'tasks-list-tablet.png'), fullPage: true });
    assertEqual(problems.length, 0, `console problems: ${problems.join(' | ')}`);
  } finally {
    await context.close();
  }
});

// 6 ──────────────────────────────────────────────────────────────────────────────────────────
scenario('the bell shows unread notifications, lists them, marks them read, and listens live', async () => {
  const { context, page, problems } = await newPage();
  try {
    const sent = [];
    page.on('websocket', (ws) => {
      if (ws.url().endsWith('/graphql')) ws.on('framesent', (f) => sent.push(JSON.parse(String(f.payload))));
    });
    // member1 heads Cục KSTTHC: the seed's conclusion notice assigned it tasks (TASK_ASSIGNED).
    await login(page, 'member1', '/tasks');
    const badge = page.locator('[data-testid=notification-count]');
    await badge.waitFor();
    assert(Number((await badge.textContent()).replace('+', '')) >= 1, 'an unread count is shown');
    const bell = page.locator('[data-testid=notification-bell]');
    assert((await bell.getAttribute('aria-label')).includes('chưa đọc'), 'the bell says how many are unread');
    await bell.click();
    await page.locator('[data-testid=notifications-list] [data-testid=notification]').first().waitFor();
    assert(
      (await page.locator('[data-testid=notifications-list]').textContent()).includes('Nhiệm vụ mới'),
      'an assignment is listed',
    );
    await page.screenshot({ path: join(SHOTS, 'notifications.png') });
    await page.locator('[data-testid=notifications-mark-all]').click();
    await badge.waitFor({ state: 'detached' });
    assertEqual(await page.locator('.notification--unread').count(), 0, 'nothing unread any more');
    await page.keyboard.press('Escape');
    assert(await page.locator('[data-testid=notification-panel]').isHidden(), 'Escape closes the panel');

    // Following a notification leads to its task.
    await bell.click();
    await page.locator('[data-testid=notifications-list] a').first().click();
    await page.waitForURL(/\/tasks\/[^/?]+$/);
    await page.locator('[data-testid=task-code]').waitFor();

    const init = sent.find((m) => m.type === 'connection_init');
    assert(/^Bearer .+/.test(init?.payload?.Authorization ?? ''), 'connection_init carries the bearer token');
    assert(
      sent.some((m) => m.type === 'subscribe' && String(m.payload?.query).includes('notificationAdded')),
      'the bell subscribes to notificationAdded',
    );
    assertEqual(problems.length, 0, `console problems: ${problems.join(' | ')}`);
  } finally {
    await context.close();
  }
});

// 7 ──────────────────────────────────────────────────────────────────────────────────────────
scenario('English: the task screens follow the language', async () => {
  const { context, page, problems } = await newPage();
  try {
    await login(page, 'staff', '/tasks');
    await page.locator('[data-testid=lang-en]').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await expectHeading(page, 'Tasks', 'English heading');
    assertEqual((await page.locator('[data-testid=task-tab-lead]').textContent()).trim(), 'Lead', 'Lead tab');
    await page.locator('[data-testid=tasks-nav-dashboard]').click();
    await expectHeading(page, 'Task dashboard', 'English dashboard');
    await page.locator('[data-testid=lang-vi]').click();
    await page.waitForFunction(() => document.documentElement.lang === 'vi');
    assertEqual(problems.length, 0, `console problems: ${problems.join(' | ')}`);
  } finally {
    await context.close();
  }
});

// 8 ──────────────────────────────────────────────────────────────────────────────────────────
// Slow on purpose: the reminder job runs once a minute. chair assigns Cục KSTTHC a task due in
// three days; the next run sends its head (member1) a TASK_DUE_7 reminder, which must reach
// member1's open page through notificationAdded — no reload, no polling.
scenario('a new notification reaches the bell live (notificationAdded), without a reload', async () => {
  const member = await newPage();
  const chair = await newPage();
  try {
    await login(member.page, 'member1', '/tasks/dashboard');
    await member.page.evaluate(() => {
      window.__tasksE2eMarker = 'no reload';
    });
    const countNow = async () => {
      const badge = member.page.locator('[data-testid=notification-count]');
      return (await badge.count()) ? Number((await badge.textContent()).replace('+', '')) : 0;
    };
    const before = await countNow();

    // chair's own session assigns the task, with the token the app itself sends.
    let bearer = null;
    chair.page.on('request', (req) => {
      const auth = req.headers().authorization;
      if (req.url() === `${BASE}/graphql` && auth) bearer = auth;
    });
    await login(chair.page, 'chair', '/tasks');
    await chair.page.locator('[data-testid=task-table], [data-testid=task-list-empty]').first().waitFor();
    assert(bearer, 'the app sent a bearer token');
    const gql = async (query, variables) => {
      const r = await fetch(`${BASE}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: bearer },
        body: JSON.stringify({ query, variables }),
      });
      return r.json();
    };
    const units = await gql('{ orgUnits { id code } }');
    const leadUnitId = units.data.orgUnits.find((u) => u.code === 'CKSTTHC')?.id;
    const [y, m, d] = todayInHanoi().iso.split('-').map(Number);
    const due = new Date(Date.UTC(y, m - 1, d + 3)).toISOString().slice(0, 10);
    const title = `Kiểm thử thông báo trực tiếp ${Date.now()}`;
    const created = await gql(
      'mutation ($input: CreateTaskInput!) { createTask(input: $input) { task { id code } errors { message } } }',
      { input: { title, leadUnitId, dueDate: due } },
    );
    assert(created.data?.createTask?.task, `the task is created (${JSON.stringify(created)})`);

    const deadline = Date.now() + 75_000;
    while ((await countNow()) <= before && Date.now() < deadline) await member.page.waitForTimeout(500);
    assert((await countNow()) > before, `the unread count grows live (still ${before} after 75 s)`);
    await member.page.locator('.notification-bell [role=status]').filter({ hasText: title }).waitFor({ timeout: 5000 });
    assertEqual(
      await member.page.evaluate(() => window.__tasksE2eMarker ?? null),
      'no reload',
      'the page was not reloaded',
    );
    await member.page.locator('[data-testid=notification-bell]').click();
    await member.page.locator('[data-testid=notifications-list]').filter({ hasText: title }).waitFor();
    for (const [who, p] of [
      ['member1', member],
      ['chair', chair],
    ])
      assertEqual(p.problems.length, 0, `${who} console problems: ${p.problems.join(' | ')}`);
  } finally {
    await member.context.close();
    await chair.context.close();
  }
});

// ────────────────────────────────────────────────────────────────────────────────────────────
const selected = scenarios.filter(({ name }) => !ONLY || name.includes(ONLY));
if (ONLY && selected.length === 0) {
  // A filtered run (E2E_ONLY) goes through every file: one without a match has nothing to do.
  await browser.close();
  console.log(`${FILE}: no scenario matches E2E_ONLY=${JSON.stringify(ONLY)}, nothing to run`);
  process.exit(0);
}
let passed = 0;
let failed = 0;
for (const { name, fn } of selected) {
  const started = Date.now();
  try {
    await fn();
    passed += 1;
    console.log(`✓ ${name} (${Date.now() - started} ms)`);
  } catch (err) {
    failed += 1;
    console.log(
      `✗ ${name} (${Date.now() - started} ms)\n    ${String(err?.stack ?? err)
        .split('\n')
        .slice(0, 4)
        .join('\n    ')}`,
    );
  }
}
await browser.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
