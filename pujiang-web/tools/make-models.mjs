#!/usr/bin/env node
// Builds the bundled 3D models (public/assets/models/*.glb) procedurally with Three.js, so every
// asset the client ships is made here and free to reuse (CC0 1.0, see public/assets/LICENSE.md).
//
//   cd pujiang-web && node tools/make-models.mjs            # writes every model
//   cd pujiang-web && node tools/make-models.mjs ding vase  # writes only these
//
// Conventions (docs/scene.md): metres, Y up, the origin at the centre of the model's base (it
// stands on y = 0), its front towards +Z. Parts that share a material are merged into one mesh so a
// model is a handful of draw calls. No textures: flat colours with metalness/roughness.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as THREE from 'three';
import { GLTFExporter } from 'three/examples/jsm/exporters/GLTFExporter.js';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';

// GLTFExporter reads its output Blob back through FileReader, which Node 20 lacks; Blob exists.
if (typeof globalThis.FileReader === 'undefined') {
  globalThis.FileReader = class FileReader {
    result = null;
    onloadend = null;
    readAsArrayBuffer(blob) {
      blob.arrayBuffer().then((buf) => {
        this.result = buf;
        this.onloadend?.();
      });
    }
    readAsDataURL(blob) {
      blob.arrayBuffer().then((buf) => {
        this.result = `data:${blob.type || 'application/octet-stream'};base64,${Buffer.from(buf).toString('base64')}`;
        this.onloadend?.();
      });
    }
  };
}

const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'assets', 'models');
const MAX_BYTES = 150 * 1024;

// ---- building blocks -------------------------------------------------------------------------

function material(name, color, { metalness = 0, roughness = 0.7, emissive, emissiveIntensity } = {}) {
  const m = new THREE.MeshStandardMaterial({ name, color, metalness, roughness });
  if (emissive) {
    m.emissive = new THREE.Color(emissive);
    m.emissiveIntensity = emissiveIntensity ?? 1;
  }
  return m;
}

/** Collects geometry per material, then merges each material's parts into one mesh. */
class ModelBuilder {
  #parts = new Map(); // material -> BufferGeometry[]

  /** Adds a geometry, moved/rotated/scaled by the given transform. */
  add(mat, geometry, { position = [0, 0, 0], rotation = [0, 0, 0], scale = [1, 1, 1] } = {}) {
    const matrix = new THREE.Matrix4().compose(
      new THREE.Vector3(...position),
      new THREE.Quaternion().setFromEuler(new THREE.Euler(...rotation)),
      new THREE.Vector3(...scale),
    );
    const g = geometry.index ? geometry.clone() : geometry.clone();
    g.applyMatrix4(matrix);
    g.deleteAttribute('uv'); // no textures: uvs are dead weight
    if (!this.#parts.has(mat)) this.#parts.set(mat, []);
    this.#parts.get(mat).push(g);
    return this;
  }

  /** Adds a geometry already placed by a caller-made matrix. */
  addMatrix(mat, geometry, matrix) {
    const g = geometry.clone();
    g.applyMatrix4(matrix);
    g.deleteAttribute('uv');
    if (!this.#parts.has(mat)) this.#parts.set(mat, []);
    this.#parts.get(mat).push(g);
    return this;
  }

  build(name) {
    const root = new THREE.Group();
    root.name = name;
    for (const [mat, geoms] of this.#parts) {
      const allIndexed = geoms.every((g) => g.index);
      const list = allIndexed ? geoms : geoms.map((g) => (g.index ? g.toNonIndexed() : g));
      const merged = mergeGeometries(list, false);
      if (!merged) throw new Error(`${name}: cannot merge the parts of ${mat.name}`);
      const mesh = new THREE.Mesh(merged, mat);
      mesh.name = `${name}-${mat.name}`;
      root.add(mesh);
    }
    return root;
  }
}

/** A lathe profile from [radius, height] pairs. */
function lathe(points, segments = 32) {
  return new THREE.LatheGeometry(points.map(([r, y]) => new THREE.Vector2(r, y)), segments);
}

const box = (w, h, d) => new THREE.BoxGeometry(w, h, d);
const cyl = (rTop, rBottom, h, seg = 20) => new THREE.CylinderGeometry(rTop, rBottom, h, seg);
const sphere = (r, w = 20, h = 14) => new THREE.SphereGeometry(r, w, h);

// ---- the models ------------------------------------------------------------------------------

/** A bronze ding: a round cauldron on three legs with two upright handles (about 1 m tall). */
function ding() {
  const bronze = material('bronze', '#5d7f6a', { metalness: 0.75, roughness: 0.45 });
  const patina = material('patina', '#3f5f50', { metalness: 0.5, roughness: 0.6 });
  const b = new ModelBuilder();
  // The bowl: a lathe from the rounded bottom to a thick lip.
  b.add(bronze, lathe([
    [0.001, 0.42], [0.18, 0.43], [0.32, 0.47], [0.40, 0.55], [0.43, 0.66], [0.43, 0.80],
    [0.46, 0.83], [0.46, 0.86], [0.41, 0.86], [0.40, 0.80], [0.39, 0.66], [0.36, 0.56],
    [0.28, 0.50], [0.001, 0.48],
  ], 40));
  // A band of relief around the belly.
  b.add(patina, new THREE.TorusGeometry(0.43, 0.025, 8, 40), { position: [0, 0.74, 0], rotation: [Math.PI / 2, 0, 0] });
  b.add(patina, new THREE.TorusGeometry(0.425, 0.018, 8, 40), { position: [0, 0.62, 0], rotation: [Math.PI / 2, 0, 0] });
  // Three legs, slightly splayed, with a hoof at the foot.
  for (let i = 0; i < 3; i++) {
    const a = (i / 3) * Math.PI * 2 + Math.PI / 6;
    const x = Math.sin(a) * 0.27;
    const z = Math.cos(a) * 0.27;
    b.add(bronze, cyl(0.055, 0.045, 0.46, 14), { position: [x, 0.25, z], rotation: [Math.cos(a) * 0.08, 0, -Math.sin(a) * 0.08] });
    b.add(patina, cyl(0.06, 0.075, 0.05, 14), { position: [x * 1.07, 0.025, z * 1.07] });
  }
  // Two upright loop handles on the rim, facing left and right.
  for (const side of [-1, 1]) {
    b.add(bronze, new THREE.TorusGeometry(0.12, 0.025, 8, 20, Math.PI), { position: [side * 0.34, 0.86, 0], rotation: [0, Math.PI / 2, 0] });
  }
  return b.build('ding');
}

/** A blue-and-white porcelain vase (meiping shape), 0.8 m tall. */
function vase() {
  const white = material('porcelain', '#f4f6fa', { roughness: 0.15, metalness: 0.05 });
  const cobalt = material('cobalt', '#1f4fa3', { roughness: 0.2, metalness: 0.05 });
  const b = new ModelBuilder();
  const profile = [
    [0.001, 0], [0.13, 0], [0.14, 0.02], [0.13, 0.06], [0.15, 0.2], [0.2, 0.38], [0.235, 0.52],
    [0.22, 0.6], [0.16, 0.67], [0.08, 0.71], [0.065, 0.73], [0.07, 0.78], [0.08, 0.8], [0.06, 0.8], [0.05, 0.75],
  ];
  b.add(white, lathe(profile, 40));
  // Cobalt bands: thin lathes just outside the body so they read as painted rings.
  const band = (y0, y1, r0, r1) => lathe([[r0 + 0.003, y0], [r1 + 0.003, y1]], 40);
  b.add(cobalt, band(0.06, 0.1, 0.13, 0.138));
  b.add(cobalt, band(0.46, 0.5, 0.229, 0.234));
  b.add(cobalt, band(0.6, 0.64, 0.22, 0.19));
  b.add(cobalt, band(0.73, 0.77, 0.066, 0.072));
  // A ring of cloud-scroll "petals" round the shoulder, as small flattened spheres.
  for (let i = 0; i < 12; i++) {
    const a = (i / 12) * Math.PI * 2;
    b.add(cobalt, sphere(0.03, 10, 6), {
      position: [Math.sin(a) * 0.217, 0.3, Math.cos(a) * 0.217 * 1],
      scale: [1, 1.6, 0.35],
      rotation: [0, a, 0],
    });
  }
  return b.build('vase');
}

/** A three-bladed wind turbine maquette, 4 m tall, rotor facing +Z. */
function windTurbine() {
  const white = material('white', '#eef1f4', { roughness: 0.4 });
  const grey = material('grey', '#9aa5b1', { roughness: 0.5, metalness: 0.3 });
  const b = new ModelBuilder();
  b.add(grey, cyl(0.35, 0.4, 0.1, 24), { position: [0, 0.05, 0] });
  b.add(white, cyl(0.05, 0.11, 3.2, 20), { position: [0, 1.7, 0] });
  b.add(white, box(0.16, 0.16, 0.42), { position: [0, 3.35, -0.05] });
  b.add(grey, sphere(0.09, 16, 10), { position: [0, 3.35, 0.2], scale: [1, 1, 1.3] });
  for (let i = 0; i < 3; i++) {
    const a = (i / 3) * Math.PI * 2;
    const blade = new THREE.BoxGeometry(0.1, 1.5, 0.02);
    blade.translate(0, 0.8, 0);
    const m = new THREE.Matrix4()
      .makeTranslation(0, 3.35, 0.24)
      .multiply(new THREE.Matrix4().makeRotationZ(a))
      .multiply(new THREE.Matrix4().makeRotationY(0.25)) // blade pitch
      .multiply(new THREE.Matrix4().makeScale(1, 1, 1));
    b.addMatrix(white, blade, m);
  }
  return b.build('wind-turbine');
}

/** A solar panel array on a frame, 2.4 m wide, tilted towards +Z. */
function solarPanel() {
  const cell = material('cell', '#1d3b6e', { metalness: 0.6, roughness: 0.25 });
  const frame = material('frame', '#b8c2cc', { metalness: 0.7, roughness: 0.35 });
  const b = new ModelBuilder();
  const tilt = 0.5; // the back edge (-Z) up, so the cells face the sky and +Z
  for (const x of [-0.9, 0.9]) {
    b.add(frame, box(0.06, 0.68, 0.06), { position: [x, 0.34, -0.42] });
    b.add(frame, box(0.06, 0.22, 0.06), { position: [x, 0.11, 0.42] });
  }
  for (let row = 0; row < 2; row++) {
    for (let col = 0; col < 4; col++) {
      const m = new THREE.Matrix4()
        .makeTranslation(0, 0.45, 0)
        .multiply(new THREE.Matrix4().makeRotationX(tilt))
        .multiply(new THREE.Matrix4().makeTranslation(-0.87 + col * 0.58, 0.04, -0.26 + row * 0.52));
      b.addMatrix(cell, box(0.55, 0.03, 0.49), m);
    }
  }
  const rim = new THREE.Matrix4().makeTranslation(0, 0.45, 0).multiply(new THREE.Matrix4().makeRotationX(tilt));
  b.addMatrix(frame, box(2.4, 0.03, 1.08), rim);
  return b.build('solar-panel');
}

/** An industrial six-axis robot arm, about 1.8 m tall, reaching towards +Z. */
function robotArm() {
  const orange = material('orange', '#f28c28', { roughness: 0.45, metalness: 0.2 });
  const dark = material('dark', '#2f3540', { roughness: 0.5, metalness: 0.5 });
  const b = new ModelBuilder();
  b.add(dark, cyl(0.32, 0.36, 0.12, 28), { position: [0, 0.06, 0] });
  b.add(orange, cyl(0.22, 0.26, 0.38, 24), { position: [0, 0.31, 0] });
  b.add(dark, cyl(0.14, 0.14, 0.36, 20), { position: [0, 0.58, 0], rotation: [0, 0, Math.PI / 2] });
  // Lower arm, leaning forward.
  const lower = new THREE.Matrix4().makeTranslation(0, 0.58, 0)
    .multiply(new THREE.Matrix4().makeRotationX(0.35))
    .multiply(new THREE.Matrix4().makeTranslation(0, 0.45, 0));
  b.addMatrix(orange, box(0.18, 0.9, 0.2), lower);
  const elbow = new THREE.Vector3(0, 0.45, 0).applyMatrix4(lower); // the far end of the 0.9 m link
  b.add(dark, cyl(0.11, 0.11, 0.3, 18), { position: elbow.toArray(), rotation: [0, 0, Math.PI / 2] });
  // Upper arm, reaching out and slightly down.
  const upper = new THREE.Matrix4().makeTranslation(elbow.x, elbow.y, elbow.z)
    .multiply(new THREE.Matrix4().makeRotationX(1.9))
    .multiply(new THREE.Matrix4().makeTranslation(0, 0.36, 0));
  b.addMatrix(orange, box(0.14, 0.72, 0.14), upper);
  const wrist = new THREE.Vector3(0, 0.36, 0).applyMatrix4(upper); // the far end of the 0.72 m link
  b.add(dark, sphere(0.085, 16, 12), { position: wrist.toArray() });
  // A two-finger gripper below the wrist.
  b.add(dark, box(0.16, 0.05, 0.08), { position: [wrist.x, wrist.y - 0.1, wrist.z] });
  for (const s of [-1, 1]) b.add(dark, box(0.025, 0.12, 0.05), { position: [wrist.x + s * 0.06, wrist.y - 0.18, wrist.z] });
  return b.build('robot-arm');
}

/** A CNC machining centre: an enclosure with a window and a control panel, 2.2 m tall. */
function cncMachine() {
  const body = material('body', '#d9dee4', { roughness: 0.5, metalness: 0.2 });
  const trim = material('trim', '#2b6cb0', { roughness: 0.5, metalness: 0.2 });
  const glass = material('glass', '#7fb3d5', { roughness: 0.05, metalness: 0.1, emissive: '#1b3a52', emissiveIntensity: 0.4 });
  const screen = material('screen', '#0e1a2b', { emissive: '#2fb3ff', emissiveIntensity: 0.6 });
  const b = new ModelBuilder();
  b.add(trim, box(2.6, 0.2, 1.6), { position: [0, 0.1, 0] });
  b.add(body, box(2.5, 1.9, 1.5), { position: [0, 1.15, 0] });
  b.add(glass, box(1.3, 0.8, 0.02), { position: [-0.3, 1.3, 0.76] });
  b.add(trim, box(2.52, 0.12, 1.52), { position: [0, 2.16, 0] });
  b.add(body, box(0.45, 0.7, 0.12), { position: [0.9, 1.35, 0.8] });
  b.add(screen, box(0.36, 0.28, 0.02), { position: [0.9, 1.5, 0.87] });
  b.add(trim, box(0.36, 0.12, 0.02), { position: [0.9, 1.18, 0.87] });
  // A stack light: red, amber, green.
  b.add(body, cyl(0.02, 0.02, 0.25, 8), { position: [1.1, 2.35, -0.6] });
  const lights = [['#e53e3e', 2.5], ['#ecc94b', 2.58], ['#38a169', 2.66]];
  for (const [c, y] of lights) {
    b.add(material(`lamp-${c.slice(1)}`, c, { emissive: c, emissiveIntensity: 0.5 }), cyl(0.045, 0.045, 0.07, 12), { position: [1.1, y, -0.6] });
  }
  return b.build('cnc-machine');
}

/** A city block maquette on a 2 × 2 m base, buildings up to 0.6 m, for a digital-twin booth. */
function cityBlock() {
  const base = material('base', '#39424e', { roughness: 0.8 });
  const road = material('road', '#5a6572', { roughness: 0.9 });
  const glass = material('glass', '#9cc7e8', { roughness: 0.2, metalness: 0.4 });
  const stone = material('stone', '#e6e1d8', { roughness: 0.7 });
  const green = material('green', '#6fae5f', { roughness: 0.9 });
  const b = new ModelBuilder();
  b.add(base, box(2, 0.08, 2), { position: [0, 0.04, 0] });
  b.add(road, box(2, 0.005, 0.16), { position: [0, 0.083, 0] });
  b.add(road, box(0.16, 0.005, 2), { position: [0, 0.083, 0] });
  // Deterministic pseudo-random heights so reruns produce the same file.
  let seed = 7;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  for (const qx of [-1, 1]) {
    for (const qz of [-1, 1]) {
      if (qx === 1 && qz === 1) {
        b.add(green, box(0.8, 0.02, 0.8), { position: [0.5, 0.09, 0.5] });
        for (let i = 0; i < 5; i++) b.add(green, sphere(0.06, 8, 6), { position: [0.25 + rnd() * 0.5, 0.15, 0.25 + rnd() * 0.5] });
        continue;
      }
      for (let ix = 0; ix < 3; ix++) {
        for (let iz = 0; iz < 3; iz++) {
          const h = 0.08 + rnd() * (ix === 1 && iz === 1 ? 0.5 : 0.25);
          const mat = rnd() > 0.5 ? glass : stone;
          const x = qx * (0.22 + ix * 0.26);
          const z = qz * (0.22 + iz * 0.26);
          b.add(mat, box(0.2, h, 0.2), { position: [x, 0.08 + h / 2, z] });
        }
      }
    }
  }
  return b.build('city-block');
}

/** Lujiazui in miniature: the Oriental Pearl, the Shanghai Tower, Jin Mao and the SWFC, on a 3 × 1.2 m base. */
function skyline() {
  const base = material('base', '#28323f', { roughness: 0.8 });
  const river = material('river', '#3a79b8', { roughness: 0.2, metalness: 0.3 });
  const glass = material('glass', '#a9cbe6', { roughness: 0.15, metalness: 0.5 });
  const pink = material('pink', '#d45d8c', { roughness: 0.3, metalness: 0.4 });
  const steel = material('steel', '#c9d1da', { roughness: 0.35, metalness: 0.6 });
  const b = new ModelBuilder();
  b.add(base, box(3, 0.08, 1.2), { position: [0, 0.04, 0] });
  b.add(river, box(3, 0.01, 0.35), { position: [0, 0.085, 0.42] });
  // Oriental Pearl: three legs, a shaft and its pink spheres.
  const px = -1.0;
  for (let i = 0; i < 3; i++) {
    const a = (i / 3) * Math.PI * 2;
    b.add(steel, cyl(0.012, 0.02, 0.35, 8), { position: [px + Math.sin(a) * 0.06, 0.25, -0.1 + Math.cos(a) * 0.06], rotation: [Math.cos(a) * 0.15, 0, -Math.sin(a) * 0.15] });
  }
  b.add(steel, cyl(0.02, 0.025, 1.0, 10), { position: [px, 0.58, -0.1] });
  b.add(pink, sphere(0.1, 18, 12), { position: [px, 0.4, -0.1] });
  b.add(pink, sphere(0.07, 16, 10), { position: [px, 0.82, -0.1] });
  b.add(pink, sphere(0.03, 12, 8), { position: [px, 1.05, -0.1] });
  b.add(steel, cyl(0.004, 0.01, 0.18, 6), { position: [px, 1.17, -0.1] });
  // Shanghai Tower: a twisted, tapering prism (stacked rotated slabs).
  for (let i = 0; i < 16; i++) {
    const s = 1 - i * 0.035;
    b.add(glass, cyl(0.085 * s * 0.97, 0.085 * s, 0.078, 9), { position: [0.55, 0.12 + i * 0.078, -0.25], rotation: [0, i * 0.09, 0] });
  }
  // Jin Mao: stepped pagoda-like tower.
  for (let i = 0; i < 8; i++) b.add(steel, box(0.14 - i * 0.012, 0.11, 0.14 - i * 0.012), { position: [0.15, 0.135 + i * 0.11, -0.05] });
  b.add(steel, cyl(0.002, 0.01, 0.12, 6), { position: [0.15, 1.07, -0.05] });
  // SWFC, the "bottle opener": a tall slab with the trapezoid opening near the top.
  b.add(glass, box(0.14, 0.9, 0.12), { position: [0.85, 0.53, -0.1] });
  b.add(glass, box(0.03, 0.16, 0.12), { position: [0.795, 1.06, -0.1] });
  b.add(glass, box(0.03, 0.16, 0.12), { position: [0.905, 1.06, -0.1] });
  b.add(glass, box(0.14, 0.04, 0.12), { position: [0.85, 1.16, -0.1] });
  // Lower neighbours.
  const lows = [[-0.6, 0.3], [-0.35, 0.45], [-0.15, 0.25], [0.35, 0.35], [1.2, 0.4], [1.3, 0.2], [-1.3, 0.3]];
  for (const [x, h] of lows) b.add(glass, box(0.12, h, 0.12), { position: [x, 0.08 + h / 2, -0.35] });
  return b.build('skyline');
}

/** The Oriental Pearl Tower as a feature sculpture, 6 m tall. */
function pearlTower() {
  const pink = material('pink', '#d8588a', { roughness: 0.25, metalness: 0.5 });
  const steel = material('steel', '#d3d9e0', { roughness: 0.3, metalness: 0.7 });
  const b = new ModelBuilder();
  b.add(steel, cyl(0.9, 1.0, 0.15, 32), { position: [0, 0.075, 0] });
  for (let i = 0; i < 3; i++) {
    const a = (i / 3) * Math.PI * 2;
    b.add(steel, cyl(0.07, 0.11, 1.9, 12), { position: [Math.sin(a) * 0.45, 1.0, Math.cos(a) * 0.45], rotation: [Math.cos(a) * 0.22, 0, -Math.sin(a) * 0.22] });
  }
  for (const a of [0, 2.094, 4.189]) b.add(steel, cyl(0.07, 0.07, 4.3, 12), { position: [Math.sin(a) * 0.12, 2.6, Math.cos(a) * 0.12] });
  b.add(pink, sphere(0.62, 28, 18), { position: [0, 1.85, 0] });
  b.add(pink, sphere(0.42, 24, 16), { position: [0, 4.0, 0] });
  b.add(pink, sphere(0.16, 16, 12), { position: [0, 5.0, 0] });
  b.add(steel, cyl(0.05, 0.09, 0.25, 10), { position: [0, 4.6, 0] });
  b.add(steel, cyl(0.015, 0.04, 0.9, 8), { position: [0, 5.55, 0] });
  // Small spheres strung between the two large ones.
  for (const y of [2.7, 3.0, 3.3]) b.add(pink, sphere(0.1, 12, 8), { position: [0, y, 0] });
  return b.build('pearl-tower');
}

/** A self-service government kiosk: pedestal, slanted touch screen and card slot, 1.6 m tall. */
function kiosk() {
  const body = material('body', '#f2f4f7', { roughness: 0.4, metalness: 0.1 });
  const accent = material('accent', '#c53030', { roughness: 0.4 });
  const screen = material('screen', '#0b1d33', { emissive: '#3aa0ff', emissiveIntensity: 0.7, roughness: 0.1 });
  const dark = material('dark', '#2d3748', { roughness: 0.5 });
  const b = new ModelBuilder();
  b.add(dark, box(0.62, 0.06, 0.5), { position: [0, 0.03, 0] });
  b.add(body, box(0.56, 0.95, 0.42), { position: [0, 0.535, 0] });
  b.add(accent, box(0.57, 0.06, 0.43), { position: [0, 0.9, 0] });
  const head = new THREE.Matrix4().makeTranslation(0, 1.22, 0.02).multiply(new THREE.Matrix4().makeRotationX(-0.35));
  b.addMatrix(body, box(0.6, 0.62, 0.12), head);
  const glassM = head.clone().multiply(new THREE.Matrix4().makeTranslation(0, 0.02, 0.062));
  b.addMatrix(screen, box(0.5, 0.46, 0.01), glassM);
  b.add(dark, box(0.2, 0.02, 0.06), { position: [0, 0.8, 0.22] }); // card / ID reader
  b.add(dark, box(0.3, 0.015, 0.04), { position: [0, 0.65, 0.215] }); // receipt slot
  return b.build('kiosk');
}

/** A potted plant: a ceramic pot with a leafy crown, 1.3 m tall. */
function pottedPlant() {
  const pot = material('pot', '#e7ddd0', { roughness: 0.6 });
  const soil = material('soil', '#4a3728', { roughness: 1 });
  const leaf = material('leaf', '#3f8f4f', { roughness: 0.8 });
  const leafLight = material('leaf-light', '#67b35f', { roughness: 0.8 });
  const stem = material('stem', '#6b4f35', { roughness: 0.9 });
  const b = new ModelBuilder();
  b.add(pot, lathe([[0.001, 0], [0.16, 0], [0.2, 0.35], [0.22, 0.38], [0.22, 0.42], [0.19, 0.42], [0.17, 0.06], [0.001, 0.06]], 24));
  b.add(soil, cyl(0.19, 0.19, 0.02, 20), { position: [0, 0.39, 0] });
  b.add(stem, cyl(0.025, 0.035, 0.5, 8), { position: [0, 0.6, 0] });
  let seed = 3;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  for (let i = 0; i < 9; i++) {
    const a = (i / 9) * Math.PI * 2;
    const r = 0.12 + rnd() * 0.12;
    b.add(i % 2 ? leaf : leafLight, new THREE.IcosahedronGeometry(0.17 + rnd() * 0.06, 0), {
      position: [Math.sin(a) * r, 0.85 + rnd() * 0.3, Math.cos(a) * r],
      rotation: [rnd(), rnd(), rnd()],
    });
  }
  b.add(leaf, new THREE.IcosahedronGeometry(0.2, 0), { position: [0, 1.12, 0] });
  return b.build('potted-plant');
}

/** A street tree: trunk and a rounded crown, 5 m tall. */
function tree() {
  const bark = material('bark', '#6b4f35', { roughness: 1 });
  const crown = material('crown', '#4e9a4a', { roughness: 0.9 });
  const b = new ModelBuilder();
  b.add(bark, cyl(0.12, 0.18, 2.4, 10), { position: [0, 1.2, 0] });
  b.add(crown, new THREE.IcosahedronGeometry(1.4, 1), { position: [0, 3.3, 0], scale: [1, 1.1, 1] });
  b.add(crown, new THREE.IcosahedronGeometry(0.9, 1), { position: [0.6, 2.8, 0.3] });
  b.add(crown, new THREE.IcosahedronGeometry(0.8, 1), { position: [-0.5, 2.9, -0.4] });
  return b.build('tree');
}

/** A quadcopter drone, 0.7 m across, hovering display height comes from the scene. */
function drone() {
  const shell = material('shell', '#e9edf2', { roughness: 0.35, metalness: 0.2 });
  const dark = material('dark', '#2a2f36', { roughness: 0.5, metalness: 0.3 });
  const led = material('led', '#38b2ac', { emissive: '#38b2ac', emissiveIntensity: 0.8 });
  const b = new ModelBuilder();
  b.add(shell, sphere(0.12, 18, 10), { position: [0, 0.16, 0], scale: [1, 0.45, 1.3] });
  for (let i = 0; i < 4; i++) {
    const a = Math.PI / 4 + (i * Math.PI) / 2;
    const x = Math.sin(a) * 0.25;
    const z = Math.cos(a) * 0.25;
    b.add(dark, box(0.03, 0.025, 0.36), { position: [x / 2, 0.17, z / 2], rotation: [0, a, 0] });
    b.add(dark, cyl(0.03, 0.03, 0.05, 12), { position: [x, 0.19, z] });
    b.add(shell, cyl(0.13, 0.13, 0.006, 24), { position: [x, 0.22, z] });
    b.add(dark, box(0.015, 0.12, 0.015), { position: [x * 0.55, 0.08, z * 0.55] });
  }
  b.add(dark, sphere(0.04, 12, 8), { position: [0, 0.1, 0.1] }); // camera gimbal
  b.add(led, box(0.06, 0.01, 0.01), { position: [0, 0.16, 0.155] });
  return b.build('drone');
}

/** A stylised AI digital human: a smooth figure with a glowing halo ring, 1.8 m tall, facing +Z. */
function digitalHuman() {
  const skin = material('skin', '#dfe7f2', { roughness: 0.3, metalness: 0.1 });
  const suit = material('suit', '#2c5282', { roughness: 0.5 });
  const glow = material('glow', '#4fd1c5', { emissive: '#4fd1c5', emissiveIntensity: 1.0 });
  const b = new ModelBuilder();
  b.add(glow, new THREE.TorusGeometry(0.45, 0.02, 8, 40), { position: [0, 0.02, 0], rotation: [Math.PI / 2, 0, 0] });
  for (const s of [-1, 1]) b.add(suit, new THREE.CapsuleGeometry(0.08, 0.7, 4, 10), { position: [s * 0.11, 0.45, 0] });
  b.add(suit, new THREE.CapsuleGeometry(0.2, 0.45, 6, 14), { position: [0, 1.15, 0], scale: [1, 1, 0.65] });
  for (const s of [-1, 1]) b.add(suit, new THREE.CapsuleGeometry(0.06, 0.55, 4, 10), { position: [s * 0.29, 1.12, 0], rotation: [0, 0, s * 0.12] });
  b.add(skin, cyl(0.05, 0.06, 0.1, 10), { position: [0, 1.52, 0] });
  b.add(skin, sphere(0.13, 20, 14), { position: [0, 1.66, 0], scale: [0.9, 1.1, 1] });
  // Visor: the face of a digital human is a soft glowing band.
  b.add(glow, box(0.17, 0.035, 0.02), { position: [0, 1.68, 0.115] });
  b.add(glow, new THREE.TorusGeometry(0.2, 0.01, 6, 32), { position: [0, 1.92, 0], rotation: [Math.PI / 2, 0, 0] });
  return b.build('digital-human');
}

/** A small bronze mirror on a stand: a second heritage exhibit beside the ding, 0.6 m tall. */
function bronzeMirror() {
  const bronze = material('bronze', '#8a6d3b', { metalness: 0.8, roughness: 0.35 });
  const wood = material('wood', '#5b3a24', { roughness: 0.8 });
  const b = new ModelBuilder();
  b.add(wood, box(0.4, 0.06, 0.2), { position: [0, 0.03, 0] });
  b.add(wood, box(0.05, 0.22, 0.05), { position: [-0.12, 0.17, 0] });
  b.add(wood, box(0.05, 0.22, 0.05), { position: [0.12, 0.17, 0] });
  b.add(bronze, cyl(0.2, 0.2, 0.025, 40), { position: [0, 0.42, 0], rotation: [Math.PI / 2, 0, 0] });
  b.add(bronze, new THREE.TorusGeometry(0.2, 0.012, 8, 40), { position: [0, 0.42, 0.012] });
  b.add(bronze, new THREE.TorusGeometry(0.12, 0.008, 8, 32), { position: [0, 0.42, 0.014] });
  b.add(bronze, sphere(0.035, 12, 8), { position: [0, 0.42, 0.015], scale: [1, 1, 0.6] });
  return b.build('bronze-mirror');
}

/** Every model this script makes, by file name (without .glb). */
const MODELS = {
  ding,
  vase,
  'bronze-mirror': bronzeMirror,
  'wind-turbine': windTurbine,
  'solar-panel': solarPanel,
  'robot-arm': robotArm,
  'cnc-machine': cncMachine,
  'city-block': cityBlock,
  skyline,
  'pearl-tower': pearlTower,
  kiosk,
  'potted-plant': pottedPlant,
  tree,
  drone,
  'digital-human': digitalHuman,
};

async function exportGlb(object) {
  const exporter = new GLTFExporter();
  const result = await exporter.parseAsync(object, { binary: true, onlyVisible: true });
  if (!(result instanceof ArrayBuffer)) throw new Error('GLTFExporter did not return binary glTF');
  return Buffer.from(result);
}

async function main() {
  const wanted = process.argv.slice(2);
  for (const name of wanted) if (!(name in MODELS)) throw new Error(`unknown model ${name}; known: ${Object.keys(MODELS).join(', ')}`);
  mkdirSync(OUT_DIR, { recursive: true });
  for (const [name, make] of Object.entries(MODELS)) {
    if (wanted.length && !wanted.includes(name)) continue;
    const object = make();
    const bounds = new THREE.Box3().setFromObject(object);
    const bytes = await exportGlb(object);
    if (bytes.length > MAX_BYTES) throw new Error(`${name}.glb is ${bytes.length} bytes, over the ${MAX_BYTES} limit`);
    writeFileSync(join(OUT_DIR, `${name}.glb`), bytes);
    const size = bounds.getSize(new THREE.Vector3());
    console.log(`${name}.glb ${bytes.length} B, ${size.x.toFixed(2)} × ${size.y.toFixed(2)} × ${size.z.toFixed(2)} m, base y=${bounds.min.y.toFixed(3)}`);
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
