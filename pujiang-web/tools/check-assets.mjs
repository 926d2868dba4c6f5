#!/usr/bin/env node
// Checks the bundled content before it ships:
//  - every scene (pujiang-server/src/main/resources/scenes/*.json) type-checks as a SceneDoc
//    (src/api/scene-types.ts, by tsc), names its template, has unique ids, keeps its floor, walls,
//    items, lights and spawn inside the template's default bounds, its items inside its walls, its
//    spawn clear of furniture, bilingual text on everything a visitor reads, and urls that exist;
//  - its asset slots hang on a real wall face (pictures) or stand clear on the floor (pedestals);
//  - every model under public/assets/models parses with Three.js's GLTFLoader and is under 150 KB;
//  - every picture under public/assets/images is a JPEG or PNG under 200 KB;
//  - public/assets/LICENSE.md lists every asset.
//
//   cd pujiang-web && node tools/check-assets.mjs        # exits 1 and lists problems, if any

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { TEMPLATE_BOUNDS } from './make-scenes.mjs';

const WEB = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCENES = resolve(WEB, '..', 'pujiang-server', 'src', 'main', 'resources', 'scenes');
const PUBLIC = join(WEB, 'public');
const ASSETS = join(PUBLIC, 'assets');
const LIMITS = { model: 150 * 1024, image: 200 * 1024, cityItems: 300, items: 400, lights: 16 };

const problems = [];
const fail = (where, msg) => problems.push(`${where}: ${msg}`);

// ---- scenes --------------------------------------------------------------------------------------

/** Type-checks every scene as a SceneDoc literal, so tsc's excess-property checks apply too. */
function typeCheckScenes(files) {
  const work = mkdtempSync(join(tmpdir(), 'pujiang-scenes-'));
  try {
    const typesPath = join(WEB, 'src', 'api', 'scene-types.ts').replace(/\.ts$/, '');
    for (const f of files) {
      const json = readFileSync(join(SCENES, f), 'utf8');
      writeFileSync(join(work, `${f.replace(/\W/g, '_')}.ts`), `import type { SceneDoc } from ${JSON.stringify(typesPath)};\nexport const doc: SceneDoc = ${json};\n`);
    }
    writeFileSync(join(work, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', strict: true, noEmit: true, skipLibCheck: true, types: [] },
      include: ['*.ts'],
    }));
    const tsc = join(WEB, 'node_modules', 'typescript', 'bin', 'tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', work], { encoding: 'utf8' });
    if (r.status !== 0) fail('scenes', `do not type-check as SceneDoc:\n${(r.stdout + r.stderr).trim()}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const isHex = (c) => typeof c === 'string' && /^#[0-9a-f]{6}$/i.test(c);
const finite = (...v) => v.every((n) => typeof n === 'number' && Number.isFinite(n));

function checkLocalText(where, text, required) {
  if (text === undefined) {
    if (required) fail(where, 'has no text');
    return;
  }
  if (typeof text.en !== 'string' || !text.en.trim()) fail(where, 'has no English text');
  if (typeof text['zh-CN'] !== 'string' || !text['zh-CN'].trim()) fail(where, 'has no Chinese (zh-CN) text');
}

/** The half-extents in x/z of the axis-aligned rectangle round an item's (possibly turned) footprint. */
function footprint(item) {
  if (item.type === 'box') {
    const [w, , d] = item.size;
    const c = Math.abs(Math.cos(item.yaw ?? 0));
    const s = Math.abs(Math.sin(item.yaw ?? 0));
    return [(w * c + d * s) / 2, (w * s + d * c) / 2];
  }
  if (item.type === 'cylinder') return [item.radius, item.radius];
  return [0, 0];
}

function checkScene(file) {
  const where = `scenes/${file}`;
  const template = file.replace(/\.json$/, '');
  const bounds = TEMPLATE_BOUNDS[template];
  if (!bounds) return fail(where, 'is not named after a template');
  const [bw, bh, bd] = bounds;
  const box = { minX: -bw / 2, maxX: bw / 2, minY: 0, maxY: bh, minZ: -bd / 2, maxZ: bd / 2 };
  const inBounds = (x, y, z) => x >= box.minX && x <= box.maxX && y >= box.minY && y <= box.maxY && z >= box.minZ && z <= box.maxZ;
  let doc;
  try {
    doc = JSON.parse(readFileSync(join(SCENES, file), 'utf8'));
  } catch (e) {
    return fail(where, `is not JSON: ${e.message}`);
  }
  if (doc.template !== template) fail(where, `names template ${doc.template}`);
  checkLocalText(`${where} title`, doc.title, true);
  const fl = doc.floor;
  if (fl.minX !== box.minX || fl.maxX !== box.maxX || fl.minZ !== box.minZ || fl.maxZ !== box.maxZ || fl.y !== 0) {
    fail(where, `floor ${JSON.stringify(fl)} is not the bounds' x/z extent at y = 0`);
  }
  for (const c of [doc.environment.background, doc.environment.ambient.color, doc.environment.sun?.color, doc.environment.fog?.color, fl.color]) {
    if (c !== undefined && !isHex(c)) fail(where, `colour ${c} is not #rrggbb`);
  }

  // Walls: inside the floor, below the ceiling; their rectangle is where items must stay.
  let inner = null;
  for (const [i, w] of doc.walls.entries()) {
    const wy = w.y ?? 0;
    for (const [x, z] of [w.from, w.to]) {
      if (!inBounds(x, wy, z) || !inBounds(x, wy + w.height, z)) fail(where, `wall ${i} leaves the bounds`);
      // The wall's thickness must fit inside the floor too.
      if (x - w.thickness / 2 < box.minX || x + w.thickness / 2 > box.maxX || z - w.thickness / 2 < box.minZ || z + w.thickness / 2 > box.maxZ) {
        fail(where, `wall ${i} sticks out of the floor`);
      }
    }
    if (!(w.height > 0 && w.thickness > 0) || !isHex(w.color)) fail(where, `wall ${i} needs a positive height, thickness and a #rrggbb colour`);
    const xs = [w.from[0], w.to[0]];
    const zs = [w.from[1], w.to[1]];
    inner = inner
      ? { minX: Math.min(inner.minX, ...xs), maxX: Math.max(inner.maxX, ...xs), minZ: Math.min(inner.minZ, ...zs), maxZ: Math.max(inner.maxZ, ...zs) }
      : { minX: Math.min(...xs), maxX: Math.max(...xs), minZ: Math.min(...zs), maxZ: Math.max(...zs) };
  }

  for (const [i, l] of doc.lights.entries()) {
    const pts = l.type === 'spot' ? [l.position, l.target] : [l.position];
    for (const p of pts) if (!inBounds(...p)) fail(where, `light ${i} at ${p} is out of bounds`);
    if (!isHex(l.color) || !(l.intensity > 0)) fail(where, `light ${i} needs a #rrggbb colour and a positive intensity`);
  }
  if (doc.lights.length > LIMITS.lights) fail(where, `has ${doc.lights.length} lights, over ${LIMITS.lights}`);

  const ids = new Set();
  const limit = template === 'city' ? LIMITS.cityItems : LIMITS.items;
  if (doc.items.length > limit) fail(where, `has ${doc.items.length} items, over ${limit}`);
  for (const item of doc.items) {
    const at = `${where} item ${item.id}`;
    if (!item.id || ids.has(item.id)) fail(at, 'id is missing or not unique');
    ids.add(item.id);
    const [x, y, z] = item.position;
    if (!finite(x, y, z, item.yaw ?? 0)) fail(at, 'position or yaw is not finite');
    if (!inBounds(x, y, z)) fail(at, `position ${item.position} is out of bounds`);
    const [hx, hz] = footprint(item);
    const margin = 0.01;
    if (inner && (x - hx < inner.minX - margin || x + hx > inner.maxX + margin || z - hz < inner.minZ - margin || z + hz > inner.maxZ + margin)) {
      fail(at, `at ${item.position} reaches outside the walls`);
    }
    if (x - hx < box.minX || x + hx > box.maxX || z - hz < box.minZ || z + hz > box.maxZ) fail(at, 'reaches outside the floor');
    if (item.type === 'box') {
      if (!(item.size.every((s) => s > 0)) || !isHex(item.color)) fail(at, 'needs a positive size and a #rrggbb colour');
      if (y + item.size[1] / 2 > box.maxY) fail(at, 'pokes through the ceiling');
    }
    if (item.type === 'cylinder' && (!(item.radius > 0 && item.height > 0) || !isHex(item.color))) fail(at, 'needs a positive radius, height and a #rrggbb colour');
    if (item.type === 'text') {
      checkLocalText(`${at} text`, item.text, true);
      if (item.title) checkLocalText(`${at} title`, item.title, true);
      for (const c of [item.color, item.background]) if (c !== undefined && !isHex(c)) fail(at, `colour ${c} is not #rrggbb`);
    }
    if (item.type === 'model' || item.type === 'image') {
      const prefix = item.type === 'model' ? '/assets/models/' : '/assets/images/';
      if (!item.url.startsWith(prefix)) fail(at, `url ${item.url} is not under ${prefix}`);
      if (!existsSync(join(PUBLIC, item.url))) fail(at, `url ${item.url} does not exist under public/`);
      // A visitor can click these: they must say what they are in both languages.
      checkLocalText(`${at} title`, item.title, true);
    }
    if (item.description) checkLocalText(`${at} description`, item.description, true);
    if (item.title && item.type !== 'model' && item.type !== 'image') checkLocalText(`${at} title`, item.title, true);
  }

  // Spawn: inside the bounds and the walls, on the floor, not inside a piece of furniture.
  const s = doc.spawn;
  if (!inBounds(s.x, s.y, s.z)) fail(where, 'spawn is out of bounds');
  if (inner && !(s.x > inner.minX + 0.5 && s.x < inner.maxX - 0.5 && s.z > inner.minZ + 0.5 && s.z < inner.maxZ - 0.5)) fail(where, 'spawn is not inside the walls');
  const clearance = 0.6; // an avatar's radius and a little
  for (const item of doc.items) {
    if (item.type !== 'box' && item.type !== 'cylinder' && item.type !== 'model') continue;
    const top = item.type === 'box' ? item.position[1] + item.size[1] / 2 : item.type === 'cylinder' ? item.position[1] + item.height / 2 : Infinity;
    if (top < 0.2) continue; // floor markings and rugs can be stood on
    const [hx, hz] = item.type === 'model' ? [0.8, 0.8] : footprint(item);
    if (Math.abs(s.x - item.position[0]) < hx + clearance && Math.abs(s.z - item.position[2]) < hz + clearance) {
      fail(where, `spawn (${s.x}, ${s.z}) is inside or against ${item.id}`);
    }
  }
  checkSlots(where, doc, inner, inBounds);
  return doc;
}

/** Half the length of an item along the horizontal unit direction (tx, tz), and half its height. */
function extentAlong(item, tx, tz) {
  if (item.type === 'image' || item.type === 'text') {
    const a = item.yaw ?? 0;
    return [item.width / 2 * Math.abs(Math.cos(a) * tx - Math.sin(a) * tz), item.height / 2];
  }
  const [hx, hz] = footprint(item);
  const h = item.type === 'box' ? item.size[1] / 2 : item.type === 'cylinder' ? item.height / 2 : 0;
  return [hx * Math.abs(tx) + hz * Math.abs(tz), h];
}

function distanceToSegment(x, z, [ax, az], [bx, bz]) {
  const dx = bx - ax;
  const dz = bz - az;
  const len2 = dx * dx + dz * dz;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (z - az) * dz) / len2));
  return Math.hypot(x - (ax + t * dx), z - (az + t * dz));
}

/**
 * Asset slots (docs/scene.md#asset-slots): a wall slot's frame lies whole on one wall's face, 0.005–0.1 m
 * in front of it, facing away from it, over nothing else hung there; a pedestal stands on the floor
 * inside the walls, clear of walls, furniture, the spawn and the other pedestals.
 */
function checkSlots(where, doc, inner, inBounds) {
  const ids = new Set();
  const pedestals = [];
  for (const s of doc.slots ?? []) {
    const at = `${where} slot ${s.id}`;
    if (typeof s.id !== 'string' || !/^[a-z][a-z0-9-]{0,31}$/.test(s.id) || ids.has(s.id)) fail(at, 'id must be unique, a-z 0-9 and -, at most 32 characters');
    ids.add(s.id);
    const [x, y, z] = s.position;
    if (!finite(x, y, z, s.yaw ?? 0) || !inBounds(x, y, z)) fail(at, `position ${s.position} is not finite or out of bounds`);
    if (s.kind === 'wall') {
      if (!(s.width > 0 && s.height > 0)) fail(at, 'needs a positive width and height');
      // The picture faces (nx, nz); along the wall is (tx, tz).
      const nx = Math.sin(s.yaw);
      const nz = Math.cos(s.yaw);
      const tx = nz;
      const tz = -nx;
      const onWall = doc.walls.some((w) => {
        const dx = w.to[0] - w.from[0];
        const dz = w.to[1] - w.from[1];
        const len = Math.hypot(dx, dz);
        if (len < 1e-6 || Math.abs((dx * nx + dz * nz) / len) > 0.002) return false;
        const off = (x - w.from[0]) * nx + (z - w.from[1]) * nz - w.thickness / 2;
        const along = ((x - w.from[0]) * dx + (z - w.from[1]) * dz) / len;
        const wy = w.y ?? 0;
        return off >= 0.005 && off <= 0.1 && along - s.width / 2 >= -1e-3 && along + s.width / 2 <= len + 1e-3
          && y - s.height / 2 >= wy && y + s.height / 2 <= wy + w.height;
      });
      if (!onWall) fail(at, 'is not just in front of a wall face that holds the whole frame, facing away from it');
      for (const item of doc.items) {
        if (item.type !== 'image' && item.type !== 'text' && item.type !== 'box') continue;
        const [ix, iy, iz] = item.position;
        const depth = (ix - x) * nx + (iz - z) * nz;
        if (depth < -0.3 || depth > 0.6) continue;
        const [half, halfH] = extentAlong(item, tx, tz);
        if (Math.abs((ix - x) * tx + (iz - z) * tz) < s.width / 2 + half && Math.abs(iy - y) < s.height / 2 + halfH) {
          fail(at, `overlaps ${item.id}`);
        }
      }
    } else if (s.kind === 'pedestal') {
      const r = s.radius;
      if (!(r > 0 && s.height > 0)) fail(at, 'needs a positive radius and height');
      if (y !== doc.floor.y) fail(at, 'does not stand on the floor');
      if (inner && !(x - r > inner.minX && x + r < inner.maxX && z - r > inner.minZ && z + r < inner.maxZ)) fail(at, 'is not inside the walls');
      for (const w of doc.walls) {
        if ((w.y ?? 0) > 0.2) continue;
        if (distanceToSegment(x, z, w.from, w.to) < r + w.thickness / 2 + 0.3) fail(at, 'stands against a wall');
      }
      for (const item of doc.items) {
        if (item.type !== 'box' && item.type !== 'cylinder' && item.type !== 'model') continue;
        const top = item.type === 'box' ? item.position[1] + item.size[1] / 2 : item.type === 'cylinder' ? item.position[1] + item.height / 2 : Infinity;
        if (top < 0.2) continue;
        const [hx, hz] = item.type === 'model' ? [0.8, 0.8] : footprint(item);
        if (Math.abs(x - item.position[0]) < hx + r + 0.5 && Math.abs(z - item.position[2]) < hz + r + 0.5) fail(at, `stands against ${item.id}`);
      }
      if (Math.hypot(x - doc.spawn.x, z - doc.spawn.z) < r + 1.5) fail(at, 'stands on the spawn');
      for (const p of pedestals) if (Math.hypot(x - p.position[0], z - p.position[2]) < r + p.radius + 1) fail(at, `stands against ${p.id}`);
      pedestals.push(s);
    } else {
      fail(at, `unknown kind ${s.kind}`);
    }
  }
}

// ---- assets --------------------------------------------------------------------------------------

async function checkModels() {
  const dir = join(ASSETS, 'models');
  const out = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.glb'))) {
    const buf = readFileSync(join(dir, f));
    if (buf.length > LIMITS.model) fail(`models/${f}`, `is ${buf.length} bytes, over ${LIMITS.model}`);
    if (buf.readUInt32LE(0) !== 0x46546c67 || buf.readUInt32LE(4) !== 2 || buf.readUInt32LE(8) !== buf.length) {
      fail(`models/${f}`, 'has no valid GLB 2.0 header');
      continue;
    }
    try {
      const gltf = await new GLTFLoader().parseAsync(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length), '');
      let meshes = 0;
      gltf.scene.traverse((o) => { if (o.isMesh) meshes++; });
      if (meshes === 0) fail(`models/${f}`, 'has no meshes');
      out.push(`${f} ${buf.length} B, ${meshes} meshes`);
    } catch (e) {
      fail(`models/${f}`, `does not load: ${e.message}`);
    }
  }
  return out;
}

function checkImages() {
  const dir = join(ASSETS, 'images');
  for (const f of readdirSync(dir)) {
    const buf = readFileSync(join(dir, f));
    const jpeg = buf[0] === 0xff && buf[1] === 0xd8;
    const png = buf.readUInt32BE(0) === 0x89504e47;
    if (!jpeg && !png) fail(`images/${f}`, 'is neither JPEG nor PNG');
    if (buf.length > LIMITS.image) fail(`images/${f}`, `is ${buf.length} bytes, over ${LIMITS.image}`);
  }
}

function checkLicence() {
  const licence = readFileSync(join(ASSETS, 'LICENSE.md'), 'utf8');
  for (const sub of ['models', 'images']) {
    for (const f of readdirSync(join(ASSETS, sub))) if (!licence.includes(`${sub}/${f}`)) fail('LICENSE.md', `does not list ${sub}/${f}`);
  }
}

function totalBytes(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) n += e.isDirectory() ? totalBytes(join(dir, e.name)) : statSync(join(dir, e.name)).size;
  return n;
}

async function main() {
  const files = readdirSync(SCENES).filter((f) => f.endsWith('.json')).sort();
  for (const template of Object.keys(TEMPLATE_BOUNDS)) if (!files.includes(`${template}.json`)) fail('scenes', `${template}.json is missing`);
  typeCheckScenes(files);
  for (const f of files) {
    const doc = checkScene(f);
    if (doc) console.log(`${f}: ${doc.items.length} items, ${doc.walls.length} walls, ${doc.lights.length} lights`);
  }
  for (const line of await checkModels()) console.log(line);
  checkImages();
  checkLicence();
  console.log(`public/assets: ${totalBytes(ASSETS)} bytes`);
  if (problems.length) {
    console.error(`\n${problems.length} problem(s):\n${problems.join('\n')}`);
    process.exit(1);
  }
  console.log('all content checks passed');
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
