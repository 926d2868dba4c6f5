// The browser client's figures for docs/benchmarks.md, measured in Debian's headless chromium (WebGL on
// SwiftShader) against a running server:
//   - page weight: what a first visit to a space downloads, by kind (JS, CSS, HTML, models, images,
//     API), as transferred (gzip where the server compresses) and uncompressed;
//   - time to the first rendered frame of a space, from navigation start, cold cache, median of --runs;
//   - frame time alone in the space, then with a crowd in view: --bots bots of `bin/pujiang-bench crowd`
//     walk around the spawn point while the page renders; frameStats() of the space view is sampled
//     for --sample seconds each time.
//
//   node scripts/web-bench.mjs --url http://127.0.0.1:8080 [--space ID] [--runs 3] [--bots 200]
//        [--sample 10] [--json]
// The server should run with space.interest-k >= --bots, or the page sees at most K = 64 of them.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist'];

function args(argv) {
  const out = { url: 'http://127.0.0.1:8080', space: '', runs: 3, bots: 200, sample: 10, json: false };
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--url') out.url = next().replace(/\/$/, '');
    else if (a === '--space') out.space = next();
    else if (a === '--runs') out.runs = Number(next());
    else if (a === '--bots') out.bots = Number(next());
    else if (a === '--sample') out.sample = Number(next());
    else if (a === '--json') out.json = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return out;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function api(base, path, token, body) {
  const res = await fetch(base + path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

function kindOf(url, contentType) {
  const path = new URL(url).pathname;
  if (path.startsWith('/api/')) return 'api';
  if (/\.js$/.test(path)) return 'js';
  if (/\.css$/.test(path)) return 'css';
  if (/\.(glb|gltf)$/.test(path)) return 'models';
  if (/\.(png|jpe?g|webp|svg|ico)$/.test(path)) return 'images';
  if ((contentType ?? '').includes('text/html')) return 'html';
  return 'other';
}

/** A fresh context signed in as a guest (token in localStorage before any script runs). */
async function guestContext(browser, base, name) {
  const session = await api(base, '/api/auth/guest', null, { displayName: name });
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  await ctx.addInitScript(([s]) => {
    // the app's session key (src/app/session.ts)
    localStorage.setItem('pujiang.session', s);
  }, [JSON.stringify({ token: session.token, user: session.user })]);
  return ctx;
}

async function firstFrame(browser, base, space, weigh) {
  const ctx = await guestContext(browser, base, 'bench');
  const page = await ctx.newPage();
  const responses = [];
  if (weigh) {
    page.on('requestfinished', async (req) => {
      const res = await req.response();
      if (res === null) return;
      const sizes = await req.sizes();
      const body = await res.body().catch(() => Buffer.alloc(0));
      responses.push({ url: req.url(), kind: kindOf(req.url(), res.headers()['content-type']),
        transferred: sizes.responseBodySize, raw: body.length });
    });
  }
  await page.goto(`${base}/s/${space}`);
  await page.waitForFunction(() => performance.getEntriesByName('pujiang:first-frame').length > 0, null,
    { timeout: 120_000, polling: 50 });
  const ms = await page.evaluate(() => performance.getEntriesByName('pujiang:first-frame')[0].startTime);
  await page.waitForLoadState('networkidle').catch(() => {});
  await ctx.close();
  return { ms, responses };
}

async function main() {
  const o = args(process.argv);
  const base = o.url;
  const guest = await api(base, '/api/auth/guest', null, {});
  if (o.space === '') {
    const page = await api(base, '/api/spaces?size=100', guest.token);
    const hall = page.items.find((s) => s.template === 'exhibition');
    if (!hall) throw new Error('no exhibition space: pass --space');
    o.space = hall.id;
  }
  const browser = await chromium.launch({ executablePath: process.env.PUJIANG_CHROMIUM ?? '/usr/bin/chromium',
    headless: true, args: FLAGS });
  const result = { space: o.space, runs: o.runs };
  try {
    // page weight and first frame
    const times = [];
    let weight = null;
    for (let r = 0; r < o.runs; r++) {
      console.error(`web-bench: first frame, run ${r + 1} of ${o.runs}`);
      const { ms, responses } = await firstFrame(browser, base, o.space, r === 0);
      times.push(ms);
      if (r === 0) {
        weight = {};
        for (const x of responses) {
          const w = (weight[x.kind] ??= { files: 0, transferred: 0, raw: 0 });
          w.files++;
          w.transferred += x.transferred;
          w.raw += x.raw;
        }
      }
    }
    result.pageWeight = weight;
    result.firstFrameMs = times.map((t) => Math.round(t));
    result.firstFrameMedianMs = Math.round(median(times));

    // a crowd in view: the same page first alone in the space (the scene's own cost), then with the bots
    if (o.bots > 0) {
      const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
      const wsUrl = base.replace(/^http/, 'ws') + '/ws';
      const ctx = await guestContext(browser, base, 'viewer');
      const page = await ctx.newPage();
      await page.goto(`${base}/s/${o.space}`);
      console.error('web-bench: waiting for the viewer to be online');
      await page.waitForFunction(() => window.pujiangTest?.state().connection === 'online', null,
        { timeout: 120_000, polling: 250 });
      const sampleFor = async (seconds) => {
        const samples = [];
        const inView = [];
        for (let s = 0; s < seconds; s++) {
          await page.waitForTimeout(1000);
          samples.push(await page.evaluate(() => window.pujiangTest.frameStats()));
          inView.push(await page.evaluate(() => window.pujiangTest.entities().length));
        }
        return {
          inViewMedian: median(inView),
          fpsMedian: median(samples.map((x) => x.fps)),
          frameMsP50Median: median(samples.map((x) => x.frameMsP50)),
          frameMsP95Median: median(samples.map((x) => x.frameMsP95)),
          drawCallsMedian: median(samples.map((x) => x.drawCalls)),
          avatarsDrawnMedian: median(samples.map((x) => x.avatarsDrawn)),
        };
      };
      await page.waitForTimeout(2000);
      console.error('web-bench: sampling the page alone');
      result.alone = await sampleFor(o.sample);
      console.error('web-bench: starting the bots');
      // long enough to join, be seen and sampled; the bots then send Leave and exit by themselves, so
      // that the next run does not meet 30 s of resumable avatars (which a kill would leave behind)
      const duration = o.sample + 20;
      const bots = spawn(join(root, 'bin', 'pujiang-bench'), ['crowd', '--url', wsUrl, '--space', o.space,
        '--bots', String(o.bots), '--rate', '20', '--duration', String(duration), '--area', '12', '--json'],
      { stdio: ['ignore', 'pipe', 'pipe'] });
      const exited = new Promise((r) => bots.on('exit', r));
      let botsOut = '';
      bots.stdout.on('data', (d) => { botsOut += d; });
      bots.stderr.on('data', (d) => { botsOut += d; });
      try {
        await page.waitForFunction((n) => window.pujiangTest?.entities().length >= n, Math.min(o.bots, 64),
          { timeout: 120_000, polling: 250 });
        await page.waitForTimeout(2000);
        console.error('web-bench: sampling the page with the crowd');
        result.crowd = { bots: o.bots, ...(await sampleFor(o.sample)) };
        await ctx.close();
      } finally {
        const killTimer = setTimeout(() => bots.kill('SIGTERM'), (duration + 90) * 1000);
        await exited;
        clearTimeout(killTimer);
      }
      if (!result.crowd) result.crowdOutput = botsOut.slice(-2000);
    }
  } finally {
    await browser.close();
  }
  if (o.json) {
    console.log(JSON.stringify(result));
  } else {
    console.log(JSON.stringify(result, null, 2));
  }
}

main().catch((e) => {
  console.error(`web-bench: ${e.message}`);
  process.exit(1);
});
