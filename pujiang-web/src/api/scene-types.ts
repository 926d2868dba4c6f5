// The layout of a space, as GET /api/spaces/{id}/scene returns it (docs/scene.md).
// Coordinates in metres, Y up, the same frame as the real-time protocol; yaw in radians about Y
// (0 faces -Z, positive turns towards -X, as in Three.js). Colours are CSS hex strings.

/** Text in several languages; the client picks its language, then 'en', then any. */
export type LocalText = { en: string; 'zh-CN'?: string; [lang: string]: string | undefined };

export type Vec3 = [number, number, number];

export interface SceneDoc {
  version: 1;
  template: string;               // e.g. 'exhibition'
  title: LocalText;
  environment: {
    background: string;           // sky / clear colour
    fog?: { color: string; near: number; far: number };
    ambient: { color: string; intensity: number };
    sun?: { color: string; intensity: number; direction: Vec3 };  // direction the light travels
  };
  floor: { minX: number; minZ: number; maxX: number; maxZ: number; y: number; color: string; grid?: boolean };
  walls: Wall[];
  lights: Light[];
  items: SceneItem[];
  spawn: { x: number; y: number; z: number; yaw: number };
  /** Named places where a space's owner may show digital assets (GET /api/spaces/{id}/assets). */
  slots?: Slot[];
}

export interface Wall { from: [number, number]; to: [number, number]; height: number; thickness: number; color: string; y?: number }

export type Light =
  | { type: 'point'; position: Vec3; color: string; intensity: number; distance?: number }
  | { type: 'spot'; position: Vec3; target: Vec3; color: string; intensity: number; angle?: number };

interface ItemBase { id: string; position: Vec3; yaw?: number; title?: LocalText; description?: LocalText }

/** A glTF/GLB model bundled with the client (url under /assets/models/). */
export interface ModelItem extends ItemBase { type: 'model'; url: string; scale?: number }
/** A picture on a panel (url under /assets/images/). */
export interface ImageItem extends ItemBase { type: 'image'; url: string; width: number; height: number }
/** A text panel. */
export interface TextItem extends ItemBase { type: 'text'; text: LocalText; width: number; height: number; color?: string; background?: string; fontSize?: number }
/** Simple furniture: box (tables, booths' counters, plinths), cylinder (columns, pedestals). */
export interface BoxItem extends ItemBase { type: 'box'; size: Vec3; color: string }
export interface CylinderItem extends ItemBase { type: 'cylinder'; radius: number; height: number; color: string }

export type SceneItem = ModelItem | ImageItem | TextItem | BoxItem | CylinderItem;

/**
 * A wall slot: a picture hangs here. `position` is the centre of the frame's back, just in front of the
 * wall's surface; `yaw` is the way the picture faces (as a panel's yaw: towards the room); `width` and
 * `height` are the largest frame, in metres (a picture keeps its proportions inside it).
 */
export interface WallSlot { id: string; kind: 'wall'; position: Vec3; yaw: number; width: number; height: number }
/**
 * A pedestal slot: a model stands here, on a round pedestal the client draws only while something is
 * placed. `position` is the centre of the pedestal's base on the floor; `height` and `radius` are the
 * pedestal's; `yaw` turns what stands on it (its front, +Z, faces as a model with that yaw would).
 */
export interface PedestalSlot { id: string; kind: 'pedestal'; position: Vec3; height: number; radius: number; yaw?: number }

export type Slot = WallSlot | PedestalSlot;
