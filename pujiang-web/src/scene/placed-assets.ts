// Digital assets placed in the scene's slots (docs/scene.md#asset-slots): pictures framed on walls,
// glTF models on pedestals, sound as a speaker that plays when clicked. Files come only from our own
// server, fetched with the session's token by `fetchFile`; a glTF may pull nothing else (its buffers
// and images must be inside it). Everything this makes it disposes: on set() for placements that are
// gone, and all of it on dispose().
//
// Owned by the view's thread of control (the page's main thread); loads finish asynchronously and
// check that their placement is still shown before they add anything.

import * as THREE from 'three';
import { GLTFLoader } from 'three/examples/jsm/loaders/GLTFLoader.js';
import type { Placement } from '../api/rest';
import type { Slot } from '../api/scene-types';
import { FRAME_BORDER, FRAME_DEPTH, fitPicture, fitScale, resolvePlacements, SHELF_DEPTH, slotSpace,
  type MediaKind } from './asset-layout';
import { missingAssetTexture } from './canvas-text';

export type SoundState = 'loading' | 'playing' | 'paused' | 'error';

export interface PlacedAssetsDeps {
  /** An asset file from our server (the placement's fileUrl), as bytes. */
  fetchFile(url: string): Promise<Blob>;
  /** A sound placement started, stopped, or failed. */
  onSound?(placementId: string, state: SoundState): void;
}

interface Shown {
  placement: Placement;
  key: string;
  kind: MediaKind;
  group: THREE.Group;
  disposables: { dispose(): void }[];
  removed: boolean;
  audio: HTMLAudioElement | null;
  audioUrl: string | null;
  speaker: THREE.MeshLambertMaterial | null;
}

const FRAME_COLOUR = 0x2b2d33;
const PEDESTAL_COLOUR = 0xf4f1ea;
const SPEAKER = { width: 0.32, height: 0.46, depth: 0.24 };

/** What must change for a placement to be drawn afresh. */
const keyOf = (p: Placement) => `${p.asset}#${p.edition}@${p.slot}:${p.format}:${p.fileUrl}`;

export class PlacedAssets {
  /** Everything placed; a click that lands under it finds its placement with placementAt(). */
  readonly root = new THREE.Group();
  private readonly shown = new Map<string, Shown>();
  /** Placements already warned about (each reload would repeat the warning). */
  private readonly warned = new Set<string>();
  private disposed = false;

  constructor(scene: THREE.Scene, private readonly slots: readonly Slot[], private readonly deps: PlacedAssetsDeps) {
    this.root.name = 'placed-assets';
    scene.add(this.root);
  }

  /** Shows exactly these placements: new ones are loaded, gone ones disposed, unchanged ones kept. */
  set(placements: readonly Placement[]): void {
    if (this.disposed) return;
    const { placed, skipped } = resolvePlacements(placements, this.slots);
    for (const s of skipped) {
      const what = `${s.placement.id}:${s.reason}`;
      if (this.warned.has(what)) continue;
      this.warned.add(what);
      console.warn(`assets: placement ${s.placement.id} (${s.placement.title}) is not shown: ${s.reason}`);
    }
    const keep = new Set<string>();
    for (const r of placed) {
      const old = this.shown.get(r.placement.id);
      keep.add(r.placement.id);
      if (old !== undefined && old.key === keyOf(r.placement)) {
        old.placement = r.placement; // the holder's name may have changed
        continue;
      }
      if (old !== undefined) this.remove(old);
      this.add(r.placement, r.slot, r.kind);
    }
    for (const s of [...this.shown.values()]) if (!keep.has(s.placement.id)) this.remove(s);
  }

  /** The placement a picked object belongs to. */
  placementAt(object: THREE.Object3D): Placement | null {
    for (let o: THREE.Object3D | null = object; o !== null; o = o.parent) {
      const id = o.userData.placementId;
      if (typeof id === 'string') return this.shown.get(id)?.placement ?? null;
    }
    return null;
  }

  kindOf(placementId: string): MediaKind | null {
    return this.shown.get(placementId)?.kind ?? null;
  }

  /** Placements shown now (for tests and the page). */
  list(): Placement[] {
    return [...this.shown.values()].map((s) => s.placement);
  }

  soundState(placementId: string): SoundState | null {
    const s = this.shown.get(placementId);
    if (s === undefined || s.kind !== 'audio') return null;
    if (s.audio === null) return 'paused';
    return s.audio.paused ? 'paused' : 'playing';
  }

  /** Plays or pauses a sound placement (fetching the file on the first play). */
  toggleSound(placementId: string): void {
    const s = this.shown.get(placementId);
    if (s === undefined || s.kind !== 'audio') return;
    if (s.audio !== null) {
      if (s.audio.paused) this.play(s);
      else s.audio.pause();
      return;
    }
    this.deps.onSound?.(placementId, 'loading');
    this.deps.fetchFile(s.placement.fileUrl).then((blob) => {
      if (s.removed) return;
      s.audioUrl = URL.createObjectURL(blob);
      const audio = new Audio(s.audioUrl);
      audio.addEventListener('play', () => this.soundChanged(s, 'playing'));
      audio.addEventListener('pause', () => this.soundChanged(s, 'paused'));
      audio.addEventListener('ended', () => this.soundChanged(s, 'paused'));
      audio.addEventListener('error', () => this.soundChanged(s, 'error'));
      s.audio = audio;
      this.play(s);
    }, (err: unknown) => {
      console.warn(`assets: sound ${s.placement.fileUrl} could not be loaded`, err);
      this.soundChanged(s, 'error');
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const s of [...this.shown.values()]) this.remove(s);
    this.root.removeFromParent();
  }

  // ---- drawing ----

  private add(placement: Placement, slot: Slot, kind: MediaKind): void {
    const group = new THREE.Group();
    group.name = `placement:${placement.id}`;
    group.userData.placementId = placement.id;
    const s: Shown = { placement, key: keyOf(placement), kind, group, disposables: [], removed: false, audio: null, audioUrl: null,
      speaker: null };
    this.shown.set(placement.id, s);
    this.root.add(group);

    if (slot.kind === 'pedestal') {
      const g = new THREE.CylinderGeometry(slot.radius, slot.radius * 1.06, slot.height, 24);
      const m = new THREE.MeshLambertMaterial({ color: PEDESTAL_COLOUR });
      const pedestal = new THREE.Mesh(g, m);
      pedestal.position.set(slot.position[0], slot.position[1] + slot.height / 2, slot.position[2]);
      group.add(pedestal);
      s.disposables.push(g, m);
    }
    const space = slotSpace(slot, kind);
    const holder = new THREE.Group();
    holder.position.set(...space.base);
    holder.rotation.y = space.yaw;
    group.add(holder);
    const hanging = slot.kind === 'wall';

    if (kind === 'picture') this.picture(s, holder, space.box, hanging);
    else if (kind === 'model') this.model(s, holder, space.box, hanging);
    else this.speaker(s, holder, space.box, hanging);
  }

  /** A framed picture: the frame's back on the holder's plane (the wall), the picture on its front. */
  private picture(s: Shown, holder: THREE.Group, box: { width: number; height: number }, hanging: boolean): void {
    const frameMaterial = new THREE.MeshLambertMaterial({ color: FRAME_COLOUR });
    const faceMaterial = new THREE.MeshBasicMaterial({ color: 0x8a8d94, polygonOffset: true, polygonOffsetFactor: -1, polygonOffsetUnits: -4 });
    s.disposables.push(frameMaterial, faceMaterial);
    const frame = new THREE.Mesh(new THREE.BufferGeometry(), frameMaterial);
    const face = new THREE.Mesh(new THREE.BufferGeometry(), faceMaterial);
    holder.add(frame, face);
    const shape = (w: number, h: number) => {
      frame.geometry.dispose();
      face.geometry.dispose();
      // On a wall the picture is centred in the slot; on a pedestal it stands on the top.
      const cy = hanging ? box.height / 2 : h / 2 + FRAME_BORDER;
      frame.geometry = new THREE.BoxGeometry(w + 2 * FRAME_BORDER, h + 2 * FRAME_BORDER, FRAME_DEPTH).translate(0, cy, FRAME_DEPTH / 2);
      face.geometry = new THREE.PlaneGeometry(w, h).translate(0, cy, FRAME_DEPTH + 0.004);
    };
    const inner = { width: box.width - 2 * FRAME_BORDER, height: box.height - 2 * FRAME_BORDER };
    shape(inner.width, inner.height); // grey until the picture comes
    s.disposables.push({ dispose: () => { frame.geometry.dispose(); face.geometry.dispose(); } });

    this.deps.fetchFile(s.placement.fileUrl).then((blob) => loadTexture(blob)).then((texture) => {
      if (s.removed) return texture.dispose();
      texture.colorSpace = THREE.SRGBColorSpace;
      texture.anisotropy = 4;
      s.disposables.push(texture);
      const img = texture.image as { width?: number; height?: number } | null;
      const fitted = fitPicture(img?.width ?? 0, img?.height ?? 0, inner.width, inner.height);
      shape(fitted.width, fitted.height);
      faceMaterial.map = texture;
      faceMaterial.color.set(0xffffff);
      faceMaterial.needsUpdate = true;
    }).catch((err: unknown) => this.failed(s, faceMaterial, err));
  }

  /** A glTF model scaled to fit the space above the holder (a pedestal top, or a shelf off the wall). */
  private model(s: Shown, holder: THREE.Group, box: { width: number; height: number; depth: number }, hanging: boolean): void {
    if (hanging) {
      const g = new THREE.BoxGeometry(box.width, 0.04, SHELF_DEPTH).translate(0, -0.02, 0);
      const m = new THREE.MeshLambertMaterial({ color: FRAME_COLOUR });
      holder.add(new THREE.Mesh(g, m));
      s.disposables.push(g, m);
    }
    this.deps.fetchFile(s.placement.fileUrl).then((blob) => blob.arrayBuffer()).then((bytes) => parseGltf(bytes)).then((model) => {
      if (s.removed) return disposeTree(model);
      s.disposables.push({ dispose: () => disposeTree(model) });
      const bounds = new THREE.Box3().setFromObject(model);
      const size = bounds.getSize(new THREE.Vector3());
      const centre = bounds.getCenter(new THREE.Vector3());
      // Its base's middle on the holder's origin, then scaled to fit.
      model.position.set(-centre.x, -bounds.min.y, -centre.z);
      const fit = new THREE.Group();
      fit.add(model);
      fit.scale.setScalar(fitScale(size, box));
      holder.add(fit);
    }).catch((err: unknown) => {
      if (s.removed) return;
      const side = Math.min(box.width, box.height, box.depth) * 0.8;
      const g = new THREE.BoxGeometry(side, side, side).translate(0, side / 2, 0);
      const m = new THREE.MeshLambertMaterial();
      holder.add(new THREE.Mesh(g, m));
      s.disposables.push(g, m);
      this.failed(s, m, err);
    });
  }

  /** A small speaker; the file is fetched only when someone plays it. */
  private speaker(s: Shown, holder: THREE.Group, box: { height: number }, hanging: boolean): void {
    // On a wall its back touches the wall; on a pedestal it stands in the middle of the top.
    const cy = hanging ? box.height / 2 : SPEAKER.height / 2;
    const back = hanging ? 0 : -SPEAKER.depth / 2;
    const front = back + SPEAKER.depth + 0.01;
    const body = new THREE.BoxGeometry(SPEAKER.width, SPEAKER.height, SPEAKER.depth).translate(0, cy, back + SPEAKER.depth / 2);
    const bodyMaterial = new THREE.MeshLambertMaterial({ color: 0x30343b });
    const cone = new THREE.CylinderGeometry(0.1, 0.1, 0.02, 24).rotateX(Math.PI / 2).translate(0, cy - 0.05, front);
    const tweeter = new THREE.CylinderGeometry(0.035, 0.035, 0.02, 16).rotateX(Math.PI / 2).translate(0, cy + 0.14, front);
    const coneMaterial = new THREE.MeshLambertMaterial({ color: 0xb8bcc4, emissive: 0x000000 });
    holder.add(new THREE.Mesh(body, bodyMaterial), new THREE.Mesh(cone, coneMaterial), new THREE.Mesh(tweeter, coneMaterial));
    s.disposables.push(body, bodyMaterial, cone, tweeter, coneMaterial);
    s.speaker = coneMaterial;
  }

  private play(s: Shown): void {
    s.audio?.play().catch((err: unknown) => {
      console.warn(`assets: sound ${s.placement.fileUrl} could not be played`, err);
      this.soundChanged(s, 'error');
    });
  }

  private soundChanged(s: Shown, state: SoundState): void {
    if (s.removed) return;
    s.speaker?.emissive.set(state === 'playing' ? 0x2f855a : 0x000000);
    this.deps.onSound?.(s.placement.id, state);
  }

  private failed(s: Shown, material: THREE.MeshBasicMaterial | THREE.MeshLambertMaterial, err: unknown): void {
    if (s.removed) return;
    console.warn(`assets: ${s.placement.fileUrl} (${s.placement.title}) could not be shown`, err);
    const missing = missingAssetTexture('asset unavailable');
    s.disposables.push(missing);
    material.map = missing;
    material.color.set(0xffffff);
    material.needsUpdate = true;
  }

  private remove(s: Shown): void {
    s.removed = true;
    this.shown.delete(s.placement.id);
    if (s.audio !== null) {
      s.audio.pause();
      s.audio.removeAttribute('src');
      s.audio.load(); // lets the browser drop the decoded sound
    }
    if (s.audioUrl !== null) URL.revokeObjectURL(s.audioUrl);
    s.group.removeFromParent();
    for (const d of s.disposables) d.dispose();
    s.disposables.length = 0;
  }
}

/** A picture file as a texture (the browser decodes it; the object URL lives only while it loads). */
function loadTexture(blob: Blob): Promise<THREE.Texture> {
  const url = URL.createObjectURL(blob);
  return new Promise<THREE.Texture>((resolve, reject) => {
    new THREE.TextureLoader().load(url, resolve, undefined, () => reject(new Error('the picture could not be decoded')));
  }).finally(() => URL.revokeObjectURL(url));
}

/**
 * Parses a GLB or a .gltf. Only URLs inside the file (data:, and the blob: URLs the loader makes for
 * embedded images) may be loaded: anything else is turned into an empty data URL, which fails the load,
 * so a model can never make the browser fetch from elsewhere.
 */
function parseGltf(bytes: ArrayBuffer): Promise<THREE.Object3D> {
  const manager = new THREE.LoadingManager();
  manager.setURLModifier((url) => (url.startsWith('data:') || url.startsWith('blob:') ? url : 'data:,'));
  return new GLTFLoader(manager).parseAsync(bytes, '').then((gltf) => gltf.scene);
}

function disposeTree(root: THREE.Object3D): void {
  root.traverse((o) => {
    if (!(o instanceof THREE.Mesh)) return;
    o.geometry.dispose();
    for (const m of [o.material].flat() as THREE.Material[]) {
      for (const v of Object.values(m)) if (v instanceof THREE.Texture) v.dispose();
      m.dispose();
    }
  });
}
