// Small helpers for writing SceneDocs in code (used by make-scenes.mjs). See docs/scene.md for the
// format: metres, Y up; box and cylinder positions are their centres; a panel's position is its
// centre; a model's position is its origin (the centre of its base); yaw turns about Y as in
// Three.js, and a panel or model with yaw θ faces a visitor whose own yaw is θ.

/** Bilingual text: every visitor-facing string is given in English and Simplified Chinese. */
export const t = (en, zh) => ({ en, 'zh-CN': zh });

const round = (v) => Math.round(v * 1000) / 1000;

/**
 * A local frame: an origin on the floor plus a yaw. Lets a booth or a counter be laid out once in
 * its own coordinates (front towards local +Z) and placed anywhere.
 */
export class Frame {
  constructor(x = 0, z = 0, yaw = 0, y = 0) {
    this.x = x;
    this.y = y;
    this.z = z;
    this.yaw = yaw;
  }

  /** World position of a local point, rotating as Three.js's rotation.y does. */
  at(lx, ly, lz) {
    const c = Math.cos(this.yaw);
    const s = Math.sin(this.yaw);
    return [round(this.x + lx * c + lz * s), round(this.y + ly), round(this.z - lx * s + lz * c)];
  }

  /** World yaw of a local yaw. */
  turn(localYaw = 0) {
    let y = this.yaw + localYaw;
    while (y > Math.PI) y -= 2 * Math.PI;
    while (y <= -Math.PI) y += 2 * Math.PI;
    return round(y);
  }
}

const WORLD = new Frame();

/** Collects the items of one scene, refusing duplicate ids as it goes. */
export class Items {
  list = [];
  #ids = new Set();

  #push(item) {
    if (this.#ids.has(item.id)) throw new Error(`duplicate item id ${item.id}`);
    this.#ids.add(item.id);
    // Drop empty optional members so the JSON stays tidy.
    for (const k of Object.keys(item)) if (item[k] === undefined) delete item[k];
    if (item.yaw === 0) delete item.yaw;
    this.list.push(item);
    return item;
  }

  /** A box whose local position is the centre of its bottom face (handier for furniture). */
  box(id, [x, y, z], size, color, { f = WORLD, yaw = 0, title, description } = {}) {
    return this.#push({ id, type: 'box', position: f.at(x, y + size[1] / 2, z), yaw: f.turn(yaw), size: size.map(round), color, title, description });
  }

  /** A cylinder whose local position is the centre of its bottom face. */
  cylinder(id, [x, y, z], radius, height, color, { f = WORLD, title, description } = {}) {
    return this.#push({ id, type: 'cylinder', position: f.at(x, y + height / 2, z), radius: round(radius), height: round(height), color, title, description });
  }

  model(id, url, [x, y, z], { f = WORLD, yaw = 0, scale, title, description } = {}) {
    return this.#push({ id, type: 'model', position: f.at(x, y, z), yaw: f.turn(yaw), url: `/assets/models/${url}.glb`, scale, title, description });
  }

  /** An image panel; position is its centre. */
  image(id, url, [x, y, z], width, height, { f = WORLD, yaw = 0, title, description } = {}) {
    return this.#push({ id, type: 'image', position: f.at(x, y, z), yaw: f.turn(yaw), url: `/assets/images/${url}.jpg`, width: round(width), height: round(height), title, description });
  }

  /** A text panel; position is its centre. */
  text(id, text, [x, y, z], width, height, { f = WORLD, yaw = 0, color, background, fontSize, title, description } = {}) {
    return this.#push({ id, type: 'text', position: f.at(x, y, z), yaw: f.turn(yaw), text, width: round(width), height: round(height), color, background, fontSize, title, description });
  }
}

/** Walls round a rectangle, leaving openings (doors) given as [side, from, to] along that side. */
export function roomWalls({ minX, minZ, maxX, maxZ, height, thickness = 0.3, color, openings = [] }) {
  const sides = {
    north: [[minX, minZ], [maxX, minZ]],
    east: [[maxX, minZ], [maxX, maxZ]],
    south: [[maxX, maxZ], [minX, maxZ]],
    west: [[minX, maxZ], [minX, minZ]],
  };
  const walls = [];
  for (const [side, [a, b]] of Object.entries(sides)) {
    const along = a[0] === b[0] ? 1 : 0; // which coordinate runs along the side
    const gaps = openings.filter((o) => o[0] === side).map((o) => [Math.min(o[1], o[2]), Math.max(o[1], o[2])]).sort((p, q) => p[0] - q[0]);
    let start = Math.min(a[along], b[along]);
    const end = Math.max(a[along], b[along]);
    const point = (v) => (along === 0 ? [round(v), round(a[1])] : [round(a[0]), round(v)]);
    for (const [g0, g1] of gaps) {
      if (g0 > start) walls.push({ from: point(start), to: point(g0), height, thickness, color });
      start = g1;
    }
    if (end > start) walls.push({ from: point(start), to: point(end), height, thickness, color });
  }
  return walls;
}

/** Writes a scene as JSON with number arrays kept on one line. */
export function toJson(doc) {
  return JSON.stringify(doc, null, 2).replace(/\[\s+(-?[\d.e+-]+(?:,\s+-?[\d.e+-]+)*)\s+\]/g, (_, inner) => `[${inner.split(/,\s+/).join(', ')}]`) + '\n';
}
