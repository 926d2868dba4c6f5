// Name tags for the nearest entities: labels are drawn once into a texture atlas and shown as
// camera-facing quads of a single InstancedMesh (one draw call for all tags), fading with distance.
// A new label is painted on a small canvas and copied into its atlas cell alone
// (copyTextureToTexture), so a crowd walking past never re-uploads the whole atlas.

import * as THREE from 'three';
import { font } from './canvas-text';
import { TagAtlasSlots } from './tag-atlas-slots';

const COLS = 4;
const ROWS = 16;
const CELL_W = 256;
const CELL_H = 64;
/** Tag size in metres. */
const TAG_W = 1.1;
const TAG_H = TAG_W * (CELL_H / CELL_W);
/** Labels drawn per frame at most, so a crowd arriving at once does not stall a frame. */
const MAX_NEW_LABELS_PER_FRAME = 8;

/** A tag to show this frame; `id` names the entity (a click on the tag means that entity). */
export interface TagRequest {
  id: number; label: string; x: number; y: number; z: number; opacity: number; highlight?: boolean;
  /** Size factor (1 = 1.1 m wide); tags close to the camera are drawn smaller so they do not fill the view. */
  scale?: number;
  /** A small label before the name ("Digital human" on an agent's tag); '' or absent for none. */
  badge?: string;
}

const VERTEX = /* glsl */ `
attribute vec4 aCell;
attribute float aOpacity;
varying vec2 vUv;
varying float vOpacity;
void main() {
  vUv = aCell.xy + uv * aCell.zw;
  vOpacity = aOpacity;
  gl_Position = projectionMatrix * modelViewMatrix * instanceMatrix * vec4(position, 1.0);
}`;

const FRAGMENT = /* glsl */ `
uniform sampler2D map;
varying vec2 vUv;
varying float vOpacity;
void main() {
  vec4 c = texture2D(map, vUv);
  float a = c.a * vOpacity;
  if (a < 0.02) discard;
  gl_FragColor = vec4(c.rgb, a);
}`;

export class NameTags {
  private readonly cellCanvas = document.createElement('canvas');
  private readonly ctx: CanvasRenderingContext2D | null;
  /** Wraps the cell canvas as a copy source; never used by a material, so never uploaded whole. */
  private readonly cellTexture: THREE.Texture;
  private readonly texture: THREE.CanvasTexture;
  private readonly cellOrigin = new THREE.Vector2();
  private readonly drawnIds: number[] = [];
  private readonly atlas = new TagAtlasSlots(COLS * ROWS);
  private readonly mesh: THREE.InstancedMesh;
  private readonly cells: THREE.InstancedBufferAttribute;
  private readonly opacities: THREE.InstancedBufferAttribute;
  private readonly matrix = new THREE.Matrix4();
  private readonly position = new THREE.Vector3();
  private readonly scale = new THREE.Vector3(1, 1, 1);

  constructor(private readonly parent: THREE.Object3D, readonly maxTags = COLS * ROWS) {
    this.cellCanvas.width = CELL_W;
    this.cellCanvas.height = CELL_H;
    this.ctx = this.cellCanvas.getContext('2d');
    this.cellTexture = new THREE.Texture(this.cellCanvas);
    const blank = document.createElement('canvas');  // the atlas starts empty (transparent)
    blank.width = COLS * CELL_W;
    blank.height = ROWS * CELL_H;
    this.texture = new THREE.CanvasTexture(blank);
    this.texture.generateMipmaps = true;
    this.texture.minFilter = THREE.LinearMipmapLinearFilter;
    const geometry = new THREE.PlaneGeometry(TAG_W, TAG_H);
    this.cells = new THREE.InstancedBufferAttribute(new Float32Array(maxTags * 4), 4);
    this.opacities = new THREE.InstancedBufferAttribute(new Float32Array(maxTags), 1);
    this.cells.setUsage(THREE.DynamicDrawUsage);
    this.opacities.setUsage(THREE.DynamicDrawUsage);
    geometry.setAttribute('aCell', this.cells);
    geometry.setAttribute('aOpacity', this.opacities);
    const material = new THREE.ShaderMaterial({
      vertexShader: VERTEX, fragmentShader: FRAGMENT, uniforms: { map: { value: this.texture } },
      transparent: true, depthWrite: false,
    });
    this.mesh = new THREE.InstancedMesh(geometry, material, maxTags);
    this.mesh.instanceMatrix.setUsage(THREE.DynamicDrawUsage);
    this.mesh.frustumCulled = false;
    this.mesh.renderOrder = 10;
    this.mesh.count = 0;
    this.mesh.name = 'name-tags';
    parent.add(this.mesh);
  }

  /** Shows exactly these tags this frame, facing the camera. */
  update(tags: readonly TagRequest[], camera: THREE.Camera, renderer: THREE.WebGLRenderer): void {
    this.atlas.nextFrame();
    let drawn = 0;
    let fresh = 0;
    camera.getWorldQuaternion(quaternion);
    this.drawnIds.length = 0;
    for (const tag of tags) {
      if (drawn >= this.maxTags) break;
      const badge = tag.badge ?? '';
      const key = (tag.highlight ? '\u0001' : '') + (badge === '' ? '' : `${badge}\u0002`) + tag.label;
      // Labels not drawn yet wait for a later frame once this frame's drawing budget is spent.
      if (fresh >= MAX_NEW_LABELS_PER_FRAME && !this.atlas.has(key)) continue;
      const found = this.atlas.cellFor(key);
      if (!found) break;
      if (found.fresh) {
        this.drawLabel(found.cell, tag.label, tag.highlight ?? false, badge, renderer);
        fresh++;
      }
      const col = found.cell % COLS;
      const row = Math.floor(found.cell / COLS);
      this.cells.setXYZW(drawn, col / COLS, 1 - (row + 1) / ROWS, 1 / COLS, 1 / ROWS);
      this.opacities.setX(drawn, tag.opacity);
      this.position.set(tag.x, tag.y, tag.z);
      this.scale.setScalar(tag.scale ?? 1);
      this.mesh.setMatrixAt(drawn, this.matrix.compose(this.position, quaternion, this.scale));
      this.drawnIds.push(tag.id);
      drawn++;
    }
    this.mesh.count = drawn;
    this.mesh.instanceMatrix.needsUpdate = true;
    this.cells.needsUpdate = true;
    this.opacities.needsUpdate = true;
  }

  /** The mesh a click can hit (bounds brought up to date first); `idAt` maps its instance to an entity. */
  pickMesh(): THREE.InstancedMesh {
    this.mesh.computeBoundingSphere();
    return this.mesh;
  }

  idAt(instanceId: number): number | undefined {
    return this.drawnIds[instanceId];
  }

  dispose(): void {
    this.parent.remove(this.mesh);
    this.mesh.geometry.dispose();
    (this.mesh.material as THREE.Material).dispose();
    this.mesh.dispose();
    this.texture.dispose();
    this.cellTexture.dispose();
  }

  private drawLabel(cell: number, label: string, highlight: boolean, badge: string, renderer: THREE.WebGLRenderer): void {
    const ctx = this.ctx;
    if (!ctx) return;
    const x = 0;
    const y = 0;
    ctx.clearRect(0, 0, CELL_W, CELL_H);
    // A badge is a gold pill inside the tag, before the name; it takes what room it needs first.
    ctx.font = font(20, 'bold');
    const badgeText = badge === '' ? '' : fit(ctx, badge, 96);
    const badgeW = badgeText === '' ? 0 : ctx.measureText(badgeText).width + 16;
    const gap = badgeW === 0 ? 0 : 8;
    ctx.font = font(30, 'bold');
    const text = fit(ctx, label, CELL_W - 28 - badgeW - gap);
    const w = Math.min(CELL_W - 4, ctx.measureText(text).width + 28 + badgeW + gap);
    const left = x + (CELL_W - w) / 2;
    ctx.fillStyle = highlight ? 'rgba(196, 120, 20, 0.9)' : badge !== '' ? 'rgba(22, 44, 82, 0.85)' : 'rgba(20, 24, 32, 0.72)';
    roundRect(ctx, left, y + 8, w, CELL_H - 16, 14);
    ctx.fill();
    ctx.textBaseline = 'middle';
    if (badgeW > 0) {
      ctx.fillStyle = '#e0b43a';
      roundRect(ctx, left + 10, y + 17, badgeW, CELL_H - 34, 8);
      ctx.fill();
      ctx.fillStyle = '#1b2f52';
      ctx.textAlign = 'center';
      ctx.font = font(20, 'bold');
      ctx.fillText(badgeText, left + 10 + badgeW / 2, y + CELL_H / 2 + 1);
      ctx.font = font(30, 'bold');
    }
    ctx.fillStyle = '#ffffff';
    ctx.textAlign = 'center';
    const textLeft = left + 14 + badgeW + gap;
    ctx.fillText(text, badgeW > 0 ? textLeft + (w - 28 - badgeW - gap) / 2 : x + CELL_W / 2, y + CELL_H / 2 + 1);
    // Texture rows count from the bottom (the atlas is uploaded flipped, like any canvas texture).
    const row = Math.floor(cell / COLS);
    this.cellOrigin.set((cell % COLS) * CELL_W, (ROWS - 1 - row) * CELL_H);
    renderer.copyTextureToTexture(this.cellTexture, this.texture, null, this.cellOrigin);
  }
}

const quaternion = new THREE.Quaternion();

/** The label cut with an ellipsis to fit `max` pixels. */
function fit(ctx: CanvasRenderingContext2D, label: string, max: number): string {
  if (ctx.measureText(label).width <= max) return label;
  const chars = [...label];
  while (chars.length > 1 && ctx.measureText(chars.join('') + '…').width > max) chars.pop();
  return chars.join('') + '…';
}

function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath();
  ctx.moveTo(x + r, y);
  ctx.arcTo(x + w, y, x + w, y + h, r);
  ctx.arcTo(x + w, y + h, x, y + h, r);
  ctx.arcTo(x, y + h, x, y, r);
  ctx.arcTo(x, y, x + w, y, r);
  ctx.closePath();
}
