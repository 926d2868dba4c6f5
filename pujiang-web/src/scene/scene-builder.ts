// Builds the static 3D world of a space from its SceneDoc: sky, fog, lights, floor, walls and items.
//
// Placement conventions (as the scene content is written, pujiang-web/tools/scene-kit.mjs):
//  - box and cylinder positions are their centres; a panel's position is its centre; a model's
//    position is its origin (the centre of its base);
//  - yaw turns about Y as in Three.js (mesh.rotation.y = yaw): a panel or model with yaw θ faces a
//    visitor whose own yaw is θ (at yaw 0 its front, +Z in Three.js and glTF, faces +Z).
// Walls and untitled furniture of one colour are merged into one mesh each, to keep draw calls low.

import * as THREE from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import type { ImageItem, Light, LocalText, ModelItem, SceneDoc, SceneItem, TextItem, Vec3 } from '../api/scene-types';
import { missingAssetTexture, paintTextPanel, panelCanvas } from './canvas-text';
import { pickText } from './local-text';

/**
 * At most this many point/spot lights shine at once (each one costs every lit pixel): the ones
 * nearest to the viewer, re-picked as they walk. Software GL gets none (four spot lights made a
 * frame of the exhibition hall four times slower on SwiftShader).
 */
export const MAX_EXTRA_LIGHTS = 4;
const PANEL_DEPTH = 0.04;

/** What a click on an exhibit reports. */
export interface ExhibitInfo { title?: LocalText; description?: LocalText }

export interface BuiltWorld {
  /** Meshes a click can land on: floor, walls, items. Exhibits carry userData.exhibit (ExhibitInfo). */
  readonly pickables: THREE.Object3D[];
  readonly floor: THREE.Mesh;
  /**
   * Items drawn as objects of their own (exhibits, panels, models, and the ids in `separate`), by item
   * id; models appear here once loaded. Merged furniture is not here.
   */
  readonly objects: ReadonlyMap<string, THREE.Object3D>;
  /** Redraws text panels in another language. */
  setLanguage(lang: string): void;
  /** Moves the scene's nearest lights to (x, z); cheap, call every frame. */
  updateLights(x: number, z: number): void;
  dispose(): void;
}

/**
 * `separate`: item ids to keep out of the merged furniture even when they are not exhibits (a twin is
 * bound to them, so they are tinted, labelled or animated on their own).
 */
export function buildWorld(scene: THREE.Scene, doc: SceneDoc, lang: string, maxExtraLights = MAX_EXTRA_LIGHTS,
  separate: ReadonlySet<string> = new Set()): BuiltWorld {
  const root = new THREE.Group();
  root.name = 'world';
  scene.add(root);
  const disposables: { dispose(): void }[] = [];
  const pickables: THREE.Object3D[] = [];
  const objects = new Map<string, THREE.Object3D>();
  let disposed = false;

  const env = doc.environment;
  scene.background = new THREE.Color(env.background);
  if (env.fog) scene.fog = new THREE.Fog(env.fog.color, env.fog.near, env.fog.far);

  // Lights: ambient as a hemisphere light (sky/ground tint is free and reads better than flat ambient).
  const hemi = new THREE.HemisphereLight(env.ambient.color, new THREE.Color(doc.floor.color).multiplyScalar(0.6),
    env.ambient.intensity);
  root.add(hemi);
  if (env.sun) {
    const sun = new THREE.DirectionalLight(env.sun.color, env.sun.intensity);
    const d = new THREE.Vector3(...env.sun.direction);
    if (d.lengthSq() === 0) d.set(0, -1, 0);
    d.normalize();
    sun.position.copy(d).multiplyScalar(-50);
    sun.target.position.set(0, 0, 0);
    root.add(sun, sun.target);
  }
  const lightPool = new NearestLights(root, doc.lights, maxExtraLights);
  lightPool.update(doc.spawn.x, doc.spawn.z);

  // Floor, and a grid of 1 m cells just above it.
  const f = doc.floor;
  const fw = Math.max(0.01, f.maxX - f.minX);
  const fd = Math.max(0.01, f.maxZ - f.minZ);
  const floorGeometry = new THREE.PlaneGeometry(fw, fd).rotateX(-Math.PI / 2);
  const floorMaterial = new THREE.MeshLambertMaterial({ color: f.color });
  const floor = new THREE.Mesh(floorGeometry, floorMaterial);
  floor.position.set((f.minX + f.maxX) / 2, f.y, (f.minZ + f.maxZ) / 2);
  floor.name = 'floor';
  root.add(floor);
  pickables.push(floor);
  disposables.push(floorGeometry, floorMaterial);
  if (f.grid) {
    const grid = gridLines(f, new THREE.Color(f.color).multiplyScalar(0.8));
    root.add(grid);
    disposables.push(grid.geometry, grid.material as THREE.Material);
  }

  // Walls, merged by colour.
  const wallsByColour = new Map<string, THREE.BufferGeometry[]>();
  for (const w of doc.walls) {
    const dx = w.to[0] - w.from[0];
    const dz = w.to[1] - w.from[1];
    const length = Math.hypot(dx, dz);
    if (length < 1e-6 || w.height <= 0) continue;
    const g = new THREE.BoxGeometry(length + w.thickness, w.height, Math.max(0.01, w.thickness));
    g.rotateY(Math.atan2(-dz, dx));
    g.translate((w.from[0] + w.to[0]) / 2, (w.y ?? f.y) + w.height / 2, (w.from[1] + w.to[1]) / 2);
    const list = wallsByColour.get(w.color) ?? [];
    list.push(g);
    wallsByColour.set(w.color, list);
  }
  const furnitureByColour = new Map<string, THREE.BufferGeometry[]>();
  for (const item of doc.items) {
    if ((item.type === 'box' || item.type === 'cylinder') && !isExhibit(item) && !separate.has(item.id)) {
      const g = furnitureGeometry(item);
      if (!g) continue;
      const list = furnitureByColour.get(item.color) ?? [];
      list.push(g);
      furnitureByColour.set(item.color, list);
    }
  }
  for (const [colour, parts] of [...wallsByColour, ...furnitureByColour]) {
    const merged = mergeGeometries(parts, false);
    parts.forEach((p) => p.dispose());
    if (!merged) continue;
    const material = new THREE.MeshLambertMaterial({ color: colour });
    const mesh = new THREE.Mesh(merged, material);
    root.add(mesh);
    pickables.push(mesh);
    disposables.push(merged, material);
  }

  // Items that are exhibits or need their own textures.
  const textPanels: { item: TextItem; canvas: HTMLCanvasElement; texture: THREE.CanvasTexture }[] = [];
  const backings: THREE.BufferGeometry[] = [];
  const loader = new GLTFLoader();
  const textureLoader = new THREE.TextureLoader();
  for (const item of doc.items) {
    const exhibit: ExhibitInfo | null = isExhibit(item) ? { ...(item.title ? { title: item.title } : {}),
      ...(item.description ? { description: item.description } : {}) } : null;
    const place = (o: THREE.Object3D) => {
      o.position.set(...item.position);
      o.rotation.y = item.yaw ?? 0;
      if (exhibit) o.traverse((c) => { c.userData.exhibit = exhibit; });
      o.name = item.id;
      objects.set(item.id, o);
      root.add(o);
      pickables.push(o);
    };
    switch (item.type) {
      case 'box':
      case 'cylinder': {
        if (!exhibit && !separate.has(item.id)) break;  // merged above
        const g = standingGeometry(item);
        if (!g) break;
        const material = new THREE.MeshLambertMaterial({ color: item.color });
        disposables.push(g, material);
        place(new THREE.Mesh(g, material));
        break;
      }
      case 'image':
        place(imagePanel(item, textureLoader, disposables, backings));
        break;
      case 'text': {
        const canvas = panelCanvas(item.width, item.height);
        const texture = new THREE.CanvasTexture(canvas);
        texture.colorSpace = THREE.SRGBColorSpace;
        texture.anisotropy = 4;
        const panel = framedPanel(item, item.width, item.height, texture, disposables, backings);
        textPanels.push({ item, canvas, texture });
        place(panel);
        break;
      }
      case 'model':
        loadModel(item, loader, disposables, () => disposed, place);
        break;
    }
  }

  if (backings.length > 0) {
    const merged = mergeGeometries(backings, false);
    backings.forEach((b) => b.dispose());
    if (merged) {
      const material = new THREE.MeshLambertMaterial({ color: 0x2b2d33 });
      const mesh = new THREE.Mesh(merged, material);
      root.add(mesh);
      pickables.push(mesh);
      disposables.push(merged, material);
    }
  }

  let currentLang = '';
  const setLanguage = (next: string) => {
    if (next === currentLang) return;
    currentLang = next;
    for (const p of textPanels) {
      paintTextPanel(p.canvas, pickText(p.item.text, next), {
        color: p.item.color ?? '#1d2330', background: p.item.background ?? '#f7f5ef',
        ...(p.item.fontSize ? { fontSizeM: p.item.fontSize } : {}),
      }, p.item.width);
      p.texture.needsUpdate = true;
    }
  };
  setLanguage(lang);

  return {
    pickables,
    floor,
    objects,
    setLanguage,
    updateLights: (x, z) => lightPool.update(x, z),
    dispose() {
      disposed = true;
      scene.remove(root);
      root.traverse((o) => {
        if (o instanceof THREE.Mesh && o.userData.ownedByModel) {
          o.geometry.dispose();
          for (const m of [o.material].flat()) disposeMaterial(m as THREE.Material);
        }
      });
      disposables.forEach((d) => d.dispose());
      scene.fog = null;
    },
  };
}

function isExhibit(item: SceneItem): boolean {
  return Boolean(item.title || item.description);
}

/** Box/cylinder geometry centred on the origin. */
function standingGeometry(item: SceneItem): THREE.BufferGeometry | null {
  if (item.type === 'box') {
    const [w, h, d] = item.size;
    if (w <= 0 || h <= 0 || d <= 0) return null;
    return new THREE.BoxGeometry(w, h, d);
  }
  if (item.type === 'cylinder') {
    if (item.radius <= 0 || item.height <= 0) return null;
    return new THREE.CylinderGeometry(item.radius, item.radius, item.height, 16);
  }
  return null;
}

/** The same in world coordinates (for merging), turned like place() turns exhibits. */
function furnitureGeometry(item: SceneItem): THREE.BufferGeometry | null {
  const g = standingGeometry(item);
  if (!g) return null;
  g.rotateY(item.yaw ?? 0);
  g.translate(...item.position);
  return g;
}

function gridLines(f: SceneDoc['floor'], colour: THREE.Color): THREE.LineSegments {
  const points: number[] = [];
  const y = f.y + 0.005;
  for (let x = Math.ceil(f.minX); x <= f.maxX; x++) points.push(x, y, f.minZ, x, y, f.maxZ);
  for (let z = Math.ceil(f.minZ); z <= f.maxZ; z++) points.push(f.minX, y, z, f.maxX, y, z);
  const g = new THREE.BufferGeometry();
  g.setAttribute('position', new THREE.Float32BufferAttribute(points, 3));
  return new THREE.LineSegments(g, new THREE.LineBasicMaterial({ color: colour }));
}

/**
 * A picture or text surface, front facing +Z (place() turns it), centred, just in front of a thin
 * dark backing. The backings of all panels are merged into one mesh (`backings`), in world space.
 */
function framedPanel(item: SceneItem, width: number, height: number, texture: THREE.Texture,
  disposables: { dispose(): void }[], backings: THREE.BufferGeometry[]): THREE.Mesh<THREE.PlaneGeometry, THREE.MeshBasicMaterial> {
  // 1 cm in front of the backing and pulled forward in depth: at 2 mm, distant panels z-fought with
  // their backing on 24-bit depth buffers (dark stripes across far signs).
  const faceGeometry = new THREE.PlaneGeometry(width, height).translate(0, 0, PANEL_DEPTH / 2 + 0.01);
  const faceMaterial = new THREE.MeshBasicMaterial({ map: texture, polygonOffset: true, polygonOffsetFactor: -1,
    polygonOffsetUnits: -4 });
  const face = new THREE.Mesh(faceGeometry, faceMaterial);
  backings.push(new THREE.BoxGeometry(width + 0.06, height + 0.06, PANEL_DEPTH).rotateY(item.yaw ?? 0)
    .translate(...item.position));
  disposables.push(faceGeometry, faceMaterial, texture);
  return face;
}

function imagePanel(item: ImageItem, loader: THREE.TextureLoader, disposables: { dispose(): void }[],
  backings: THREE.BufferGeometry[]): THREE.Mesh {
  const waiting = new THREE.CanvasTexture(solidCanvas('#8a8d94'));
  const face = framedPanel(item, item.width, item.height, waiting, disposables, backings);
  loader.load(item.url, (texture) => {
    texture.colorSpace = THREE.SRGBColorSpace;
    texture.anisotropy = 4;
    face.material.map = texture;
    face.material.needsUpdate = true;
    disposables.push(texture);
  }, undefined, () => {
    console.warn(`scene: image ${item.url} (${item.id}) could not be loaded`);
    const missing = missingAssetTexture('image unavailable');
    face.material.map = missing;
    face.material.needsUpdate = true;
    disposables.push(missing);
  });
  return face;
}

function loadModel(item: ModelItem, loader: GLTFLoader, disposables: { dispose(): void }[], isDisposed: () => boolean,
  place: (o: THREE.Object3D) => void): void {
  loader.load(item.url, (gltf) => {
    const model = gltf.scene;
    model.traverse((o) => { o.userData.ownedByModel = true; });
    if (isDisposed()) {
      model.traverse((o) => {
        if (o instanceof THREE.Mesh) { o.geometry.dispose(); for (const m of [o.material].flat()) disposeMaterial(m); }
      });
      return;
    }
    model.scale.setScalar(item.scale ?? 1);
    place(model);
  }, undefined, () => {
    if (isDisposed()) return;
    console.warn(`scene: model ${item.url} (${item.id}) could not be loaded; drawing a placeholder`);
    const size = 0.8 * (item.scale ?? 1);
    const texture = missingAssetTexture('model unavailable');
    const geometry = new THREE.BoxGeometry(size, size, size).translate(0, size / 2, 0);
    const material = new THREE.MeshLambertMaterial({ map: texture });
    disposables.push(texture, geometry, material);
    place(new THREE.Mesh(geometry, material));
  });
}

function solidCanvas(colour: string): HTMLCanvasElement {
  const c = document.createElement('canvas');
  c.width = 4;
  c.height = 4;
  const ctx = c.getContext('2d');
  if (ctx) { ctx.fillStyle = colour; ctx.fillRect(0, 0, 4, 4); }
  return c;
}

function disposeMaterial(m: THREE.Material): void {
  for (const value of Object.values(m)) if (value instanceof THREE.Texture) value.dispose();
  m.dispose();
}

type PointLightDoc = Extract<Light, { type: 'point' }>;
type SpotLightDoc = Extract<Light, { type: 'spot' }>;

/**
 * A fixed number of Three.js lights (so shaders never recompile) standing in for the scene's
 * point and spot lights nearest to the viewer.
 */
class NearestLights {
  private readonly points: PointLightDoc[];
  private readonly spots: SpotLightDoc[];
  private readonly pointPool: THREE.PointLight[] = [];
  private readonly spotPool: THREE.SpotLight[] = [];
  private lastX = Infinity;
  private lastZ = Infinity;

  constructor(parent: THREE.Object3D, lights: readonly Light[], max: number) {
    this.points = lights.filter((l): l is PointLightDoc => l.type === 'point');
    this.spots = lights.filter((l): l is SpotLightDoc => l.type === 'spot');
    let nPoint = Math.min(this.points.length, Math.floor(max / 2));
    const nSpot = Math.min(this.spots.length, max - nPoint);
    nPoint = Math.min(this.points.length, max - nSpot);
    for (let i = 0; i < nPoint; i++) {
      const p = new THREE.PointLight(0xffffff, 0, 0, 2);
      this.pointPool.push(p);
      parent.add(p);
    }
    for (let i = 0; i < nSpot; i++) {
      const s = new THREE.SpotLight(0xffffff, 0, 0, Math.PI / 6, 0.3, 2);
      this.spotPool.push(s);
      parent.add(s, s.target);
    }
  }

  update(x: number, z: number): void {
    if (Math.hypot(x - this.lastX, z - this.lastZ) < 1) return;  // re-pick after a metre's walk
    this.lastX = x;
    this.lastZ = z;
    const near = <T extends Light>(list: T[], at: (l: T) => Vec3) =>
      [...list].sort((a, b) => dist2(at(a), x, z) - dist2(at(b), x, z));
    near(this.points, (l) => l.position).slice(0, this.pointPool.length).forEach((l, i) => {
      const p = this.pointPool[i]!;
      p.color.set(l.color);
      p.intensity = l.intensity;
      p.distance = l.distance ?? 0;
      p.position.set(...l.position);
    });
    near(this.spots, (l) => l.target).slice(0, this.spotPool.length).forEach((l, i) => {
      const s = this.spotPool[i]!;
      s.color.set(l.color);
      s.intensity = l.intensity;
      s.angle = l.angle ?? Math.PI / 6;
      s.position.set(...l.position);
      s.target.position.set(...l.target);
      s.target.updateMatrixWorld();
    });
  }
}

function dist2(p: Vec3, x: number, z: number): number {
  return (p[0] - x) ** 2 + (p[2] - z) ** 2;
}
