#!/usr/bin/env node
/**
 * Browser end-to-end tests of the e-Cabinet SPA against a running server (the backend serves
 * frontend/dist and the authorization server on one origin).
 *
 *   E2E_BASE_URL   the app (default http://127.0.0.1:8000)
 *   DEMO_PASSWORD  the demo users' password (default ecabinet-demo)
 *   E2E_USER       the user to log in as (default staff)
 *   CHROMIUM_PATH  the browser (default /usr/bin/chromium)
 *   E2E_ONLY       run only the scenarios whose name contains this text (none matching: exit 0)
 *   E2E_HEADED=1   show the browser (needs a display)
 *   SCREENSHOT_DIR where screenshots go (default e2e/screenshots/)
 *   E2E_REFRESH=1  also run the silent-refresh scenario (needs ECABINET_ACCESS_TOKEN_TTL=20 or so)
 *
 * Screenshots go to e2e/screenshots/. Prints "N passed, N failed" last; exits 1 on a failure.
 */
import { mkdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BASE = (process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8000').replace(/\/+$/, '');
const PASSWORD = process.env.DEMO_PASSWORD ?? 'ecabinet-demo';
const USER = process.env.E2E_USER ?? 'staff';
const EXPECTED_UNIT = process.env.E2E_EXPECT_UNIT ?? 'Tin học';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ONLY = process.env.E2E_ONLY ?? '';
const FILE = basename(fileURLToPath(import.meta.url));
const SHOTS = process.env.SCREENSHOT_DIR ?? join(dirname(fileURLToPath(import.meta.url)), 'screenshots');
const TIMEOUT = 15_000;

mkdirSync(SHOTS, { recursive: true });

class AssertionError extends Error {}

function assert(condition, message) {
  if (!condition) throw new AssertionError(message);
}

function assertEqual(actual, expected, message) {
  if (actual !== expected)
    throw new AssertionError(`${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
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

/**
 * A fresh browser context (no cookies, no storage) whose pages fail the test on a CSP
 * violation or an uncaught error.
 */
async function newPage(options = {}) {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    ...options,
  });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    const text = msg.text();
    if (/Content Security Policy|Refused to (apply|load|execute|connect)/i.test(text)) problems.push(`CSP: ${text}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  return { context, page, problems };
}

/** The login page of the authorization server, reached through the SPA's own redirect. */
async function expectLoginPage(page) {
  await page.waitForURL((url) => url.pathname === '/auth/authorize', { timeout: TIMEOUT });
  await page.locator('input[name=username]').waitFor({ state: 'visible' });
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

/** Open `path` in the SPA, log in on the server's page, and wait to be back in the app. */
async function login(page, path = '/') {
  await page.goto(`${BASE}${path}`);
  await expectLoginPage(page);
  await submitLogin(page, USER, PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith('/auth/'), { timeout: TIMEOUT });
  await page.locator('[data-testid=header-user-name]').filter({ hasNotText: '…' }).waitFor();
}

/** Wait until the page's main heading reads `title` (rendering may lag the URL a moment). */
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

const scenarios = [];
function scenario(name, fn) {
  scenarios.push({ name, fn });
}

// 1 ──────────────────────────────────────────────────────────────────────────────────────────
scenario('logs in through the server login page and shows name and unit on home', async () => {
  const { context, page, problems } = await newPage();
  try {
    await page.goto(`${BASE}/`);
    await expectLoginPage(page);
    const authorize = new URL(page.url());
    assertEqual(authorize.searchParams.get('client_id'), 'ecabinet-spa', 'client_id');
    assertEqual(authorize.searchParams.get('response_type'), 'code', 'response_type');
    assertEqual(authorize.searchParams.get('code_challenge_method'), 'S256', 'code_challenge_method');
    assertEqual(authorize.searchParams.get('redirect_uri'), `${BASE}/auth/callback`, 'redirect_uri');
    assertEqual(authorize.searchParams.get('ui_locales'), 'vi', 'ui_locales');
    assert((authorize.searchParams.get('code_challenge') ?? '').length === 43, 'a 43-character S256 challenge');

    await submitLogin(page, USER, PASSWORD);
    await page.waitForURL(`${BASE}/`);
    const fullName = (await page.locator('[data-testid=viewer-full-name]').textContent())?.trim() ?? '';
    const unit = (await page.locator('[data-testid=viewer-unit]').textContent())?.trim() ?? '';
    assert(fullName.length > 0, 'the viewer has a full name');
    assert(unit.includes(EXPECTED_UNIT), `the unit "${unit}" contains "${EXPECTED_UNIT}"`);
    assert(
      (await page.locator('[data-testid=welcome]').textContent())?.includes(fullName),
      'the welcome names the viewer',
    );
    assertEqual(
      (await page.locator('[data-testid=header-user-name]').textContent())?.trim(),
      fullName,
      'the header shows the viewer',
    );
    assert((await page.locator('[data-testid=viewer-roles] li').count()) >= 1, 'at least one role is shown');
    assertEqual(await page.getAttribute('html', 'lang'), 'vi', '<html lang>');
    const today = (await page.locator('[data-testid=today]').textContent()) ?? '';
    assert(/ngày \d{2}\/\d{2}\/\d{4}$/.test(today.trim()), `today's date as dd/MM/yyyy ("${today}")`);
    assert((await page.title()).includes('e-Cabinet'), 'the document title');

    // Tokens live in memory only.
    const stored = await page.evaluate(() => {
      const all = {};
      for (const s of [localStorage, sessionStorage])
        for (let i = 0; i < s.length; i++) {
          const key = s.key(i);
          all[key] = s.getItem(key);
        }
      return all;
    });
    const jwtLike = Object.entries(stored).filter(([, v]) => /eyJ[\w-]+\.[\w-]+\.[\w-]+/.test(v ?? ''));
    assertEqual(jwtLike.length, 0, 'no token in localStorage or sessionStorage');
    assert(!Object.keys(stored).some((k) => /token/i.test(k)), 'no storage key mentions a token');

    await page.screenshot({ path: join(SHOTS, 'home-desktop.png'), fullPage: true });
    assertEqual(problems.length, 0, `console problems: ${problems.join(' | ')}`);
  } finally {
    await context.close();
  }
});

// 2 ──────────────────────────────────────────────────────────────────────────────────────────
scenario('switches to English and back; the choice is remembered', async () => {
  const { context, page, problems } = await newPage();
  try {
    await login(page);
    const nav = page.locator('[data-testid=nav-meetings]');
    assertEqual((await nav.textContent())?.trim(), 'Cuộc họp', 'Vietnamese label');
    await page.locator('[data-testid=lang-en]').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    assertEqual((await nav.textContent())?.trim(), 'Meetings', 'English label');
    assertEqual(await page.locator('[data-testid=lang-en]').getAttribute('aria-pressed'), 'true', 'EN pressed');
    assertEqual(await page.evaluate(() => localStorage.getItem('ecabinet.language')), 'en', 'stored language');
    await page.screenshot({ path: join(SHOTS, 'home-desktop-en.png'), fullPage: true });

    // The module page follows the language too.
    await nav.click();
    await page.waitForURL(`${BASE}/meetings`);
    await expectHeading(page, 'Meetings', 'English page title');

    await page.locator('[data-testid=lang-vi]').click();
    await page.waitForFunction(() => document.documentElement.lang === 'vi');
    assertEqual((await nav.textContent())?.trim(), 'Cuộc họp', 'back to Vietnamese');
    await expectHeading(page, 'Cuộc họp', 'Vietnamese page title');
    assertEqual(problems.length, 0, `console problems: ${problems.join(' | ')}`);
  } finally {
    await context.close();
  }
});

// 3 ──────────────────────────────────────────────────────────────────────────────────────────
scenario('a wrong password keeps the login page and shows an error; then logging in works', async () => {
  const { context, page, problems } = await newPage();
  try {
    await page.goto(`${BASE}/tasks`);
    await expectLoginPage(page);
    await submitLogin(page, USER, `${PASSWORD}-wrong`);
    await page.locator('.error, [role=alert]').first().waitFor({ state: 'visible' });
    assertEqual(new URL(page.url()).pathname, '/auth/authorize', 'still on the login page');
    const message = (await page.locator('.error, [role=alert]').first().textContent())?.trim() ?? '';
    assert(message.length > 0, 'the error has a text');
    await page.screenshot({ path: join(SHOTS, 'login-error.png') });

    // The same page logs in with the right password and returns to where the user was going.
    await submitLogin(page, USER, PASSWORD);
    await page.waitForURL(`${BASE}/tasks`);
    await expectHeading(page, 'Nhiệm vụ', 'the tasks page');
    assertEqual(problems.length, 0, `console problems: ${problems.join(' | ')}`);
  } finally {
    await context.close();
  }
});

// 4 ──────────────────────────────────────────────────────────────────────────────────────────
async function checkUsable(page, label) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert(overflow <= 0, `${label}: no horizontal scrolling (overflow ${overflow}px)`);
  const small = await page.evaluate(() => {
    const out = [];
    for (const el of document.querySelectorAll('header a, header button, nav a, main a, main button')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue; // hidden
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || el.closest('[hidden]')) continue;
      if (r.height < 44 || r.width < 44)
        out.push(
          `${el.textContent?.trim() || el.getAttribute('aria-label')} ${Math.round(r.width)}×${Math.round(r.height)}`,
        );
    }
    return out;
  });
  assertEqual(small.length, 0, `${label}: touch targets under 44px: ${small.join(', ')}`);
}

scenario('tablet portrait 800×1280: home usable, navigation through the menu button', async () => {
  const { context, page, problems } = await newPage({ viewport: { width: 800, height: 1280 }, hasTouch: true });
  try {
    await login(page);
    await page.locator('[data-testid=viewer-full-name]').waitFor();
    assert(await page.locator('[data-testid=menu-button]').isVisible(), 'the menu button is shown');
    assert(!(await page.locator('[data-testid=nav-tasks]').isVisible()), 'the nav is folded away');
    await checkUsable(page, 'portrait');
    await page.screenshot({ path: join(SHOTS, 'home-tablet-portrait.png'), fullPage: true });
    await page.locator('[data-testid=menu-button]').tap();
    await page.locator('[data-testid=nav-tasks]').waitFor({ state: 'visible' });
    assertEqual(await page.locator('[data-testid=menu-button]').getAttribute('aria-expanded'), 'true', 'aria-expanded');
    await page.screenshot({ path: join(SHOTS, 'menu-tablet-portrait.png') });
    await page.locator('[data-testid=nav-tasks]').tap();
    await page.waitForURL(`${BASE}/tasks`);
    await expectHeading(page, 'Nhiệm vụ', 'the tasks page');
    assert(!(await page.locator('[data-testid=nav-tasks]').isVisible()), 'the menu closes after navigating');
    assertEqual(problems.length, 0, `console problems: ${problems.join(' | ')}`);
  } finally {
    await context.close();
  }
});

scenario('tablet landscape 1280×800: the same home page with the navigation bar', async () => {
  const { context, page, problems } = await newPage({ viewport: { width: 1280, height: 800 }, hasTouch: true });
  try {
    await login(page);
    await page.locator('[data-testid=viewer-full-name]').waitFor();
    assert(!(await page.locator('[data-testid=menu-button]').isVisible()), 'no menu button on a wide screen');
    for (const key of ['meetings', 'tasks', 'documents', 'hr', 'treaties', 'assets'])
      assert(await page.locator(`[data-testid=nav-${key}]`).isVisible(), `nav ${key} visible`);
    await checkUsable(page, 'landscape');
    await page.screenshot({ path: join(SHOTS, 'home-tablet-landscape.png'), fullPage: true });
    await page.locator('[data-testid=nav-assets]').tap();
    await page.waitForURL(`${BASE}/assets`);
    await expectHeading(page, 'Tài sản', 'the assets page');
    assertEqual(problems.length, 0, `console problems: ${problems.join(' | ')}`);
  } finally {
    await context.close();
  }
});

// 5 ──────────────────────────────────────────────────────────────────────────────────────────
scenario('keyboard: skip link first, focus moves to the content, every module route exists', async () => {
  const { context, page, problems } = await newPage();
  try {
    await login(page);
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement?.className ?? '');
    assert(first.includes('skip-link'), `the first Tab reaches the skip link (got "${first}")`);
    assert(await page.locator('.skip-link').isVisible(), 'the skip link shows when focused');
    await page.keyboard.press('Enter');
    assertEqual(await page.evaluate(() => document.activeElement?.id), 'main', 'focus moved to main');
    for (const [path, title] of [
      ['/meetings', 'Cuộc họp'],
      ['/tasks', 'Nhiệm vụ'],
      ['/documents', 'Văn bản'],
      ['/hr', 'Nhân sự'],
      ['/treaties', 'Điều ước'],
      ['/assets', 'Tài sản'],
    ]) {
      await page.locator(`nav a[href="${path}"]`).focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(`${BASE}${path}`);
      await expectHeading(page, title, `${path} title`);
      assertEqual(
        await page.locator(`nav a[href="${path}"]`).getAttribute('aria-current'),
        'page',
        `${path} marked current`,
      );
    }
    await page.goto(`${BASE}/no-such-page`);
    await expectLoginPage(page); // a reload (here: a typed URL) starts a new login: tokens live in memory
    await submitLogin(page, USER, PASSWORD);
    await page.waitForURL(`${BASE}/no-such-page`);
    await expectHeading(page, 'Không tìm thấy trang', 'the 404 page');
    assertEqual(problems.length, 0, `console problems: ${problems.join(' | ')}`);
  } finally {
    await context.close();
  }
});

// 6 ──────────────────────────────────────────────────────────────────────────────────────────
scenario('logout ends the session and shows the logged-out page with a login button', async () => {
  const { context, page, problems } = await newPage();
  try {
    await login(page);
    let logoutBody = null;
    page.on('request', (req) => {
      if (req.url() === `${BASE}/auth/logout` && req.method() === 'POST') logoutBody = req.postData();
    });
    await page.locator('[data-testid=user-menu-button]').click();
    await page.locator('[data-testid=logout-button]').click();
    await page.waitForURL(`${BASE}/logged-out`);
    await page.locator('[data-testid=login-button]').waitFor();
    const fields = new URLSearchParams(logoutBody ?? '');
    assertEqual(fields.get('client_id'), 'ecabinet-spa', 'logout sends client_id');
    assert((fields.get('refresh_token') ?? '').length > 0, 'logout sends the refresh token');
    await page.screenshot({ path: join(SHOTS, 'logged-out.png') });
    await page.locator('[data-testid=login-button]').click();
    await expectLoginPage(page);
    assertEqual(problems.length, 0, `console problems: ${problems.join(' | ')}`);
  } finally {
    await context.close();
  }
});

// 7 ──────────────────────────────────────────────────────────────────────────────────────────
scenario('network down shows "reconnecting…" and it goes away when the server is back', async () => {
  const { context, page, problems } = await newPage();
  try {
    await login(page, '/meetings');
    const down = (route) => route.abort('connectionrefused');
    await page.route('**/graphql', down);
    await page.route('**/healthz', down);
    await page.locator('nav a[href="/"]').click(); // the home page fetches the viewer again
    await page.locator('[data-testid=reconnecting-banner]').waitFor({ state: 'visible' });
    await page.screenshot({ path: join(SHOTS, 'reconnecting.png') });
    await page.unroute('**/graphql', down);
    await page.unroute('**/healthz', down);
    await page.locator('[data-testid=reconnecting-banner]').waitFor({ state: 'detached', timeout: 40_000 });
    await page.locator('[data-testid=viewer-full-name]').waitFor({ state: 'visible', timeout: 20_000 });
    // Network failures while offline are expected console noise; CSP and page errors are not.
    const real = problems.filter((p) => !p.includes('ERR_CONNECTION_REFUSED'));
    assertEqual(real.length, 0, `console problems: ${real.join(' | ')}`);
  } finally {
    await context.close();
  }
});

// 8 ──────────────────────────────────────────────────────────────────────────────────────────
scenario('FORBIDDEN shows "you do not have access"; UNAUTHENTICATED goes back to login', async () => {
  const { context, page, problems } = await newPage();
  try {
    await login(page, '/meetings');
    const forbidden = (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({
          data: null,
          errors: [{ message: 'Forbidden', path: ['viewer'], extensions: { code: 'FORBIDDEN' } }],
        }),
      });
    await page.route('**/graphql', forbidden);
    await page.locator('nav a[href="/"]').click();
    await page.getByText('Bạn không có quyền truy cập nội dung này.').waitFor();
    await page.screenshot({ path: join(SHOTS, 'forbidden.png') });
    await page.unroute('**/graphql', forbidden);

    const unauthenticated = (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({
          data: { viewer: null },
          errors: [{ message: 'Unauthenticated', extensions: { code: 'UNAUTHENTICATED' } }],
        }),
      });
    await page.route('**/graphql', unauthenticated);
    // A placeholder module (no query of its own), then home, whose viewer query is refused.
    await page.locator('nav a[href="/documents"]').click();
    await page.locator('nav a[href="/"]').click();
    await expectLoginPage(page);
    await page.unroute('**/graphql', unauthenticated);
    await submitLogin(page, USER, PASSWORD);
    await page.waitForURL(`${BASE}/`);
    await page.locator('[data-testid=viewer-full-name]').waitFor();
    assertEqual(problems.length, 0, `console problems: ${problems.join(' | ')}`);
  } finally {
    await context.close();
  }
});

// 8b ─────────────────────────────────────────────────────────────────────────────────────────
scenario('home subscribes over graphql-ws with the bearer token and gets the live record', async () => {
  const { context, page, problems } = await newPage();
  try {
    const frames = { sent: [], received: [], url: null, closed: null };
    page.on('websocket', (ws) => {
      if (!ws.url().endsWith('/graphql')) return;
      frames.url = ws.url();
      ws.on('framesent', (f) => frames.sent.push(JSON.parse(String(f.payload))));
      ws.on('framereceived', (f) => frames.received.push(JSON.parse(String(f.payload))));
      ws.on('close', () => (frames.closed = true));
    });
    await login(page);
    const fullName = (await page.locator('[data-testid=viewer-full-name]').textContent())?.trim();
    const deadline = Date.now() + 10_000;
    while (!frames.received.some((m) => m.type === 'next') && Date.now() < deadline) await page.waitForTimeout(200);
    assertEqual(frames.url, `${BASE.replace(/^http/, 'ws')}/graphql`, 'the WebSocket URL');
    const init = frames.sent.find((m) => m.type === 'connection_init');
    assert(/^Bearer .+/.test(init?.payload?.Authorization ?? ''), 'connection_init carries Authorization: Bearer …');
    assert(
      frames.received.some((m) => m.type === 'connection_ack'),
      `connection_ack received (got ${JSON.stringify(frames.received).slice(0, 300)})`,
    );
    const next = frames.received.find((m) => m.type === 'next');
    assert(next, `a "next" message arrives (got ${JSON.stringify(frames.received).slice(0, 300)})`);
    assertEqual(next.payload?.data?.userUpdated?.fullName, fullName, 'the live record is the viewer');
    // Leaving home ends the subscription ("complete" is sent).
    await page.locator('nav a[href="/tasks"]').click();
    await page.waitForTimeout(300);
    assert(
      frames.sent.some((m) => m.type === 'complete'),
      'the subscription is completed when the page goes away',
    );
    assertEqual(problems.length, 0, `console problems: ${problems.join(' | ')}`);
  } finally {
    await context.close();
  }
});

// 10 ─────────────────────────────────────────────────────────────────────────────────────────
// Meetings: the secretariat prepares and runs a meeting, two members vote on tablets in the
// meeting room, and every screen follows live (meetingEvents + voteUpdated) without a reload.

async function loginAs(page, username, path) {
  await page.goto(`${BASE}${path}`);
  await expectLoginPage(page);
  await submitLogin(page, username, PASSWORD);
  await page.waitForURL((url) => !url.pathname.startsWith('/auth/'), { timeout: TIMEOUT });
}

/** A value that only survives as long as the page is not reloaded or navigated away from. */
async function markPage(page, name) {
  await page.evaluate((n) => {
    window.__e2eMarker = n;
  }, name);
}

async function expectMarker(page, name, label) {
  assertEqual(await page.evaluate(() => window.__e2eMarker ?? null), name, `${label}: the page was not reloaded`);
}

/** Every visible button and link of the page is at least `min` px tall and wide. */
async function touchTargetsAtLeast(page, min, label) {
  const small = await page.evaluate((m) => {
    const out = [];
    for (const el of document.querySelectorAll('a, button, summary, input[type=checkbox]')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (getComputedStyle(el).visibility === 'hidden' || el.closest('[hidden]')) continue;
      if (el.classList.contains('skip-link')) continue;
      if (r.height < m || r.width < m)
        out.push(
          `${(el.textContent ?? '').trim().slice(0, 30) || el.getAttribute('aria-label')} ${Math.round(r.width)}×${Math.round(r.height)}`,
        );
    }
    return out;
  }, min);
  assertEqual(small.length, 0, `${label}: touch targets under ${min}px: ${small.join(', ')}`);
}

async function castInRoom(page, option, label) {
  await page.locator(`[data-testid=ballot-option][data-option="${option}"]`).tap();
  await page.locator('[data-testid=ballot-confirm]').waitFor({ state: 'visible' });
  assertEqual(
    (await page.locator('[data-testid=ballot-chosen]').textContent())?.trim(),
    option,
    `${label}: the confirmation names the choice`,
  );
  await page.locator('[data-testid=ballot-confirm]').tap();
  await page.locator('[data-testid=ballot-done]').waitFor({ state: 'visible' });
}

scenario('meetings: secretary runs a vote; two members vote on tablets; results show live without reload', async () => {
  const sec = await newPage();
  const landscape = await newPage({ viewport: { width: 1280, height: 800 }, hasTouch: true });
  const portrait = await newPage({ viewport: { width: 800, height: 1280 }, hasTouch: true });
  const projector = await newPage({ viewport: { width: 1920, height: 1080 } });
  const all = [sec, landscape, portrait, projector];
  sec.page.on('dialog', (d) => void d.accept());
  // The portrait tablet's WebSocket goes through a proxy that can drop it and refuse
  // reconnections for a while, as a flaky Wi-Fi would.
  let wsBlocked = false;
  const sockets = new Set();
  await portrait.page.routeWebSocket(/\/graphql$/, (ws) => {
    if (wsBlocked) {
      void ws.close({ code: 1012, reason: 'e2e: network down' });
      return;
    }
    const server = ws.connectToServer();
    const pair = { ws, server };
    sockets.add(pair);
    ws.onClose(() => {
      sockets.delete(pair);
      void server.close().catch(() => {});
    });
  });
  try {
    // The secretary creates the meeting through the form: chair, two members.
    await loginAs(sec.page, 'secretary', '/meetings');
    await sec.page.locator('[data-testid=new-meeting]').click();
    await sec.page.waitForURL(`${BASE}/meetings/new`);
    const title = `Phiên họp thử nghiệm biểu quyết ${Date.now()}`;
    await sec.page.locator('input[name=title]').fill(title);
    await sec.page.locator('input[name=location]').fill('Phòng họp số 1');
    await sec.page.locator('select[name=kind]').selectOption('STEERING_COMMITTEE');
    for (const username of ['chair', 'member1', 'member2']) {
      await sec.page.locator('[data-testid=user-search]').fill(username);
      await sec.page.locator(`[data-testid=user-result][data-username=${username}]`).click();
    }
    await sec.page.locator('[data-testid=picked-role]').first().selectOption('CHAIR');
    assertEqual(await sec.page.locator('[data-testid=picked-user]').count(), 3, 'three participants picked');
    await sec.page.locator('[data-testid=meeting-submit]').click();
    await sec.page.waitForURL((url) => /^\/meetings\/[^/]+$/.test(url.pathname) && !url.pathname.endsWith('/new'));
    const meetingPath = new URL(sec.page.url()).pathname;
    await sec.page.locator('[data-testid=meeting-title]').filter({ hasText: title }).waitFor();
    await sec.page.locator('[data-testid=participant]').nth(2).waitFor();
    await markPage(sec.page, 'secretary');

    // … and runs it: schedule, start (client-side navigation only from here on).
    await sec.page.locator('[data-testid=run-link]').click();
    await sec.page.waitForURL(`${BASE}${meetingPath}/run`);
    await sec.page.locator('[data-testid=set-status-SCHEDULED]').click();
    await sec.page.locator('[data-testid=set-status-IN_PROGRESS]').click();
    await sec.page.locator('[data-testid=meeting-status]').filter({ hasText: 'Đang họp' }).waitFor();

    // Two members open the meeting room on tablets (landscape and portrait).
    await loginAs(landscape.page, 'member1', `${meetingPath}/room`);
    await loginAs(portrait.page, 'member2', `${meetingPath}/room`);
    for (const [m, name] of [
      [landscape, 'member1'],
      [portrait, 'member2'],
    ]) {
      await m.page.locator('[data-testid=room-no-vote]').waitFor();
      await markPage(m.page, name);
    }
    // Checking in from the tablet shows on the secretary's screen at once.
    await landscape.page.locator('[data-testid=room-check-in]').tap();
    await sec.page
      .locator('[data-testid=run-attendance]')
      .filter({ hasText: /^Có mặt 1\/3 / })
      .waitFor({ timeout: 5000 });

    // The projector follows the meeting too (its own session).
    await loginAs(projector.page, 'chair', `${meetingPath}/screen`);
    await projector.page.locator('[data-testid=projector]').waitFor();
    await markPage(projector.page, 'projector');

    // The secretary creates and opens a vote; the tablets show it by themselves.
    await sec.page.locator('[data-testid=vote-title-input]').fill('Thông qua Kế hoạch bảo đảm an toàn thông tin');
    await sec.page.locator('[data-testid=vote-create]').click();
    await sec.page.locator('[data-testid=open-vote]').click();
    const opened = Date.now();
    await Promise.all(
      [landscape, portrait].map((m) =>
        m.page.locator('[data-testid=ballot-option]').first().waitFor({ timeout: 5000 }),
      ),
    );
    const shownAfter = Date.now() - opened;
    assert(shownAfter < 2000, `the open vote reached the tablets within 2 s (took ${shownAfter} ms)`);
    await sec.page
      .locator('[data-testid=vote-cast]')
      .filter({ hasText: /^0\/3$/ })
      .waitFor();
    await touchTargetsAtLeast(landscape.page, 56, 'meeting room, landscape');
    await touchTargetsAtLeast(portrait.page, 56, 'meeting room, portrait');

    // One tap on an option, then the confirmation; the secretary's count follows live.
    await castInRoom(landscape.page, 'Tán thành', 'member1');
    await sec.page
      .locator('[data-testid=vote-cast]')
      .filter({ hasText: /^1\/3$/ })
      .waitFor({ timeout: 5000 });
    await landscape.page
      .locator('[data-testid=vote-cast]')
      .filter({ hasText: /^1\/3$/ })
      .waitFor({ timeout: 5000 });
    await portrait.page
      .locator('[data-testid=vote-cast]')
      .filter({ hasText: /^1\/3$/ })
      .waitFor({ timeout: 5000 });
    await landscape.page.screenshot({ path: join(SHOTS, 'meeting-room-tablet-landscape.png') });
    await castInRoom(portrait.page, 'Tán thành', 'member2');
    await sec.page
      .locator('[data-testid=vote-cast]')
      .filter({ hasText: /^2\/3$/ })
      .waitFor({ timeout: 5000 });
    await projector.page
      .locator('[data-testid=vote-cast]')
      .filter({ hasText: /^2\/3$/ })
      .waitFor({ timeout: 5000 });
    await portrait.page.screenshot({ path: join(SHOTS, 'meeting-room-tablet-portrait.png') });
    assertEqual(
      await sec.page.locator('[data-testid=vote-results-hidden]').count(),
      1,
      'results stay hidden while open',
    );
    await sec.page.evaluate(() => window.scrollTo(0, 0));
    await sec.page.screenshot({ path: join(SHOTS, 'meeting-run-secretary.png'), fullPage: true });

    // Closing shows the result everywhere, in words and as bars.
    await sec.page.locator('[data-testid=close-vote]').click();
    for (const [m, label] of [
      [sec, 'secretary'],
      [landscape, 'member1'],
      [portrait, 'member2'],
      [projector, 'projector'],
    ]) {
      await m.page.locator('[data-testid=vote-outcome][data-outcome=ADOPTED]').first().waitFor({ timeout: 5000 });
      const counts = await m.page.locator('[data-testid=vote-bar-count]').allTextContents();
      assert(
        counts.length === 3 && counts[0].startsWith('2'),
        `${label}: the bars show 2 for "Tán thành" (got ${counts.join(' | ')})`,
      );
    }
    await sec.page.evaluate(() => window.scrollTo(0, 0));
    await sec.page.screenshot({ path: join(SHOTS, 'meeting-run-secretary-result.png'), fullPage: true });
    await projector.page.screenshot({ path: join(SHOTS, 'meeting-projector.png') });
    await portrait.page.screenshot({ path: join(SHOTS, 'meeting-room-tablet-portrait-result.png') });

    // The closed (named) vote's record on the secretary's screen: who chose what, and the
    // results as CSV through the signed link it shows.
    const record = sec.page.locator('[data-testid=vote-record]').first();
    await record.locator('[data-testid=named-ballots] summary').click();
    const named = await record.locator('[data-testid=named-ballot]').allTextContents();
    assertEqual(named.length, 2, `two named ballots (got ${named.join(' | ')})`);
    assert(
      named.every((row) => row.includes('Tán thành')),
      `the named ballots show the choices (got ${named.join(' | ')})`,
    );
    const csvHref = await record.locator('[data-testid=vote-export-csv]').getAttribute('href');
    const csv = await sec.page.evaluate(async (u) => (await fetch(u)).text(), csvHref);
    assert(
      csv.includes('Tán thành') && csv.includes('ADOPTED'),
      `the CSV export has the results: ${csv.slice(0, 200)}`,
    );
    assert(
      (await record.locator('[data-testid=vote-export-sheet]').getAttribute('href'))?.includes('.html?'),
      'a printable sheet is linked',
    );

    // The portrait tablet loses its connection while a second vote opens; it comes back by
    // itself (graphql-ws reconnects, the meeting is re-queried, the vote re-subscribed).
    wsBlocked = true;
    for (const { ws } of [...sockets]) await ws.close({ code: 1012, reason: 'e2e: network down' });
    await sec.page.locator('[data-testid=vote-title-input]').fill('Thông qua dự thảo Thông báo kết luận');
    await sec.page.locator('[data-testid=vote-create]').click();
    await sec.page.locator('[data-testid=open-vote]').click();
    await landscape.page.locator('[data-testid=ballot-option]').first().waitFor({ timeout: 5000 });
    await portrait.page.waitForTimeout(1000);
    assertEqual(
      await portrait.page.locator('[data-testid=ballot-option]').count(),
      0,
      'the disconnected tablet cannot know yet',
    );
    wsBlocked = false;
    const back = Date.now();
    await portrait.page.locator('[data-testid=ballot-option]').first().waitFor({ timeout: 15_000 });
    const recoveredAfter = Date.now() - back;
    await castInRoom(portrait.page, 'Không tán thành', 'member2 after the reconnect');
    await sec.page
      .locator('[data-testid=vote-cast]')
      .first()
      .filter({ hasText: /^1\/3$/ })
      .waitFor({ timeout: 5000 });
    await castInRoom(landscape.page, 'Tán thành', 'member1, second vote');
    await portrait.page
      .locator('[data-testid=vote-cast]')
      .first()
      .filter({ hasText: /^2\/3$/ })
      .waitFor({ timeout: 5000 });
    console.log(
      `    new vote on the tablets after ${shownAfter} ms; recovered ${recoveredAfter} ms after the network came back`,
    );

    // Nothing was reloaded, and no page broke the CSP or threw.
    await expectMarker(sec.page, 'secretary', 'secretary');
    await expectMarker(landscape.page, 'member1', 'member1');
    await expectMarker(portrait.page, 'member2', 'member2');
    await expectMarker(projector.page, 'projector', 'projector');
    for (const [i, m] of all.entries())
      assertEqual(m.problems.length, 0, `console problems (page ${i}): ${m.problems.join(' | ')}`);
  } catch (err) {
    // What each screen showed when it failed, and what the pages complained about.
    for (const [i, m] of all.entries()) {
      await m.page.screenshot({ path: join(SHOTS, `meetings-failure-${i}.png`), fullPage: true }).catch(() => {});
      if (m.problems.length > 0) console.log(`    page ${i}: ${m.problems.join(' | ')}`);
    }
    throw err;
  } finally {
    for (const m of all) await m.context.close();
  }
});

// 8c ─────────────────────────────────────────────────────────────────────────────────────────
scenario('meetings list: the past tab filtered by kind and status, kept in the URL', async () => {
  const { context, page, problems } = await newPage();
  const DEMO_MEETING = 'Họp Ban Chỉ đạo xây dựng Chính phủ điện tử của Văn phòng Chính phủ';
  try {
    await loginAs(page, 'secretary', '/meetings?tab=past');
    const card = page.locator('[data-testid=meeting-list] li').filter({ hasText: DEMO_MEETING });
    await card.first().waitFor();
    // Another kind: the 2019 steering committee meeting goes away, the list says why.
    await page.locator('[data-testid=filter-kind]').selectOption('EXTRAORDINARY');
    await page.waitForURL((url) => url.searchParams.get('kind') === 'EXTRAORDINARY');
    await card.first().waitFor({ state: 'detached' });
    await page.locator('[data-testid=filter-kind]').selectOption('STEERING_COMMITTEE');
    await page.locator('[data-testid=filter-status]').selectOption('CLOSED');
    await card.first().waitFor();
    await page.locator('[data-testid=filter-status]').selectOption('CANCELLED');
    await card.first().waitFor({ state: 'detached' });
    await page.screenshot({ path: join(SHOTS, 'meetings-list-filtered.png'), fullPage: true });
    // The filter lives in the URL (back button, sharing); "clear" brings the list back.
    const url = new URL(page.url());
    assertEqual(
      `${url.searchParams.get('tab')} ${url.searchParams.get('kind')} ${url.searchParams.get('status')}`,
      'past STEERING_COMMITTEE CANCELLED',
      'the filter is in the URL',
    );
    await page.locator('[data-testid=filter-clear]').click();
    await card.first().waitFor();
    assertEqual(new URL(page.url()).searchParams.get('kind'), null, 'filters cleared from the URL');
    assertEqual(problems.length, 0, `console problems: ${problems.join(' | ')}`);
  } finally {
    await context.close();
  }
});

// 8d ─────────────────────────────────────────────────────────────────────────────────────────
scenario(
  'meetings agenda: the secretariat adds an item presented by a person and a unit, and invites a unit',
  async () => {
    const { context, page, problems } = await newPage();
    try {
      await loginAs(page, 'secretary', '/meetings');
      await page.locator('[data-testid=meeting-card] h2 a').first().click();
      const form = page.locator('[data-testid=add-agenda-item]');
      await form.waitFor();
      const title = `Báo cáo an toàn thông tin ${Date.now() % 100000}`;
      await form.locator('input[name=itemTitle]').fill(title);
      const person = form.locator('select[name=presenterId]');
      const personName = (await person.locator('option').nth(1).textContent())?.trim() ?? '';
      await person.selectOption({ index: 1 });
      const unit = form.locator('select[name=presenterUnitId]');
      const unitName = (await unit.locator('option').nth(1).textContent())?.trim() ?? '';
      await unit.selectOption({ index: 1 });
      await form.locator('input[name=plannedMinutes]').fill('25');
      await page.locator('[data-testid=add-item-submit]').click();
      const item = page.locator('[data-testid=agenda-item]').filter({ hasText: title });
      await item.waitFor();
      const shown = (await item.textContent()) ?? '';
      assert(shown.includes(personName) && shown.includes(unitName), `presenter shown: ${shown}`);
      assert(shown.includes('25'), `planned minutes shown: ${shown}`);

      // Inviting a unit as a whole: the meeting's header names it.
      await page.locator('[data-testid=edit-link]').click();
      const units = page.locator('[data-testid=invited-units] label');
      const invited = (await units.last().textContent())?.trim() ?? '';
      await units.last().locator('input').check();
      await page.locator('[data-testid=meeting-submit]').click();
      await page.waitForURL((url) => !url.pathname.endsWith('/edit'));
      await page.locator('dd').filter({ hasText: invited }).first().waitFor();
      assertEqual(problems.length, 0, `console problems: ${problems.join(' | ')}`);
    } finally {
      await context.close();
    }
  },
);

// 8e ─────────────────────────────────────────────────────────────────────────────────────────
scenario("meetings: the meeting's chair (no secretariat role) runs it: edit and run screens", async () => {
  const { context, page, problems } = await newPage();
  const DEMO_UPCOMING = 'Phiên họp Ban Chỉ đạo: sơ kết vận hành e-Cabinet';
  try {
    await loginAs(page, 'chair', '/meetings');
    await page.locator('[data-testid=meeting-card] h2 a').filter({ hasText: DEMO_UPCOMING }).first().click();
    await page.locator('[data-testid=edit-link]').waitFor();
    await page.locator('[data-testid=run-link]').click();
    await page.waitForURL((url) => url.pathname.endsWith('/run'));
    // the status actions of the run screen are there for the chair too
    await page.locator('[data-testid^=set-status-]').first().waitFor();
    assertEqual(problems.length, 0, `console problems: ${problems.join(' | ')}`);
  } finally {
    await context.close();
  }
});

// 8f ─────────────────────────────────────────────────────────────────────────────────────────
scenario("meetings: a participant's changed role keeps their answer to the invitation", async () => {
  const DEMO_UPCOMING = 'Phiên họp Ban Chỉ đạo: sơ kết vận hành e-Cabinet';
  const MEMBER6 = 'Vũ Thị Giang';
  const member = await newPage();
  const secretary = await newPage();
  try {
    await loginAs(member.page, 'member6', '/meetings');
    await member.page.locator('[data-testid=meeting-card] h2 a').filter({ hasText: DEMO_UPCOMING }).first().click();
    await member.page.locator('[data-testid=respond-confirm]').click();
    await member.page.locator('[data-testid=respond-confirm]').waitFor({ state: 'detached' });

    const page = secretary.page;
    await loginAs(page, 'secretary', '/meetings');
    await page.locator('[data-testid=meeting-card] h2 a').filter({ hasText: DEMO_UPCOMING }).first().click();
    await page.locator('[data-testid=edit-link]').click();
    const row = page.locator('[data-testid=picked-user]').filter({ hasText: MEMBER6 });
    await row.locator('[data-testid=picked-role]').selectOption('GUEST');
    await page.locator('[data-testid=meeting-submit]').click();
    await page.waitForURL((url) => !url.pathname.endsWith('/edit'));
    const shown = page.locator('[data-testid=participant]').filter({ hasText: MEMBER6 });
    await shown.locator('.participant__role--guest').waitFor();
    assertEqual(await shown.locator('select').inputValue(), 'CONFIRMED', 'the answer survives the role change');
    assertEqual(secretary.problems.length, 0, `console problems: ${secretary.problems.join(' | ')}`);
  } finally {
    await member.context.close();
    await secretary.context.close();
  }
});

// 9 ──────────────────────────────────────────────────────────────────────────────────────────
// Needs a server with short-lived access tokens, e.g. ECABINET_ACCESS_TOKEN_TTL=20, and
// E2E_REFRESH=1; skipped otherwise (at the default 15 minutes it would take 12 minutes).
if (process.env.E2E_REFRESH === '1')
  scenario('silent refresh rotates the refresh token and keeps the session', async () => {
    const { context, page, problems } = await newPage();
    try {
      const refreshes = [];
      page.on('request', (req) => {
        if (req.url() === `${BASE}/auth/token` && req.method() === 'POST') {
          const fields = new URLSearchParams(req.postData() ?? '');
          if (fields.get('grant_type') === 'refresh_token')
            refreshes.push({ sent: fields.get('refresh_token'), response: req.response() });
        }
      });
      await login(page);
      const deadline = Date.now() + 90_000;
      while (refreshes.length < 2 && Date.now() < deadline) await page.waitForTimeout(500);
      assert(refreshes.length >= 2, `two silent refreshes within 90 s (saw ${refreshes.length})`);
      const first = await (await refreshes[0].response)?.json();
      assert(first?.refresh_token, 'the refresh response carries a new refresh token');
      assert(first.refresh_token !== refreshes[0].sent, 'the refresh token rotated');
      assertEqual(refreshes[1].sent, first.refresh_token, 'the next refresh uses the rotated token');
      // The session still works: the home page loads the viewer with the new access token.
      await page.locator('nav a[href="/tasks"]').click();
      await page.locator('nav a[href="/"]').click();
      await page.locator('[data-testid=viewer-full-name]').waitFor();
      // And the server refuses the old, rotated refresh token.
      const status = await page.evaluate(async (old) => {
        const r = await fetch('/auth/token', {
          method: 'POST',
          body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: old, client_id: 'ecabinet-spa' }),
        });
        return r.status;
      }, refreshes[0].sent);
      assert(status >= 400 && status < 500, `a rotated refresh token is refused (got ${status})`);
      assertEqual(problems.length, 0, `console problems: ${problems.join(' | ')}`);
    } finally {
      await context.close();
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
