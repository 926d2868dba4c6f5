// Throwaway dev page for the scene helper (deleted before finishing).
import { createSpaceView } from '../src/scene/space-view';
import type { SceneDoc } from '../src/api/scene-types';
import type { EntityInfo, Pose, SpaceClient, SpaceClientEvents, JoinedInfo } from '../src/net/types';
import exhibition from './exhibition.json';

const params = new URLSearchParams(location.search);
const n = Number(params.get('n') ?? '200');
const useExhibition = params.get('scene') !== 'small';
const small: SceneDoc = {
  version: 1, template: 'dev', title: { en: 'Dev', 'zh-CN': '开发' },
  environment: { background: '#dfe9f3', ambient: { color: '#ffffff', intensity: 0.9 }, sun: { color: '#ffffff', intensity: 1.2, direction: [-0.4, -1, -0.3] } },
  floor: { minX: -20, minZ: -20, maxX: 20, maxZ: 20, y: 0, color: '#c8ccd2', grid: true },
  walls: [{ from: [-20, -20], to: [20, -20], height: 4, thickness: 0.3, color: '#e8edf2' }, { from: [-5, -5], to: [5, -5], height: 3, thickness: 0.3, color: '#8899aa' }],
  lights: [{ type: 'point', position: [0, 3, 0], color: '#ffeecc', intensity: 20 }],
  items: [
    { id: 't', type: 'text', position: [0, 1.6, -4.8], text: { en: 'Hello world', 'zh-CN': '浦江数字展览馆欢迎您！这是一段较长的中文文字，用来测试换行。' }, width: 4, height: 2, title: { en: 'Panel' } },
    { id: 'img', type: 'image', position: [-4, 1.6, -4.8], url: '/assets/images/art-jade.jpg', width: 2, height: 2, title: { en: 'Jade' } },
    { id: 'bad', type: 'image', position: [4, 1.6, -4.8], url: '/assets/images/nope.jpg', width: 2, height: 2 },
    { id: 'm', type: 'model', position: [3, 0, 3], url: '/assets/models/vase.glb', title: { en: 'Vase' } },
    { id: 'm2', type: 'model', position: [-3, 0, 3], url: '/assets/models/missing.glb' },
    { id: 'b', type: 'box', position: [6, 0.5, 0], size: [1, 1, 1], color: '#aa5533' },
    { id: 'c', type: 'cylinder', position: [-6, 1, 0], radius: 0.4, height: 2, color: '#3355aa', title: { en: 'Column' } },
  ],
  spawn: { x: 0, y: 0, z: 8, yaw: 0 },
};
const doc = structuredClone((useExhibition ? exhibition : small) as SceneDoc);
if (params.has('nolights')) doc.lights = [];
if (params.has('nomodels')) doc.items = doc.items.filter((i) => i.type !== 'model');
if (params.has('nopanels')) doc.items = doc.items.filter((i) => i.type !== 'image' && i.type !== 'text');
if (params.has('nofog')) delete doc.environment.fog;

type Handlers = { [E in keyof SpaceClientEvents]: Set<SpaceClientEvents[E]> };
const handlers = { status: new Set(), welcome: new Set(), joined: new Set(), enter: new Set(), exit: new Set(), holder: new Set(), chat: new Set(), emote: new Set(), presence: new Set(), voice: new Set(), error: new Set(), selfCorrected: new Set() } as unknown as Handlers;
function emit<E extends keyof SpaceClientEvents>(e: E, ...args: Parameters<SpaceClientEvents[E]>) {
  for (const fn of handlers[e]) (fn as (...a: unknown[]) => void)(...args);
}
const ents = new Map<number, EntityInfo & { cx: number; cz: number; r: number; w: number; oy?: Pose }>();
const sx = doc.spawn.x, sz = doc.spawn.z;
for (let i = 0; i < n; i++) {
  const id = i + 2;
  ents.set(id, { id, kind: i % 50 === 7 ? 'agent' : 'avatar', name: i % 3 === 0 ? `访客${i}` : `Visitor ${i}`, userId: `u${i}`, holderId: 0,
    cx: sx + ((i * 37) % 30) - 15, cz: sz - 4 - ((i * 53) % 24), r: 1 + (i % 5), w: i % 4 === 0 ? 0 : 0.3 + (i % 7) * 0.15 });
}
const objPose = new Map<number, Pose>();
['cube', 'ball', 'crate'].forEach((name, k) => {
  const id = 1000 + k;
  ents.set(id, { id, kind: 'object', name, userId: '', holderId: 0, cx: 0, cz: 0, r: 0, w: 0 });
  objPose.set(id, { x: sx + (k - 1) * 2, y: 0, z: sz - 2, yaw: 0, pitch: 0, vx: 0, vy: 0, vz: 0, anim: 0 });
});
let selfPose: Pose | null = null;
const joined: JoinedInfo = { spaceId: 's', spaceName: 'Dev', selfId: 1, bounds: { minX: -40, minY: 0, minZ: -30, maxX: 40, maxY: 10, maxZ: 30 }, capacity: 500, interestRadius: 40 };
const client: SpaceClient = {
  status: 'online', spaceId: 's', selfId: 1, welcome: { userId: 'me', displayName: 'Me', role: 'member', tickHz: 20 }, joined,
  connect() {}, close() {},
  on(e, fn) { (handlers[e] as Set<unknown>).add(fn); return () => (handlers[e] as Set<unknown>).delete(fn); },
  entities: () => [...ents.values()],
  entity: (id) => ents.get(id),
  poseAt(id) {
    if (id === 1) return selfPose ?? undefined;
    const o = objPose.get(id); if (o) return o;
    const e = ents.get(id); if (!e) return undefined;
    const t = performance.now() / 1000;
    const a = t * e.w / e.r + e.id;
    const x = e.cx + Math.cos(a) * e.r, z = e.cz + Math.sin(a) * e.r;
    const vx = -Math.sin(a) * e.w, vz = Math.cos(a) * e.w;
    return { x, y: 0, z, yaw: Math.atan2(-vx, -vz), pitch: 0, vx, vy: 0, vz, anim: e.w > 0 ? 1 : 0 };
  },
  serverNow: () => Date.now(),
  setSelf(p) { selfPose = { ...p }; },
  chat() {}, emote(e) { setTimeout(() => emit('emote', 1, e), 30); },
  grab(id) { setTimeout(() => { const e = ents.get(id)!; if (e.name === 'crate') { emit('error', 11, 'OBJECT_HELD', 'held'); return; } e.holderId = 1; emit('holder', id, 1); }, 60); },
  moveObject(id, x, y, z, yaw) { (window as any).__moves = ((window as any).__moves ?? 0) + 1; objPose.set(id, { ...objPose.get(id)!, x, y, z, yaw }); },
  release(id) { ents.get(id)!.holderId = 0; emit('holder', id, 0); },
  voice() {}, moderate() {},
};
setInterval(() => { const id = 2 + Math.floor(Math.random() * Math.min(n, 20)); emit('emote', id, 1 + Math.floor(Math.random() * 6)); }, 300);

const view = createSpaceView({ container: document.getElementById('host')!, client, scene: doc, lang: () => params.get('lang') ?? 'en',
  onSelect: (s) => { (window as any).__selected = s; console.log('select', JSON.stringify(s)); } });
(window as any).__view = view;
(window as any).__self = () => selfPose;
(window as any).__obj = (id: number) => objPose.get(id);
(window as any).__holder = (id: number) => ents.get(id)?.holderId;
if (params.get('cam') === 'first') view.setCameraMode('first');
setTimeout(() => view.playEmote(4), 500);
const statsEl = document.getElementById('stats')!;
setInterval(() => { statsEl.textContent = JSON.stringify(view.frameStats()) + ` moves=${(window as any).__moves ?? 0}`; document.title = statsEl.textContent; }, 500);
