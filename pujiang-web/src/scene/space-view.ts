// The 3D view of a space: builds the world from its SceneDoc, draws everyone the SpaceClient sees,
// moves our own avatar from keys / mouse / touch / VR with local prediction, and lets people grab
// and drag shared objects. The UI mounts it with createSpaceView() and talks to it through SpaceView.

import * as THREE from 'three';
import type { Placement, TwinBinding } from '../api/rest';
import type { SceneDoc } from '../api/scene-types';
import { Anim, type EntityInfo, type Pose, type SpaceClient } from '../net/types';
import { VrSession, vrSupported } from '../xr/vr-session';
import { rotateAbout } from '../xr/locomotion';
import { normaliseAngle, turnTowards, yawOf } from './angles';
import type { Expression } from '../agent/agent-logic';
import { AgentFigures } from './agent-figures';
import { advancePhase, applySpeech, GESTURE_SECONDS, gestureOf, limbPose, type Gesture } from './avatar-anim';
import { AVATAR_HEIGHT, AvatarCrowd, EYE_HEIGHT } from './avatar-crowd';
import { DEFAULT_BOOM, thirdPersonEye, THIRD_MAX_PITCH, THIRD_MIN_PITCH, zoomBoom } from './camera-rig';
import { startClickMove, steer, type ClickMove } from './click-move';
import { AGENT_UNIFORM, avatarColour, skinColour } from './colours';
import { FrameTimes } from './frame-stats';
import { isControlArrow, isTypingTarget, keysIntent, keysTurnRate, MOVE_KEYS } from './keys';
import { applyLook, MAX_PITCH } from './look';
import { pickText } from './local-text';
import { chooseQuality } from './render-quality';
import { AVATAR_RADIUS, clampToArea, intentVelocity, step, walkableArea, wallSegments, type MoveIntent,
  type World } from './movement';
import { nearestIds, tagOpacity, tagScale, type Placed } from './name-tag-select';
import { NameTags, type TagRequest } from './name-tags';
import { ObjectGrab } from './object-grab';
import { PointerControls } from './pointer-controls';
import { buildWorld, MAX_EXTRA_LIGHTS, type ExhibitInfo } from './scene-builder';
import { PlacedAssets, type SoundState } from './placed-assets';
import { OBJECT_TAG_HEIGHT, SharedObjects } from './shared-objects';
import { TouchJoystick } from './touch-joystick';
import { TwinVisuals, type UnitLookup } from './twin-bindings';
import type { TwinStore } from './twin-state';

export interface SpaceViewOptions {
  container: HTMLElement;            // the view fills it; it creates the canvas
  client: SpaceClient;
  scene: SceneDoc;
  lang: () => string;                // 'en' | 'zh-CN', for LocalText titles
  onSelect?: (info: { kind: 'exhibit'; title: string; description: string } | { kind: 'avatar'; entityId: number; name: string; agent: boolean }
    | { kind: 'twin'; object: string; twins: string[] } | { kind: 'asset'; placement: Placement }) => void;
  /** Live twins bound to objects of the scene (GET /api/spaces/{id}/bindings), with their states and units. */
  twins?: { store: TwinStore; bindings: readonly TwinBinding[]; unitOf: UnitLookup };
  /** Digital assets placed in the scene's slots: how to fetch their files (from our server), and sound news. */
  assets?: { fetchFile(url: string): Promise<Blob>; onSound?(placementId: string, state: SoundState): void };
  /** What the digital humans in view are saying, to animate them; and the badge on their name tags. */
  agents?: AgentCues;
}

/** The cues of an agent's current line, as the view reads them every frame. */
export interface AgentCue {
  /** Changes with every new line: a new line starts its gesture. */
  seq: number;
  gesture: Gesture | null;
  gestureSeconds: number;
  /** 0 closed … 1 open. */
  mouth: number;
  speaking: boolean;
  expression: Expression;
}

export interface AgentCues {
  /** The current line's cues for agent `entityId`, or null when it is saying nothing. */
  cue(entityId: number): AgentCue | null;
  /** The badge on an agent's name tag ("Digital human"), in the UI language. */
  badge(): string;
}

export interface SpaceView {
  dispose(): void;
  readonly cameraMode: 'third' | 'first';
  setCameraMode(mode: 'third' | 'first'): void;
  /** Sends the emote and plays it on our own avatar. */
  playEmote(emote: number): void;
  frameStats(): { fps: number; frameMsP50: number; frameMsP95: number; drawCalls: number; avatarsDrawn: number };
  vrSupported(): Promise<boolean>;
  enterVR(): Promise<void>;
  /** Shows exactly these placed assets (GET /api/spaces/{id}/assets); others are removed and disposed. */
  setPlacements(placements: readonly Placement[]): void;
  /** Placements drawn now (those whose slot the scene has). */
  placements(): Placement[];
  /** Plays or pauses a sound placement. */
  toggleSound(placementId: string): void;
  soundState(placementId: string): SoundState | null;
  /**
   * Where above entity `id`'s head a speech bubble points, in CSS pixels from the container's top
   * left, or null when it is not drawn or not in front of the camera.
   */
  bubbleAnchor(id: number): { x: number; y: number } | null;
}

/** An agent that is saying nothing: a neutral face. */
const IDLE_CUE = { mouth: 0, speaking: false, expression: 'neutral' as const };
const anchorPoint = new THREE.Vector3();

/** Our own avatar's key in the crowd (entity ids are ≥ 1). */
const SELF_KEY = -1;
const NAME_TAG_HEIGHT = AVATAR_HEIGHT + 0.28;
/** Body turn rate towards the walking direction (rad/s), third person. */
const BODY_TURN_RATE = 10;

interface Animated {
  phase: number; lastX: number; lastZ: number; speed: number;
  gesture: { kind: Gesture; startSec: number; length?: number } | null;
  /** The agent line whose gesture was started (AgentCue.seq); 0 for none. */
  cueSeq: number;
}
/** Height of a speech bubble's tip above the feet. */
const BUBBLE_HEIGHT = AVATAR_HEIGHT + 0.5;

export function createSpaceView(opts: SpaceViewOptions): SpaceView {
  const { container, client, scene: doc } = opts;

  // ---- renderer, scene, camera ----
  const quality = chooseQuality(window.devicePixelRatio);
  let renderer: THREE.WebGLRenderer;
  try {
    renderer = new THREE.WebGLRenderer({ antialias: quality.antialias, powerPreference: 'high-performance' });
  } catch (err) {
    throw new Error(`The 3D view needs WebGL, which this browser could not start (${err instanceof Error ? err.message : String(err)}).`);
  }
  renderer.setPixelRatio(quality.pixelRatio);
  const canvas = renderer.domElement;
  canvas.tabIndex = 0;
  canvas.setAttribute('aria-label', pickText(doc.title, opts.lang()) || '3D view');
  Object.assign(canvas.style, { display: 'block', width: '100%', height: '100%', touchAction: 'none', outline: 'none' });
  if (getComputedStyle(container).position === 'static') container.style.position = 'relative';
  container.append(canvas);

  const scene = new THREE.Scene();
  const camera = new THREE.PerspectiveCamera(70, 1, 0.05, 400);
  const rig = new THREE.Group();  // moved only in VR: the headset pose is relative to it
  rig.add(camera);
  scene.add(rig);

  let lang = opts.lang();
  const bindings = opts.twins?.bindings ?? [];
  const world = buildWorld(scene, doc, lang, quality.software ? 0 : MAX_EXTRA_LIGHTS, TwinVisuals.sceneIds(bindings));
  const crowd = new AvatarCrowd(scene);
  const agentFigures = new AgentFigures(scene);
  const agentParts = { head: new THREE.Matrix4(), chest: new THREE.Matrix4() };
  const objects = new SharedObjects(scene);
  let twinVisuals: TwinVisuals | null = null;
  if (opts.twins !== undefined && bindings.length > 0) {
    twinVisuals = new TwinVisuals(scene, opts.twins.store,
      { sceneObject: (id) => world.objects.get(id), sharedObject: (name) => objects.byName(name) }, opts.twins.unitOf);
    twinVisuals.setBindings(bindings);
  }
  const assets = new PlacedAssets(scene, doc.slots ?? [], {
    fetchFile: (url) => opts.assets?.fetchFile(url) ?? Promise.reject(new Error('no asset files here')),
    onSound: (id, state) => opts.assets?.onSound?.(id, state),
  });
  const selectTwin = (ref: string) => opts.onSelect?.({ kind: 'twin', object: ref, twins: twinVisuals?.twinsOf(ref) ?? [] });
  // A press on a shared object bound to a twin grabs it; released without moving, it also opens the twin.
  let pressedTwin: { ref: string; x: number; y: number } | null = null;
  const tags = new NameTags(scene);
  const grab = new ObjectGrab(client);
  const frameTimes = new FrameTimes(120);
  const walls = wallSegments(doc.walls, doc.floor.y);
  const moveWorld: World = { walls, area: walkableArea(doc.floor, client.joined?.bounds ?? null), feetY: doc.spawn.y };
  const raycaster = new THREE.Raycaster();
  const floorPlane = new THREE.Plane(new THREE.Vector3(0, 1, 0), -doc.floor.y);

  // ---- our own avatar (local prediction) ----
  const spawn = clampToArea({ x: doc.spawn.x, z: doc.spawn.z }, moveWorld.area, AVATAR_RADIUS);
  const self = {
    x: spawn.x, y: doc.spawn.y, z: spawn.z,
    bodyYaw: doc.spawn.yaw, viewYaw: doc.spawn.yaw, pitch: -0.3,
    vx: 0, vz: 0, anim: Anim.IDLE as number,
  };
  const selfAnim: Animated = { phase: 0, lastX: self.x, lastZ: self.z, speed: 0, gesture: null, cueSeq: 0 };
  let cameraMode: 'third' | 'first' = 'third';
  let boom = DEFAULT_BOOM;
  let clickMove: ClickMove | null = null;

  const animated = new Map<number, Animated>();
  const keys = new Set<string>();
  const nowSec = () => performance.now() / 1000;

  // ---- client events ----
  const unsubscribe = [
    // The server may place us elsewhere than the scene's spawn: its selfCorrected moves us there.
    client.on('joined', (info) => { moveWorld.area = walkableArea(doc.floor, info.bounds); }),
    client.on('selfCorrected', (pose) => snapSelf(pose)),
    client.on('emote', (id, emote) => {
      const gesture = { kind: gestureOf(emote), startSec: nowSec() };
      if (id === client.selfId) {
        // Our own echo: already playing if it came from playEmote().
        if (!selfAnim.gesture || nowSec() - selfAnim.gesture.startSec > GESTURE_SECONDS) selfAnim.gesture = gesture;
      } else {
        const a = animated.get(id);
        if (a) a.gesture = gesture;
      }
    }),
    client.on('exit', (id) => {
      crowd.remove(id);
      objects.remove(id);
      animated.delete(id);
      grab.onExit(id);
    }),
    client.on('holder', (objectId, holderId) => grab.onHolder(objectId, holderId, client.selfId, performance.now())),
    client.on('error', (_code, name) => grab.onError(name)),
  ];

  function snapSelf(pose: Pose): void {
    self.x = pose.x;
    self.y = pose.y;
    self.z = pose.z;
    self.bodyYaw = pose.yaw;
    if (cameraMode === 'first') self.viewYaw = pose.yaw;
    self.vx = 0;
    self.vz = 0;
    clickMove = null;
    moveWorld.feetY = pose.y;
    selfAnim.lastX = self.x;
    selfAnim.lastZ = self.z;
  }

  // ---- input ----
  const onKeyDown = (e: KeyboardEvent) => {
    if (isTypingTarget(e.target) || isControlArrow(e.target, e.code) || e.ctrlKey || e.metaKey || e.altKey) return;
    keys.add(e.code);
    const onPage = e.target === document.body || e.target === canvas || e.target === document.documentElement;
    if (MOVE_KEYS.has(e.code) && onPage) e.preventDefault();  // no page scrolling while walking
  };
  const onKeyUp = (e: KeyboardEvent) => { keys.delete(e.code); };
  const onBlur = () => keys.clear();
  window.addEventListener('keydown', onKeyDown);
  window.addEventListener('keyup', onKeyUp);
  window.addEventListener('blur', onBlur);

  // First person: a small crosshair marks what a click points at.
  const crosshair = document.createElement('div');
  crosshair.className = 'pj-crosshair';
  crosshair.setAttribute('aria-hidden', 'true');
  Object.assign(crosshair.style, {
    position: 'absolute', left: '50%', top: '50%', width: '8px', height: '8px', margin: '-4px 0 0 -4px',
    borderRadius: '50%', border: '2px solid rgba(255,255,255,0.9)', boxShadow: '0 0 2px rgba(0,0,0,0.6)',
    pointerEvents: 'none', display: 'none', zIndex: '1',
  } satisfies Partial<CSSStyleDeclaration>);
  container.append(crosshair);

  const touchCapable = typeof navigator !== 'undefined' && (navigator.maxTouchPoints ?? 0) > 0;
  const joystick = touchCapable ? new TouchJoystick(container) : null;

  const pointer = new PointerControls(canvas, {
    mode: () => cameraMode,
    press: (x, y) => {
      const hit = pick(x, y);
      if (hit?.kind !== 'object') return false;
      pressedTwin = hit.twin !== null ? { ref: hit.twin, x, y } : null;
      const pose = client.poseAt(hit.id);
      if (!pose) return false;
      const heldByUs = client.selfId !== 0 && client.entity(hit.id)?.holderId === client.selfId;
      grab.begin(hit.id, { x: pose.x, y: pose.y, z: pose.z, yaw: pose.yaw }, performance.now(), heldByUs);
      return true;
    },
    drag: (x, y) => {
      if (pressedTwin !== null && Math.hypot(x - pressedTwin.x, y - pressedTwin.y) > 6) pressedTwin = null;
      const at = floorPoint(x, y);
      if (!at || !grab.placement) return;
      const p = clampToArea(at, moveWorld.area, 0.25);
      grab.drag({ x: p.x, y: doc.floor.y, z: p.z, yaw: grab.placement.yaw }, performance.now());
    },
    drop: () => {
      grab.end(performance.now());
      if (pressedTwin !== null) selectTwin(pressedTwin.ref);
      pressedTwin = null;
    },
    click: (x, y) => {
      const hit = pick(x, y);
      if (!hit) return;
      if (hit.kind === 'avatar') {
        const e = client.entity(hit.id);
        opts.onSelect?.({ kind: 'avatar', entityId: hit.id, name: e?.name ?? '', agent: e?.kind === 'agent' });
      } else if (hit.kind === 'twin') {
        selectTwin(hit.ref);
      } else if (hit.kind === 'asset') {
        // A speaker plays (or pauses) at once; every asset opens its card.
        if (assets.kindOf(hit.placement.id) === 'audio') assets.toggleSound(hit.placement.id);
        opts.onSelect?.({ kind: 'asset', placement: hit.placement });
      } else if (hit.kind === 'exhibit') {
        const l = opts.lang();
        opts.onSelect?.({ kind: 'exhibit', title: pickText(hit.info.title, l), description: pickText(hit.info.description, l) });
      } else if (hit.kind === 'floor') {
        const target = clampToArea(hit.point, moveWorld.area, AVATAR_RADIUS);
        clickMove = startClickMove(target, self);
      }
    },
    look: (dx, dy, sensitivity) => {
      const third = cameraMode === 'third' && !vr.presenting;
      const next = applyLook({ yaw: self.viewYaw, pitch: self.pitch }, dx, dy, sensitivity, MAX_PITCH);
      self.viewYaw = next.yaw;
      self.pitch = third ? Math.max(THIRD_MIN_PITCH, Math.min(THIRD_MAX_PITCH, next.pitch)) : next.pitch;
    },
    zoom: (delta) => { boom = zoomBoom(boom, delta); },
  });

  type Hit =
    | { kind: 'object'; id: number; twin: string | null }
    | { kind: 'avatar'; id: number }
    | { kind: 'twin'; ref: string }
    | { kind: 'asset'; placement: Placement }
    | { kind: 'exhibit'; info: ExhibitInfo }
    | { kind: 'floor'; point: { x: number; z: number } }
    | { kind: 'other' };

  const ndc = new THREE.Vector2();
  function aim(x: number, y: number): void {
    ndc.set((x / Math.max(1, canvas.clientWidth)) * 2 - 1, -(y / Math.max(1, canvas.clientHeight)) * 2 + 1);
    raycaster.setFromCamera(ndc, camera);
  }

  /** What is under canvas point (x, y): the nearest thing a click can mean. */
  function pick(x: number, y: number): Hit | null {
    aim(x, y);
    crowd.prepareForPicking();
    const avatarMeshes = crowd.pickMeshes();
    const tagMesh = tags.pickMesh();
    const hits = raycaster.intersectObjects([tagMesh, ...objects.pickMeshes(), ...avatarMeshes, assets.root, ...world.pickables], true);
    for (const h of hits) {
      if (typeof h.object.userData.objectId === 'number') {
        return { kind: 'object', id: h.object.userData.objectId, twin: twinVisuals?.refAt(h.object) ?? null };
      }
      if (h.object === tagMesh && h.instanceId !== undefined) {
        // A name tag means its entity: handy when an object sits inside furniture or a person is far.
        const id = tags.idAt(h.instanceId);
        const kind = id === undefined ? undefined : client.entity(id)?.kind;
        if (id === undefined || kind === undefined) continue;
        return kind === 'object' ? { kind: 'object', id, twin: null } : { kind: 'avatar', id };
      }
      if (avatarMeshes.includes(h.object as THREE.InstancedMesh) && h.instanceId !== undefined) {
        const id = crowd.idAt(h.instanceId);
        if (id === undefined || id === SELF_KEY) continue;  // clicks go through our own avatar
        return { kind: 'avatar', id };
      }
      const twinRef = twinVisuals?.refAt(h.object) ?? null;
      if (twinRef !== null) return { kind: 'twin', ref: twinRef };
      const placement = assets.placementAt(h.object);
      if (placement !== null) return { kind: 'asset', placement };
      const exhibit = h.object.userData.exhibit as ExhibitInfo | undefined;
      if (exhibit) return { kind: 'exhibit', info: exhibit };
      if (h.object === world.floor) return { kind: 'floor', point: { x: h.point.x, z: h.point.z } };
      return { kind: 'other' };
    }
    return null;
  }

  const planeHit = new THREE.Vector3();
  function floorPoint(x: number, y: number): { x: number; z: number } | null {
    aim(x, y);
    const p = raycaster.ray.intersectPlane(floorPlane, planeHit);
    return p ? { x: p.x, z: p.z } : null;
  }

  // ---- VR ----
  const vr = new VrSession(renderer, (presenting) => {
    if (presenting) {
      rig.position.set(self.x, self.y, self.z);
      rig.rotation.set(0, self.viewYaw, 0);
      camera.position.set(0, 0, 0);
      camera.rotation.set(0, 0, 0);
      pointer.unlock();
      start();
    } else {
      rig.position.set(0, 0, 0);
      rig.rotation.set(0, 0, 0);
      resize();
      if (document.hidden) stop();
    }
  });
  const headWorld = new THREE.Vector3();
  const headDir = new THREE.Vector3();

  /** One VR frame: the avatar follows the headset; the left stick moves the play area, the right one turns it. */
  function vrStep(dt: number): void {
    const input = vr.poll();
    camera.getWorldPosition(headWorld);
    camera.getWorldDirection(headDir);
    const headYaw = yawOf(headDir.x, headDir.z);
    if (input.turn !== 0) {
      const moved = rotateAbout(rig.position.x, rig.position.z, headWorld.x, headWorld.z, input.turn);
      rig.position.x = moved.x;
      rig.position.z = moved.z;
      rig.rotation.y = normaliseAngle(rig.rotation.y + input.turn);
    }
    const v = intentVelocity(input.intent, headYaw);
    // Where the head wants to be (room-scale walking plus the stick), limited by walls and bounds.
    const wanted = { x: headWorld.x + v.x * dt, z: headWorld.z + v.z * dt };
    const safeDt = Math.max(dt, 1e-3);
    const reached = step(self, { x: (wanted.x - self.x) / safeDt, z: (wanted.z - self.z) / safeDt }, safeDt, moveWorld);
    rig.position.x += reached.x - headWorld.x;
    rig.position.z += reached.z - headWorld.z;
    rig.position.y = self.y;
    moveSelfTo(reached, dt);
    self.viewYaw = headYaw;
    self.bodyYaw = headYaw;
    self.pitch = Math.asin(Math.max(-1, Math.min(1, headDir.y)));
  }

  function moveSelfTo(p: { x: number; z: number }, dt: number): void {
    self.vx = dt > 0 ? (p.x - self.x) / dt : 0;
    self.vz = dt > 0 ? (p.z - self.z) / dt : 0;
    self.x = p.x;
    self.z = p.z;
  }

  // ---- per frame ----
  function combinedIntent(): MoveIntent {
    const k = keysIntent(keys);
    const j = joystick?.intent();
    if (!j || (j.forward === 0 && j.right === 0)) return k;
    if (k.forward === 0 && k.right === 0) return j;
    return { forward: k.forward + j.forward, right: k.right + j.right, run: k.run || j.run };
  }

  function moveSelf(dt: number): void {
    self.viewYaw = normaliseAngle(self.viewYaw + keysTurnRate(keys) * dt);
    const intent = combinedIntent();
    let v = intentVelocity(intent, self.viewYaw);
    if (v.x !== 0 || v.z !== 0) {
      clickMove = null;
    } else if (clickMove) {
      const s = steer(clickMove, self, dt);
      if (s) v = s;
      else clickMove = null;
    }
    moveSelfTo(step(self, v, dt, moveWorld), dt);
    const speed = Math.hypot(self.vx, self.vz);
    if (cameraMode === 'first') self.bodyYaw = self.viewYaw;
    else if (speed > 0.1) self.bodyYaw = turnTowards(self.bodyYaw, yawOf(self.vx, self.vz), BODY_TURN_RATE * dt);
  }

  function selfAnimState(t: number): number {
    const speed = Math.hypot(self.vx, self.vz);
    if (speed > 2.5) return Anim.RUN;
    if (speed > 0.05) return Anim.WALK;
    if (selfAnim.gesture && t - selfAnim.gesture.startSec < GESTURE_SECONDS) return Anim.GESTURE;
    return Anim.IDLE;
  }

  function animate(a: Animated, x: number, z: number, poseSpeed: number, dt: number, t: number, anim: number) {
    // Prefer the pose's velocity; fall back to the distance moved since the last frame.
    const measured = dt > 0 ? Math.hypot(x - a.lastX, z - a.lastZ) / dt : 0;
    const speed = poseSpeed > 0.01 ? poseSpeed : measured;
    a.speed += (Math.min(speed, 12) - a.speed) * Math.min(1, dt * 10);
    a.lastX = x;
    a.lastZ = z;
    a.phase = advancePhase(a.phase, a.speed, dt);
    const gesture = a.gesture ? { kind: a.gesture.kind, age: t - a.gesture.startSec, length: a.gesture.length ?? GESTURE_SECONDS } : null;
    if (a.gesture && t - a.gesture.startSec > (a.gesture.length ?? GESTURE_SECONDS)) a.gesture = null;
    return limbPose(anim, a.speed, a.phase, t, gesture);
  }

  const keepAvatars = new Set<number>();
  let selfColourKey = '';
  const keepObjects = new Set<number>();
  const placed: Placed[] = [];
  const tagInfo = new Map<number, { label: string; y: number; highlight: boolean; badge: string }>();
  const camPos = new THREE.Vector3();

  function drawEntities(dt: number, t: number): void {
    keepAvatars.clear();
    keepObjects.clear();
    placed.length = 0;
    tagInfo.clear();
    agentFigures.begin();
    const selfId = client.selfId;
    for (const e of client.entities()) {
      if (e.id === selfId) continue;
      const pose = e.kind === 'object' && grab.phase === 'held' && grab.objectId === e.id && grab.placement
        ? { ...grab.placement, vx: 0, vy: 0, vz: 0, anim: 0, pitch: 0 }
        : client.poseAt(e.id);
      if (!pose) continue;
      if (e.kind === 'object') drawObject(e, pose, selfId, t);
      else drawAvatar(e, pose, dt, t);
    }
    if (cameraMode === 'third' && !vr.presenting) {
      keepAvatars.add(SELF_KEY);
      const colourKey = client.welcome?.userId || 'self';
      if (colourKey !== selfColourKey) { crowd.remove(SELF_KEY); selfColourKey = colourKey; }  // Welcome came
      crowd.ensure(SELF_KEY, avatarColour(colourKey), skinColour(colourKey));
      self.anim = selfAnimState(t);
      crowd.pose(SELF_KEY, self.x, self.y, self.z, self.bodyYaw,
        animate(selfAnim, self.x, self.z, Math.hypot(self.vx, self.vz), dt, t, self.anim));
    } else {
      self.anim = selfAnimState(t);
      animate(selfAnim, self.x, self.z, Math.hypot(self.vx, self.vz), dt, t, self.anim);
    }
    crowd.retainOnly(keepAvatars);
    crowd.commit();
    agentFigures.commit();
    objects.retainOnly(keepObjects);
  }

  function drawAvatar(e: EntityInfo, pose: Pose, dt: number, t: number): void {
    const agent = e.kind === 'agent';
    const key = agent ? `agent:${e.name}` : e.userId || e.name;
    keepAvatars.add(e.id);
    crowd.ensure(e.id, agent ? AGENT_UNIFORM : avatarColour(key), skinColour(key));
    let a = animated.get(e.id);
    if (!a) {
      a = { phase: (e.id * 1.7) % (Math.PI * 2), lastX: pose.x, lastZ: pose.z, speed: 0, gesture: null, cueSeq: 0 };
      animated.set(e.id, a);
    }
    const cue = agent ? opts.agents?.cue(e.id) ?? null : null;
    if (cue !== null && cue.seq !== a.cueSeq) {
      // A new line: its gesture starts now (one already playing gives way).
      a.cueSeq = cue.seq;
      if (cue.gesture !== null) a.gesture = { kind: cue.gesture, startSec: nowSec(), length: cue.gestureSeconds };
    }
    const limbs = animate(a, pose.x, pose.z, Math.hypot(pose.vx, pose.vz), dt, t, pose.anim);
    if (agent) {
      applySpeech(limbs, cue ?? IDLE_CUE, t);
      crowd.pose(e.id, pose.x, pose.y, pose.z, pose.yaw, limbs, agentParts);
      agentFigures.add(agentParts.head, agentParts.chest, cue?.mouth ?? 0, cue?.expression ?? 'neutral');
    } else {
      crowd.pose(e.id, pose.x, pose.y, pose.z, pose.yaw, limbs);
    }
    placed.push({ id: e.id, x: pose.x, y: pose.y + NAME_TAG_HEIGHT, z: pose.z });
    tagInfo.set(e.id, { label: e.name, y: pose.y + NAME_TAG_HEIGHT, highlight: false, badge: agent ? opts.agents?.badge() ?? '' : '' });
  }

  function drawObject(e: EntityInfo, pose: Pose, selfId: number, t: number): void {
    keepObjects.add(e.id);
    objects.ensure(e.id, e.name);
    const mine = grab.phase === 'held' && grab.objectId === e.id;
    const holder = mine || (e.holderId !== 0 && e.holderId === selfId) ? 'me' : e.holderId !== 0 ? 'other' : 'none';
    objects.place(e.id, pose.x, pose.y, pose.z, pose.yaw, holder, t);
    placed.push({ id: e.id, x: pose.x, y: pose.y + OBJECT_TAG_HEIGHT, z: pose.z });
    tagInfo.set(e.id, { label: e.name, y: pose.y + OBJECT_TAG_HEIGHT, highlight: holder !== 'none', badge: '' });
  }

  function drawTags(): void {
    camera.getWorldPosition(camPos);
    const requests: TagRequest[] = [];
    for (const id of nearestIds(placed, camPos.x, camPos.y, camPos.z)) {
      const p = placed.find((q) => q.id === id)!;
      const info = tagInfo.get(id)!;
      const distance = Math.hypot(p.x - camPos.x, p.y - camPos.y, p.z - camPos.z);
      const opacity = tagOpacity(distance);
      if (opacity <= 0 || !info.label) continue;
      requests.push({ id, label: info.label, x: p.x, y: info.y, z: p.z, opacity, highlight: info.highlight,
        scale: tagScale(distance), badge: info.badge });
    }
    tags.update(requests, camera, renderer);
  }

  function placeCamera(): void {
    if (vr.presenting) return;
    if (cameraMode === 'first') {
      camera.position.set(self.x, self.y + EYE_HEIGHT, self.z);
      camera.rotation.set(self.pitch, self.viewYaw, 0, 'YXZ');
      return;
    }
    const head = { x: self.x, y: self.y + 1.5, z: self.z };
    const eye = thirdPersonEye(head, self.viewYaw, self.pitch, boom, walls);
    camera.position.set(eye.x, Math.max(doc.floor.y + 0.2, eye.y), eye.z);
    camera.lookAt(head.x, head.y, head.z);
  }

  let last = 0;
  let drawCalls = 0;
  function frame(): void {
    const now = performance.now();
    const dt = last === 0 ? 0 : Math.min(0.1, (now - last) / 1000);
    if (last !== 0) frameTimes.add(now - last);
    last = now;
    const t = now / 1000;

    const l = opts.lang();
    if (l !== lang) { lang = l; world.setLanguage(l); }

    if (vr.presenting) vrStep(dt);
    else moveSelf(dt);
    world.updateLights(self.x, self.z);
    drawEntities(dt, t);
    // After drawEntities: shared objects are in this frame's places before twin labels follow them.
    twinVisuals?.update(client.serverNow(), t, dt);
    client.setSelf({ x: self.x, y: self.y, z: self.z, yaw: self.bodyYaw, pitch: self.pitch,
      vx: self.vx, vy: 0, vz: self.vz, anim: self.anim });
    grab.tick(now);
    placeCamera();
    drawTags();
    renderer.render(scene, camera);
    drawCalls = renderer.info.render.calls;
    if (!firstFrameMarked) {
      // time to the first rendered frame, read by scripts/web-bench.mjs (docs/benchmarks.md)
      firstFrameMarked = true;
      performance.mark('pujiang:first-frame');
    }
  }
  let firstFrameMarked = false;

  let running = false;
  function start(): void {
    if (running) return;
    running = true;
    last = 0;
    renderer.setAnimationLoop(frame);
  }
  function stop(): void {
    if (!running) return;
    running = false;
    renderer.setAnimationLoop(null);
  }
  const onVisibility = () => {
    if (document.hidden && !vr.presenting) { stop(); keys.clear(); }
    else start();
  };
  document.addEventListener('visibilitychange', onVisibility);

  function resize(): void {
    const w = container.clientWidth;
    const h = container.clientHeight;
    if (w === 0 || h === 0 || vr.presenting) return;
    renderer.setSize(w, h, false);
    camera.aspect = w / h;
    camera.fov = w < h ? 85 : 70;  // portrait phones: a wider vertical view, or the sides vanish
    camera.updateProjectionMatrix();
  }
  const resizeObserver = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(resize) : null;
  resizeObserver?.observe(container);
  resize();
  if (!document.hidden) start();

  let disposed = false;
  return {
    get cameraMode() { return cameraMode; },
    setCameraMode(mode) {
      if (mode === cameraMode) return;
      cameraMode = mode;
      crosshair.style.display = mode === 'first' ? 'block' : 'none';
      if (mode === 'third') {
        pointer.unlock();
        self.pitch = Math.max(THIRD_MIN_PITCH, Math.min(THIRD_MAX_PITCH, self.pitch));
      } else {
        self.viewYaw = self.bodyYaw;
        self.pitch = 0;
      }
    },
    playEmote(emote) {
      client.emote(emote);
      selfAnim.gesture = { kind: gestureOf(emote), startSec: nowSec() };
    },
    frameStats() {
      const s = frameTimes.summary();
      return { fps: s.fps, frameMsP50: s.p50, frameMsP95: s.p95, drawCalls, avatarsDrawn: crowd.count };
    },
    vrSupported: () => vrSupported(),
    enterVR: () => vr.enter(),
    setPlacements: (list) => assets.set(list),
    placements: () => assets.list(),
    toggleSound: (id) => assets.toggleSound(id),
    soundState: (id) => assets.soundState(id),
    bubbleAnchor(id) {
      if (vr.presenting) return null;  // a page overlay is not seen in the headset
      const pose = client.poseAt(id);
      if (pose === undefined || client.entity(id) === undefined) return null;
      anchorPoint.set(pose.x, pose.y + BUBBLE_HEIGHT, pose.z).project(camera);
      // Behind the camera, or well outside the view: the bubble docks instead.
      if (anchorPoint.z > 1 || Math.abs(anchorPoint.x) > 1.1 || Math.abs(anchorPoint.y) > 1.1) return null;
      return { x: (anchorPoint.x + 1) / 2 * canvas.clientWidth, y: (1 - anchorPoint.y) / 2 * canvas.clientHeight };
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      grab.end(performance.now());
      vr.exit();
      stop();
      unsubscribe.forEach((u) => u());
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
      window.removeEventListener('blur', onBlur);
      document.removeEventListener('visibilitychange', onVisibility);
      resizeObserver?.disconnect();
      pointer.dispose();
      joystick?.dispose();
      crosshair.remove();
      tags.dispose();
      twinVisuals?.dispose();
      assets.dispose();
      objects.dispose();
      agentFigures.dispose();
      crowd.dispose();
      world.dispose();
      renderer.dispose();
      canvas.remove();
    },
  };
}
