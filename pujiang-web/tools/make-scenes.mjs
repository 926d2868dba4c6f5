#!/usr/bin/env node
// Writes the scene of every space template (pujiang-server/src/main/resources/scenes/<template>.json),
// the layout GET /api/spaces/{id}/scene returns (docs/scene.md). Laid out in code so booths, counters
// and desks are placed by loops, not by hand; edit here and rerun, then `node tools/check-assets.mjs`.
//
//   cd pujiang-web && node tools/make-scenes.mjs

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Frame, Items, roomWalls, t, toJson } from './scene-kit.mjs';

const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'pujiang-server', 'src', 'main', 'resources', 'scenes');
const PI = Math.PI;

/** The default bounds of each template, as SpaceTemplate.java gives them: width, height, depth. */
export const TEMPLATE_BOUNDS = {
  exhibition: [80, 20, 60],
  meeting: [20, 6, 14],
  classroom: [24, 6, 18],
  gallery: [50, 12, 30],
  factory: [200, 30, 120],
  city: [4000, 600, 4000],
  'service-hall': [60, 12, 40],
  empty: [100, 50, 100],
};

function floorOf(template, color, grid = false) {
  const [w, , d] = TEMPLATE_BOUNDS[template];
  return { minX: -w / 2, minZ: -d / 2, maxX: w / 2, maxZ: d / 2, y: 0, color, grid };
}

const PANEL = { color: '#1a202c', background: '#ffffff' };
const SIGN = { color: '#ffffff', background: '#1f3b57' };

// ---- asset slots (docs/scene.md#asset-slots): where a space's owner may show digital assets ------

const SLOT_FRAME = { width: 2.4, height: 1.8, centre: 2.2 };
const PEDESTAL = { height: 1.0, radius: 0.5 };

/** A picture slot on the wall face through (x, z), facing yaw: the frame's back 0.02 m off the surface. */
function wallSlot(id, [x, z], yaw) {
  const f = new Frame(x, z, yaw);
  return { id, kind: 'wall', position: f.at(0, SLOT_FRAME.centre, 0.02), yaw: f.turn(), width: SLOT_FRAME.width, height: SLOT_FRAME.height };
}

/** A model slot: a pedestal standing on the floor at (x, z), what stands on it facing yaw. */
function pedestalSlot(id, [x, z], yaw = 0) {
  const slot = { id, kind: 'pedestal', position: new Frame(x, z).at(0, 0, 0), height: PEDESTAL.height, radius: PEDESTAL.radius, yaw: new Frame(0, 0, yaw).turn() };
  if (slot.yaw === 0) delete slot.yaw;
  return slot;
}

// ---- exhibition: the demo "Pujiang Digital Exhibition Hall", 80 × 60 m ---------------------------

const BOOTHS = [
  {
    key: 'city', accent: '#2f855a', image: 'booth-digital-twin-city',
    name: t('Digital Twin City', '数字孪生城市'),
    about: t('A living model of the city: buildings, roads and sensors mirrored in real time, with replay and what-if simulation.',
      '城市的实时镜像：建筑、道路与传感器同步映射，支持历史回放与推演仿真。'),
    models: [
      ['city-block', t('City block maquette', '城市街区沙盘'), t('Every building in the twin carries live data from its sensors.', '孪生中的每栋建筑都接入传感器实时数据。'), 1.2],
      ['drone', t('Survey drone', '测绘无人机'), t('Drones keep the 3D city model up to date.', '无人机持续更新城市三维模型。'), 1.5],
    ],
  },
  {
    key: 'factory', accent: '#c05621', image: 'booth-smart-factory',
    name: t('Smart Factory', '智能工厂'),
    about: t('Robot cells and machine tools report over MQTT; their twins show throughput, energy and alerts before failures.',
      '机器人与机床通过 MQTT 上报数据，孪生体实时呈现产能、能耗与故障预警。'),
    models: [
      ['robot-arm', t('Six-axis robot arm', '六轴工业机器人'), t('Its twin mirrors every joint angle live.', '孪生体实时映射每个关节角度。'), 1],
      ['cnc-machine', t('CNC machining centre', '数控加工中心'), t('Spindle temperature and load, streamed each second.', '主轴温度与负载每秒上报。'), 0.7],
    ],
  },
  {
    key: 'heritage', accent: '#975a16', image: 'booth-cultural-heritage',
    name: t('Cultural Heritage', '文化遗产'),
    about: t('Bronze ritual vessels and blue-and-white porcelain, digitised so anyone can walk round them.',
      '青铜礼器与青花瓷，数字化后人人都能近距离环绕欣赏。'),
    models: [
      ['ding', t('Bronze ding', '青铜鼎'), t('A three-legged ritual cauldron, a symbol of the state in ancient China.', '三足礼器，古代国家权力的象征。'), 1.2],
      ['vase', t('Blue-and-white vase', '青花梅瓶'), t('Cobalt blue under a clear glaze, in the meiping shape.', '釉下钴蓝，梅瓶器形。'), 1.4],
    ],
  },
  {
    key: 'energy', accent: '#2b6cb0', image: 'booth-new-energy',
    name: t('New Energy', '新能源'),
    about: t('Offshore wind, rooftop solar and battery storage, balanced by a digital twin of the grid.',
      '海上风电、屋顶光伏与储能，由电网数字孪生统一调度。'),
    models: [
      ['wind-turbine', t('Wind turbine', '风力发电机'), t('A model of the offshore turbines in the East China Sea.', '东海海上风电机组模型。'), 1],
      ['solar-panel', t('Solar array', '光伏阵列'), t('Each panel reports its output to the grid twin.', '每块光伏板向电网孪生上报发电量。'), 1],
    ],
  },
  {
    key: 'ai', accent: '#6b46c1', image: 'booth-ai-digital-humans',
    name: t('AI Digital Humans', 'AI 数字人'),
    about: t('Digital guides that answer in Chinese and English, lead tours and never close.',
      '中英双语应答、带领导览、全天候在线的数字人向导。'),
    models: [
      ['digital-human', t('Digital guide', '数字人导览员'), t('Ask it about any booth in the hall.', '可向它询问展厅内任何展位。'), 1],
    ],
  },
  {
    key: 'skyline', accent: '#b83280', image: 'booth-huangpu-skyline',
    name: t('Huangpu River & Skyline', '黄浦江与城市天际线'),
    about: t('Lujiazui in miniature: the Oriental Pearl, Jin Mao, the World Financial Center and the Shanghai Tower along the river.',
      '陆家嘴微缩景观：东方明珠、金茂大厦、环球金融中心与上海中心沿江而立。'),
    models: [
      ['skyline', t('Lujiazui skyline maquette', '陆家嘴天际线模型'), t('The towers of Pudong on the bank of the Huangpu.', '黄浦江畔的浦东高楼群。'), 1],
    ],
  },
  {
    key: 'drones', accent: '#0987a0', image: 'booth-drones',
    name: t('Low-Altitude Economy', '低空经济'),
    about: t('Drone delivery and inspection routes planned and checked in the city twin before they fly.',
      '无人机配送与巡检航线先在城市孪生中规划与校验，再实际起飞。'),
    models: [
      ['drone', t('Delivery drone', '配送无人机'), t('Routes are simulated in the twin first.', '航线先在孪生中仿真。'), 2.2],
      ['city-block', t('Route planning model', '航线规划沙盘'), t('Airspace over a city block, shared safely.', '城市街区上空的安全共享空域。'), 1],
    ],
  },
  {
    key: 'services', accent: '#c53030', image: 'guide-service-hall',
    name: t('Smart Government Services', '智慧政务'),
    about: t('A 24-hour service hall: take a number at the kiosk, or finish the whole case online.',
      '24 小时政务服务：自助机取号，或全程网上办理。'),
    models: [
      ['kiosk', t('Self-service kiosk', '自助服务终端'), t('Identity check, forms and receipts, any time of day.', '身份核验、填表与回执，全天可用。'), 1],
      ['digital-human', t('Service assistant', '政务数字人'), t('Explains which counter handles your case.', '告诉您该去哪个窗口办理。'), 1],
    ],
  },
];

/** One booth, laid out in its own frame: visitors stand on its local +Z side. */
function booth(items, lights, b, f) {
  const id = (s) => `booth-${b.key}-${s}`;
  items.box(id('carpet'), [0, 0, -0.3], [12, 0.04, 7], b.accent, { f });
  items.box(id('backwall'), [0, 0, -3.45], [12, 5, 0.3], '#f7fafc', { f });
  items.box(id('fascia'), [0, 4.2, -3.25], [12, 0.8, 0.1], b.accent, { f });
  items.text(id('header'), b.name, [0, 4.6, -3.19], 8, 0.7, { f, color: '#ffffff', background: b.accent, title: b.name });
  items.image(id('poster'), b.image, [-2.2, 2.4, -3.27], 5.6, 3.5, { f, title: b.name, description: b.about });
  items.text(id('about'), { en: `${b.name.en}\n\n${b.about.en}`, 'zh-CN': `${b.name['zh-CN']}\n\n${b.about['zh-CN']}` },
    [3.6, 2.4, -3.27], 3.8, 3.5, { f, ...PANEL, title: b.name, description: b.about });
  // The reception counter runs along the booth's right edge, so it hides neither models nor poster.
  items.box(id('counter'), [5.1, 0, 1.2], [2.6, 1.05, 0.8], '#edf2f7', { f, yaw: PI / 2 });
  items.box(id('counter-top'), [5.1, 1.05, 1.2], [2.8, 0.06, 0.9], b.accent, { f, yaw: PI / 2 });
  // One model stands between the poster and the text; two stand before each of them.
  const spots = b.models.length === 1 ? [[1.1, 0.2]] : [[-2.6, -0.6], [2.6, -0.6]];
  b.models.forEach(([model, title, description, scale], i) => {
    const [lx, lz] = spots[i];
    // Big models (turbine, robot, machine, skyline, figure) stand on a low dais; small ones on a pedestal.
    const small = ['ding', 'vase', 'drone', 'city-block', 'bronze-mirror', 'solar-panel'].includes(model);
    const plinthHeight = small ? 0.9 : 0.25;
    items.cylinder(id(`plinth-${i + 1}`), [lx, 0, lz], small ? 0.9 : 1.5, plinthHeight, '#e2e8f0', { f });
    items.model(id(`model-${i + 1}`), model, [lx, plinthHeight, lz], { f, scale: scale === 1 ? undefined : scale, title, description });
  });
  lights.push({ type: 'spot', position: f.at(0, 8, 4), target: f.at(0, 1.5, -2), color: '#fff4e0', intensity: 100, angle: 0.7 });
}

function exhibition() {
  const items = new Items();
  const lights = [];
  // Outer walls, with a 12 m entrance in the middle of the south side.
  const walls = roomWalls({ minX: -39.5, minZ: -29.5, maxX: 39.5, maxZ: 29.5, height: 8, thickness: 0.4, color: '#e8edf2', openings: [['south', -6, 6]] });
  // Pillars at the entrance.
  items.box('entrance-pillar-west', [-6.6, 0, 29], [1.2, 8.4, 1.0], '#1f3b57');
  items.box('entrance-pillar-east', [6.6, 0, 29], [1.2, 8.4, 1.0], '#1f3b57');
  items.box('entrance-lintel', [0, 7, 29], [14.4, 1.4, 1.0], '#1f3b57');
  // Over the door, read on the way out (the hall is all there is: visitors start inside it).
  items.text('entrance-sign', t('Pujiang Digital Exhibition Hall', '浦江数字展览馆'), [0, 7.7, 28.48], 12, 1.2, { ...SIGN, yaw: PI, title: t('Pujiang Digital Exhibition Hall', '浦江数字展览馆') });

  // Welcome: a freestanding text panel and the banner, angled towards the door, leaving the axis open.
  const welcome = t(
    'Welcome to the Pujiang Digital Exhibition Hall\n\nEight booths show how the real and the digital meet: digital twin cities and factories, new energy, cultural heritage, AI digital humans and the Huangpu skyline.\n\nWalk with W A S D or the arrow keys, drag to look around, click an exhibit to learn more. No registration needed.',
    '欢迎来到浦江数字展览馆\n\n八个展位展示虚实融合：数字孪生城市与工厂、新能源、文化遗产、AI 数字人与黄浦江天际线。\n\n用 W A S D 或方向键行走，拖动鼠标环顾四周，点击展品查看介绍。无需注册即可参观。');
  const left = new Frame(-7.5, 17.5, 0.6);
  items.box('welcome-stand', [0, 0, -0.1], [5.4, 3.4, 0.2], '#1f3b57', { f: left });
  items.text('welcome-text', welcome, [0, 1.9, 0.01], 5, 2.9, { f: left, ...PANEL, title: t('Welcome', '欢迎') });
  const right = new Frame(7.5, 17.5, -0.6);
  items.box('banner-stand', [0, 0, -0.1], [5.4, 3.6, 0.2], '#1f3b57', { f: right });
  items.image('welcome-banner', 'welcome-banner', [0, 2.0, 0.01], 5.0, 3.125, { f: right, title: t('Pujiang Digital Exhibition Hall', '浦江数字展览馆'), description: t('Mapping, interaction, fusion: the three pillars of Pujiang.', '虚实映射、虚实交互、虚实融合：浦江的三大支柱。') });

  // Booths: four along the north wall, two on each side wall.
  BOOTHS.slice(0, 4).forEach((b, i) => booth(items, lights, b, new Frame(-27 + i * 18, -24.5, 0)));
  booth(items, lights, BOOTHS[4], new Frame(-34.5, -6, PI / 2));
  booth(items, lights, BOOTHS[5], new Frame(-34.5, 11, PI / 2));
  booth(items, lights, BOOTHS[6], new Frame(34.5, -6, -PI / 2));
  booth(items, lights, BOOTHS[7], new Frame(34.5, 11, -PI / 2));

  // The centrepiece: the Oriental Pearl on a round plinth, with a caption on the visitors' side.
  items.cylinder('plinth-base', [0, 0, 0], 4, 0.3, '#cbd5e0');
  items.cylinder('plinth', [0, 0.3, 0], 3.2, 0.5, '#f7fafc');
  items.model('feature-pearl-tower', 'pearl-tower', [0, 0.8, 0], {
    scale: 1.1,
    title: t('Oriental Pearl Tower', '东方明珠广播电视塔'),
    description: t('Shanghai\'s 468 m TV tower of 1994, whose "pearls" are the emblem of the Huangpu waterfront.', '1994 年落成、高 468 米的上海广播电视塔，其“明珠”是黄浦江畔的标志。'),
  });
  items.box('feature-caption-stand', [0, 0, 4.6], [2.6, 1.0, 0.3], '#1f3b57');
  items.text('feature-caption', t('Oriental Pearl Tower\nShanghai, 1994 · 468 m', '东方明珠广播电视塔\n上海 · 1994 年 · 468 米'), [0, 1.35, 4.6], 2.6, 0.7, { ...SIGN, title: t('Oriental Pearl Tower', '东方明珠广播电视塔') });
  lights.push({ type: 'spot', position: [0, 14, 8], target: [0, 4, 0], color: '#ffffff', intensity: 400, angle: 0.5 });

  // Rest areas: benches and plants round the plinth, out of the main aisles.
  for (const [x, z, k] of [[-10, -8, 'nw'], [10, -8, 'ne'], [-10, 8, 'sw'], [10, 8, 'se']]) {
    items.box(`bench-${k}`, [x, 0, z], [3, 0.45, 0.7], '#8b5e3c');
    items.cylinder(`planter-${k}`, [x + (x < 0 ? -2.6 : 2.6), 0, z], 0.5, 0.3, '#cbd5e0');
    items.model(`plant-${k}`, 'potted-plant', [x + (x < 0 ? -2.6 : 2.6), 0.3, z], { scale: 1.3, title: t('Plant', '绿植') });
  }
  // A column of the hall's structure at each quarter, with a wayfinding sign.
  for (const [x, z, k] of [[-18, -12, 'nw'], [18, -12, 'ne'], [-18, 12, 'sw'], [18, 12, 'se']]) {
    items.cylinder(`column-${k}`, [x, 0, z], 0.5, 8, '#d5dde6');
  }
  items.text('wayfinding-west', t('← AI Digital Humans · Huangpu Skyline', '← AI 数字人 · 黄浦江天际线'), [-18, 3, 11.45], 3.6, 0.6, { ...SIGN, title: t('Directions', '指引') });
  items.text('wayfinding-east', t('Low-Altitude Economy · Smart Services →', '低空经济 · 智慧政务 →'), [18, 3, 11.45], 3.6, 0.6, { ...SIGN, title: t('Directions', '指引') });

  lights.push({ type: 'point', position: [-20, 7, 18], color: '#ffffff', intensity: 80, distance: 40 });
  lights.push({ type: 'point', position: [20, 7, 18], color: '#ffffff', intensity: 80, distance: 40 });

  return {
    version: 1,
    template: 'exhibition',
    title: t('Pujiang Digital Exhibition Hall', '浦江数字展览馆'),
    environment: {
      background: '#dfe8f1',
      fog: { color: '#dfe8f1', near: 60, far: 160 },
      ambient: { color: '#ffffff', intensity: 0.9 },
      sun: { color: '#fffaf0', intensity: 1.6, direction: [-0.35, -1, -0.45] },
    },
    floor: { ...floorOf('exhibition', '#c9d2dc'), grid: false },
    walls,
    lights,
    items: items.list,
    spawn: { x: 0, y: 0, z: 26.5, yaw: 0 },
    // Pictures in the gaps between the booths on the north wall, between the side booths, and beside the
    // door (seen on the way out); pedestals in the open hall, clear of the aisles round the plinth.
    slots: [
      wallSlot('wall-1', [-18, -29.3], 0),
      wallSlot('wall-2', [0, -29.3], 0),
      wallSlot('wall-3', [18, -29.3], 0),
      wallSlot('wall-4', [-39.3, 2.5], PI / 2),
      wallSlot('wall-5', [39.3, 2.5], -PI / 2),
      wallSlot('wall-6', [-20, 29.3], PI),
      pedestalSlot('pedestal-1', [-10, 0]),
      pedestalSlot('pedestal-2', [10, 0]),
      pedestalSlot('pedestal-3', [-22, 3]),
      pedestalSlot('pedestal-4', [22, 3]),
    ],
  };
}

// ---- meeting room, 20 × 14 m --------------------------------------------------------------------

/** A wall with a band of windows: a sill, pale glass and a lintel (the floor plan's light colours). */
function windowWall(from, to, height, { sill = 0.9, lintel = 0.4, wall, glass }) {
  return [
    { from, to, height: sill, thickness: 0.2, color: wall },
    { from, to, height: height - sill - lintel, thickness: 0.08, color: glass, y: sill },
    { from, to, height: lintel, thickness: 0.2, color: wall, y: height - lintel },
  ];
}

function chair(items, id, [x, z], facing, color) {
  // facing: the yaw the seated person has; the backrest is behind them.
  const f = new Frame(x, z, facing);
  items.box(`${id}-seat`, [0, 0, 0], [0.55, 0.46, 0.55], color, { f });
  items.box(`${id}-back`, [0, 0.46, 0.26], [0.55, 0.5, 0.07], color, { f });
}

function meeting() {
  const items = new Items();
  const H = 3.4;
  const wall = '#f4f1ec';
  const walls = [
    ...roomWalls({ minX: -9.8, minZ: -6.8, maxX: 9.8, maxZ: 6.8, height: H, thickness: 0.2, color: wall, openings: [['south', 5.5, 7.3], ['east', -6.8, 6.8]] }),
    ...windowWall([9.8, -6.8], [9.8, 6.8], H, { wall, glass: '#cfe8fb' }),
  ];
  // The long table and its chairs: six a side and one at the far end.
  items.box('table-top', [0, 0.7, 0], [8, 0.06, 2.2], '#8b5e3c', { title: t('Meeting table', '会议桌') });
  items.box('table-base-west', [-2.8, 0, 0], [0.5, 0.7, 1.2], '#4a5568');
  items.box('table-base-east', [2.8, 0, 0], [0.5, 0.7, 1.2], '#4a5568');
  const xs = [-3.25, -1.95, -0.65, 0.65, 1.95, 3.25];
  xs.forEach((x, i) => {
    chair(items, `chair-n${i + 1}`, [x, -1.55], PI, '#2d3748'); // north side faces south (+Z)
    chair(items, `chair-s${i + 1}`, [x, 1.55], 0, '#2d3748');
  });
  chair(items, 'chair-head', [4.6, 0], PI / 2, '#2b6cb0'); // at the east end, facing the screen in the west
  for (let i = 0; i < 8; i++) chair(items, `chair-wall-${i + 1}`, [-7 + i * 1.2, 6.1], 0, '#4a5568'); // for observers, facing the table
  items.box('table-centre', [0, 0.76, 0], [1.2, 0.06, 0.4], '#2d3748', { title: t('Conference phone', '会议电话') });

  // The screen on the west wall and the whiteboard on the north wall.
  items.box('screen-frame', [-9.62, 0.6, 0], [0.1, 3.0, 4.8], '#1a202c');
  items.image('screen', 'screen-meeting', [-9.55, 2.1, 0], 4.6, 2.875, { yaw: PI / 2, title: t('Meeting screen', '会议屏幕'), description: t('Agenda and figures for today\'s meeting.', '今天会议的议程与数据。') });
  items.box('whiteboard-frame', [3, 0.75, -6.62], [3.8, 1.8, 0.06], '#a0aec0');
  items.text('whiteboard', t(
    'Agenda\n1. Review of last quarter\n2. Digital twin projects\n3. Service hall statistics\n4. Plan for next quarter\n\nNotes: keep it short!',
    '议程\n1. 上季度回顾\n2. 数字孪生项目进展\n3. 服务大厅数据\n4. 下季度计划\n\n备注：发言请简短！'), [3, 1.65, -6.58], 3.6, 1.6, { ...PANEL, title: t('Whiteboard', '白板') });
  items.text('room-sign', t('Meeting Room · up to 24 people', '会议室 · 可容纳 24 人'), [-3.5, 2.5, -6.68], 3.2, 0.5, { ...SIGN, title: t('Meeting Room', '会议室') });

  // A sideboard with water, and plants in the corners (a cylinder stand and a plant model).
  items.box('sideboard', [-4, 0, -6.35], [3, 0.9, 0.6], '#8b5e3c');
  items.cylinder('water-jug', [-4.8, 0.9, -6.35], 0.1, 0.3, '#bee3f8', { title: t('Water', '饮用水') });
  for (const [x, z, k] of [[-9, -6, 'nw'], [9, -6, 'ne'], [-9, 6, 'sw'], [9, 6, 'se']]) {
    items.cylinder(`plant-stand-${k}`, [x, 0, z], 0.3, 0.25, '#e2e8f0');
    items.model(`plant-${k}`, 'potted-plant', [x, 0.25, z], { title: t('Plant', '绿植') });
  }
  items.box('rug', [0, 0, 0], [11, 0.02, 5], '#6b7f99');

  return {
    version: 1,
    template: 'meeting',
    title: t('Meeting Room', '会议室'),
    environment: {
      background: '#eaf4ff',
      ambient: { color: '#ffffff', intensity: 1.0 },
      sun: { color: '#fff8e7', intensity: 1.4, direction: [-0.6, -1, -0.2] },
    },
    floor: floorOf('meeting', '#b7a58c'),
    walls,
    lights: [
      { type: 'point', position: [-2.5, 3.1, 0], color: '#fff7e6', intensity: 12, distance: 12 },
      { type: 'point', position: [2.5, 3.1, 0], color: '#fff7e6', intensity: 12, distance: 12 },
    ],
    items: items.list,
    spawn: { x: 6.4, y: 0, z: 5.4, yaw: 0.9 },
  };
}

// ---- 24-hour service hall, 60 × 40 m ------------------------------------------------------------

const SERVICES = [
  t('Residence and ID', '户籍与身份证'),
  t('Residence and ID', '户籍与身份证'),
  t('Business licences', '企业开办'),
  t('Business licences', '企业开办'),
  t('Social insurance', '社会保险'),
  t('Housing fund', '住房公积金'),
  t('Tax', '税务'),
  t('Priority and accessible', '优先与无障碍'),
];

function serviceHall() {
  const items = new Items();
  const lights = [];
  const walls = roomWalls({ minX: -29.6, minZ: -19.6, maxX: 29.6, maxZ: 19.6, height: 7, thickness: 0.3, color: '#f1ede6', openings: [['south', -5, 5]] });
  items.text('hall-title', t('24-Hour Government Service Hall · 24小时政务服务大厅', '24小时政务服务大厅 · 24-Hour Government Service Hall'), [0, 5.6, -19.4], 22, 1.4, { color: '#ffffff', background: '#9b2c2c', title: t('24-Hour Government Service Hall', '24小时政务服务大厅'), description: t('Open day and night. Take a number at a kiosk and wait to be called.', '全天候开放。请在自助机取号后等候叫号。') });

  // Counters 1..8 along the north side: desk, staff chair, glass divider, and a bilingual sign above.
  SERVICES.forEach((service, i) => {
    const n = i + 1;
    const x = -24.5 + i * 7;
    const f = new Frame(x, -14, 0);
    items.box(`counter-${n}-desk`, [0, 0, 0], [5, 1.1, 1.0], '#f7fafc', { f, title: t(`Counter ${n}`, `${n} 号窗口`), description: service });
    items.box(`counter-${n}-top`, [0, 1.1, 0], [5.2, 0.05, 1.1], '#9b2c2c', { f });
    items.box(`counter-${n}-plate`, [0, 0.45, 0.52], [0.9, 0.5, 0.02], '#9b2c2c', { f });
    items.box(`counter-${n}-staff-chair`, [0, 0, -1.3], [0.6, 0.5, 0.6], '#2d3748', { f });
    items.model(`counter-${n}-clerk`, 'digital-human', [0, 0, -1.9], { f, title: t(`Clerk at counter ${n}`, `${n} 号窗口工作人员`), description: t('A digital clerk who explains the forms for this counter.', '讲解本窗口所需材料的数字人工作人员。') });
    if (n < 8) items.box(`counter-${n}-divider`, [3.5, 0, 0], [0.08, 1.9, 1.6], '#bee3f8', { f });
    items.text(`counter-${n}-sign`, {
      en: `${n}\nCounter ${n} · ${n}号窗口\n${service.en}`,
      'zh-CN': `${n}\n${n}号窗口 · Counter ${n}\n${service['zh-CN']}`,
    }, [0, 3.1, -0.3], 3.6, 1.5, { f, color: '#ffffff', background: n === 8 ? '#2f855a' : '#9b2c2c', title: t(`Counter ${n}`, `${n} 号窗口`), description: service });
  });
  items.box('counter-backwall', [0, 0, -17.6], [58, 2.4, 0.2], '#e2d9cc');

  // Queue screens on the side walls, turned towards the waiting seats.
  const queue = t(
    'Now serving · 正在办理\nA023 → 1     A024 → 2\nB011 → 3     B012 → 4\nC005 → 5     D008 → 6\nE003 → 7     V001 → 8',
    '正在办理 · Now serving\nA023 → 1 号窗口   A024 → 2 号窗口\nB011 → 3 号窗口   B012 → 4 号窗口\nC005 → 5 号窗口   D008 → 6 号窗口\nE003 → 7 号窗口   V001 → 8 号窗口');
  for (const [x, yaw, side] of [[-29.2, PI / 2, 'west'], [29.2, -PI / 2, 'east']]) {
    const f = new Frame(x, 2, yaw);
    items.box(`queue-screen-${side}-frame`, [0, 2.2, 0], [8.4, 2.9, 0.4], '#1a202c', { f });
    items.text(`queue-screen-${side}`, queue, [0, 3.65, 0.25], 8, 2.6, { f, color: '#f6e05e', background: '#111827', title: t('Queue numbers', '叫号屏'), description: t('When your number appears, go to the counter shown.', '看到您的号码后，请前往所示窗口。') });
  }

  // Waiting seats: two blocks of four rows, facing the counters.
  for (const [bx, side] of [[-10, 'west'], [10, 'east']]) {
    for (let r = 0; r < 4; r++) {
      const z = -1 + r * 2.6;
      const f = new Frame(bx, z, 0);
      items.box(`seats-${side}-${r + 1}`, [0, 0, 0], [8, 0.45, 0.6], '#3182ce', { f, title: t('Waiting seats', '候办座椅') });
      items.box(`seats-${side}-${r + 1}-back`, [0, 0.45, 0.28], [8, 0.5, 0.06], '#2c5282', { f });
    }
  }

  // The information desk by the door, with an AI guide.
  items.box('info-desk', [-13, 0, 14], [5, 1.1, 1.4], '#f7fafc', { title: t('Information desk', '咨询台') });
  items.box('info-desk-top', [-13, 1.1, 14], [5.2, 0.05, 1.5], '#2f855a');
  items.text('info-sign', t('Information · 咨询台', '咨询台 · Information'), [-13, 2.9, 13.5], 3.6, 0.8, { color: '#ffffff', background: '#2f855a', title: t('Information desk', '咨询台') });

  // Self-service kiosks on the east side of the door.
  for (let i = 0; i < 4; i++) {
    items.model(`kiosk-${i + 1}`, 'kiosk', [11 + i * 1.6, 0, 13], {
      title: t('Self-service kiosk', '自助服务终端'),
      description: t('Take a queue number, print certificates, pay fees. Open 24 hours.', '取号、打印证明、缴费，24 小时可用。'),
    });
  }
  items.text('kiosk-sign', t('Self-service · 自助服务区', '自助服务区 · Self-service'), [13.4, 2.8, 12.3], 6, 0.8, { color: '#ffffff', background: '#2b6cb0', title: t('Self-service area', '自助服务区') });
  items.box('guide-board-stand', [22, 0, 14], [0.3, 1.0, 0.3], '#4a5568');
  items.image('guide-board', 'guide-service-hall', [22, 1.9, 14], 2.6, 1.625, { yaw: -0.4, title: t('Counters guide', '窗口指南'), description: t('Which counter handles which case.', '各窗口办理的业务。') });
  items.text('hours-sign', t('Open 24 hours · 7 days', '全天候开放 · 每周 7 天'), [-20, 2.4, 19.4], 5, 0.9, { ...SIGN, yaw: PI, title: t('Opening hours', '开放时间') });

  for (const [x, z, k] of [[-28.5, -3, 'w1'], [28.5, -3, 'e1'], [-28.5, 18.5, 'w2'], [28.5, 18.5, 'e2'], [-6.5, 18.5, 'door-w'], [6.5, 18.5, 'door-e']]) {
    items.model(`plant-${k}`, 'potted-plant', [x, 0, z], { scale: 1.2, title: t('Plant', '绿植') });
  }
  for (const x of [-20, 0, 20]) lights.push({ type: 'point', position: [x, 6.5, -8], color: '#ffffff', intensity: 60, distance: 30 });
  lights.push({ type: 'point', position: [0, 6.5, 12], color: '#fff7e6', intensity: 60, distance: 30 });

  return {
    version: 1,
    template: 'service-hall',
    title: t('24-Hour Government Service Hall', '24小时政务服务大厅'),
    environment: {
      background: '#e9eef3',
      ambient: { color: '#ffffff', intensity: 0.95 },
      sun: { color: '#fffaf0', intensity: 1.4, direction: [0.3, -1, -0.5] },
    },
    floor: floorOf('service-hall', '#d8d2c8'),
    walls,
    lights,
    items: items.list,
    spawn: { x: 0, y: 0, z: 17.5, yaw: 0 },
  };
}

// ---- classroom, 24 × 18 m -----------------------------------------------------------------------

function classroom() {
  const items = new Items();
  const H = 3.6;
  const wall = '#f5f0e6';
  const walls = [
    ...roomWalls({ minX: -11.8, minZ: -8.8, maxX: 11.8, maxZ: 8.8, height: H, thickness: 0.2, color: wall, openings: [['east', 4.5, 6.5], ['west', -8.8, 8.8]] }),
    ...windowWall([-11.8, 8.8], [-11.8, -8.8], H, { wall, glass: '#d4ecfb' }),
  ];
  // The board: a slide screen in the middle, a chalk board either side.
  items.box('board-frame', [0, 0.7, -8.62], [13.4, 2.6, 0.08], '#5a4632');
  items.image('board-screen', 'screen-classroom', [0, 2.0, -8.55], 4.0, 2.5, { title: t('Lesson slide', '课件'), description: t('Lesson 1: what a digital twin is.', '第一课：什么是数字孪生。') });
  items.text('board-left', t('Today\n· Digital twins\n· Sensors and MQTT\n· Questions', '今日内容\n· 数字孪生\n· 传感器与 MQTT\n· 答疑'), [-4.4, 2.0, -8.55], 4.2, 2.3, { color: '#f7fafc', background: '#2f4f3a', title: t('Blackboard', '黑板') });
  items.text('board-right', t('Homework\nFind one thing in your home that could have a digital twin.', '作业\n找出家中一件可以拥有数字孪生的物品。'), [4.4, 2.0, -8.55], 4.2, 2.3, { color: '#f7fafc', background: '#2f4f3a', title: t('Blackboard', '黑板') });
  items.box('teacher-desk', [0, 0, -6.4], [2.4, 0.8, 0.9], '#8b5e3c', { title: t('Teacher\'s desk', '讲台') });
  items.box('lectern', [2.2, 0, -6.6], [0.7, 1.1, 0.6], '#6b4f35');
  chair(items, 'teacher-chair', [0, -7.3], PI, '#2d3748');

  // Twenty desks in five rows of four, each with a chair behind it.
  for (let r = 0; r < 5; r++) {
    for (let c = 0; c < 4; c++) {
      const x = -6.6 + c * 4.4;
      const z = -3.4 + r * 2.3;
      const id = `desk-${r + 1}-${c + 1}`;
      items.box(id, [x, 0, z], [1.4, 0.75, 0.6], '#c49a6c');
      chair(items, `${id}-chair`, [x, z + 0.7], 0, '#3182ce');
    }
  }
  items.box('bookshelf', [6, 0, 8.45], [4, 1.8, 0.4], '#8b5e3c', { title: t('Bookshelf', '书架') });
  items.model('globe-plant', 'potted-plant', [10.8, 0, -7.8], { title: t('Plant', '绿植') });
  items.model('plant-back', 'potted-plant', [10.8, 0, 8], { title: t('Plant', '绿植') });
  items.text('class-sign', t('Classroom · Digital Skills', '教室 · 数字技能课'), [-7.5, 2.9, -8.62], 3.4, 0.5, { ...SIGN, title: t('Classroom', '教室') });

  return {
    version: 1,
    template: 'classroom',
    title: t('Classroom', '教室'),
    environment: {
      background: '#eef5fb',
      ambient: { color: '#ffffff', intensity: 1.0 },
      sun: { color: '#fff8e7', intensity: 1.4, direction: [0.6, -1, 0.1] },
    },
    floor: floorOf('classroom', '#c8b497'),
    walls,
    lights: [
      { type: 'point', position: [-4, 3.3, 0], color: '#ffffff', intensity: 12, distance: 14 },
      { type: 'point', position: [4, 3.3, 0], color: '#ffffff', intensity: 12, distance: 14 },
    ],
    items: items.list,
    spawn: { x: 0, y: 0, z: 7.8, yaw: 0 },
  };
}

// ---- gallery, 50 × 30 m -------------------------------------------------------------------------

const ARTWORKS = [
  ['art-tide', t('Tide of the Huangpu', '黄浦潮'), t('Layers of blue for the river that runs through Shanghai.', '层层蓝色，描绘穿城而过的黄浦江。')],
  ['art-mountains', t('Ink Mountains', '水墨山峦'), t('Ridges fading into mist, after the ink-wash tradition.', '山脊隐入云雾，致敬水墨传统。')],
  ['art-lattice', t('Garden Lattice', '园林花窗'), t('Shapes from the lattice windows of Jiangnan gardens.', '取自江南园林花窗的几何纹样。')],
  ['art-circles', t('Lanterns', '灯会'), t('The warm glow of the Yuyuan lantern festival.', '豫园灯会的暖色光晕。')],
  ['art-night', t('Bund at Night', '外滩夜色'), t('Lujiazui\'s towers against a starry sky.', '星空下的陆家嘴楼群。')],
  ['art-stripes', t('Silk Road', '丝路'), t('Threads of colour, as on a loom.', '如织机上的彩色丝线。')],
  ['art-jade', t('Jade Pond', '玉池'), t('Green on green, like light through jade.', '层层叠绿，如光透美玉。')],
  ['art-water-town', t('Water Town', '水乡'), t('Grey roofs and canals of the towns around Shanghai.', '上海周边水乡的黛瓦与河道。')],
  ['art-bamboo', t('Bamboo Grove', '竹林'), t('Green stems leaning in the wind.', '风中摇曳的青竹。')],
  ['art-sunrise', t('Sunrise over Sheshan', '佘山日出'), t('Warm light on the hills west of the city.', '城西群山上的晨光。')],
];

function gallery() {
  const items = new Items();
  const H = 6;
  const walls = [
    ...roomWalls({ minX: -24.6, minZ: -14.6, maxX: 24.6, maxZ: 14.6, height: H, thickness: 0.3, color: '#fbfaf7', openings: [['south', -3, 3]] }),
    // A freestanding partition in the middle, hung on both faces.
    { from: [-9, 0], to: [9, 0], height: 4, thickness: 0.4, color: '#f3efe8' },
  ];
  // Where each artwork hangs: [x, z, yaw] with the picture's face towards the room.
  const spots = [
    [-12, -14.4, 0], [0, -14.4, 0], [12, -14.4, 0], // north wall
    [-24.4, 0, PI / 2], [24.4, 0, -PI / 2], // west and east walls
    [-4.5, -0.22, PI], [4.5, 0.22, 0], // the partition's two faces
    [-14, 14.4, PI], // south wall, west of the door
    [4.5, -0.22, PI], [-4.5, 0.22, 0], // the partition again
  ];
  ARTWORKS.forEach(([image, title, description], i) => {
    const [x, z, yaw] = spots[i];
    const f = new Frame(x, z, yaw);
    items.box(`art-${i + 1}-frame`, [0, 1.0, 0.03], [4.4, 2.9, 0.06], '#3d2b1f', { f });
    items.image(`art-${i + 1}`, image, [0, 2.45, 0.08], 4.0, 2.5, { f, title, description });
    items.text(`art-${i + 1}-label`, { en: `${title.en}\n${description.en}`, 'zh-CN': `${title['zh-CN']}\n${description['zh-CN']}` },
      [2.9, 1.5, 0.03], 1.2, 0.6, { f, ...PANEL, title });
  });
  items.text('gallery-title', t('Pujiang Gallery · Shanghai in Colour', '浦江画廊 · 色彩上海'), [14, 2.6, 14.42], 8, 1, { ...SIGN, yaw: PI, title: t('Pujiang Gallery', '浦江画廊') });
  items.text('gallery-intro', t(
    'Pujiang Gallery\nTen generative works on the colours of Shanghai: the river, gardens, lanterns and water towns. Click a picture to read about it.',
    '浦江画廊\n十幅生成艺术作品，描绘上海的色彩：江河、园林、灯会与水乡。点击画作查看介绍。'), [-5, 1.6, 5], 3.6, 1.6, { ...PANEL, yaw: 0.5, title: t('About the gallery', '画廊简介') });
  items.box('gallery-intro-stand', [-5, 0, 4.9], [3.8, 0.75, 0.15], '#3d2b1f', { yaw: 0.5 });
  // Benches facing the walls, and a sculpture at each end of the partition.
  for (const [x, z, k] of [[-12, -8, 'nw'], [12, -8, 'ne'], [-12, 8, 'sw'], [12, 8, 'se']]) items.box(`bench-${k}`, [x, 0, z], [3.2, 0.45, 0.8], '#5b4636');
  items.cylinder('pedestal-west', [-11.5, 0, 0], 0.55, 1.0, '#ffffff');
  items.model('sculpture-vase', 'vase', [-11.5, 1.0, 0], { scale: 1.2, title: t('Blue-and-white vase', '青花梅瓶'), description: t('Porcelain, made as a 3D study for the gallery.', '为画廊制作的瓷器三维习作。') });
  items.cylinder('pedestal-east', [11.5, 0, 0], 0.55, 1.0, '#ffffff');
  items.model('sculpture-mirror', 'bronze-mirror', [11.5, 1.0, 0], { yaw: -PI / 2, scale: 1.3, title: t('Bronze mirror', '青铜镜'), description: t('A polished bronze mirror with concentric rings.', '饰有同心圆纹的青铜镜。') });
  for (const [x, z, k] of [[-23.5, -13.5, 'nw'], [23.5, -13.5, 'ne'], [-23.5, 13.5, 'sw'], [23.5, 13.5, 'se']]) items.model(`plant-${k}`, 'potted-plant', [x, 0, z], { title: t('Plant', '绿植') });

  const lights = [];
  for (const [x, z] of [[-12, -9], [12, -9], [-12, 9], [12, 9], [-20, 0], [20, 0]]) lights.push({ type: 'point', position: [x, 5.5, z], color: '#fff4e0', intensity: 40, distance: 22 });
  return {
    version: 1,
    template: 'gallery',
    title: t('Gallery', '画廊'),
    environment: {
      background: '#f2efe9',
      ambient: { color: '#ffffff', intensity: 0.9 },
      sun: { color: '#ffffff', intensity: 1.2, direction: [-0.2, -1, -0.3] },
    },
    floor: floorOf('gallery', '#9c8670'),
    walls,
    lights,
    items: items.list,
    spawn: { x: 0, y: 0, z: 12.5, yaw: 0 },
    // Pictures between the artworks on the north, west and east walls; pedestals towards the side walls,
    // turned to the middle of the room.
    slots: [
      wallSlot('wall-1', [-5.35, -14.45], 0),
      wallSlot('wall-2', [6.65, -14.45], 0),
      wallSlot('wall-3', [-24.45, -8.5], PI / 2),
      wallSlot('wall-4', [24.45, -8.5], -PI / 2),
      wallSlot('wall-5', [-24.45, 8.5], PI / 2),
      wallSlot('wall-6', [24.45, 8.5], -PI / 2),
      pedestalSlot('pedestal-1', [-18, -5], PI / 2),
      pedestalSlot('pedestal-2', [18, -5], -PI / 2),
      pedestalSlot('pedestal-3', [-18, 5], PI / 2),
      pedestalSlot('pedestal-4', [18, 5], -PI / 2),
    ],
  };
}

// ---- factory, 200 × 120 m -----------------------------------------------------------------------

function factory() {
  const items = new Items();
  const walls = roomWalls({ minX: -98, minZ: -58, maxX: 98, maxZ: 58, height: 12, thickness: 0.5, color: '#cfd6de', openings: [['south', -12, 12]] });
  items.text('factory-title', t('Pujiang Smart Factory · Digital Twin', '浦江智能工厂 · 数字孪生'), [0, 10, -57.7], 24, 2.2, { color: '#ffffff', background: '#22543d', title: t('Pujiang Smart Factory', '浦江智能工厂') });
  items.image('dashboard', 'screen-factory', [0, 5.5, -57.7], 11.2, 7.0, { title: t('Line dashboard', '产线看板'), description: t('Live throughput, energy and alerts of the lines, as their twins report them.', '产线孪生实时上报的产量、能耗与告警。') });

  // Three production lines running east-west: machines feed a conveyor worked by robot arms.
  for (let l = 0; l < 3; l++) {
    const z = -30 + l * 24;
    const line = `line-${'abc'[l]}`;
    const name = t(`Line ${'ABC'[l]}`, `${'ABC'[l]} 号产线`);
    items.box(`${line}-lane`, [0, 0, z], [110, 0.02, 12], '#b9c1ca');
    items.box(`${line}-conveyor`, [5, 0, z], [70, 0.8, 1.8], '#4a5568', { title: t(`${name.en} conveyor`, `${name['zh-CN']}输送线`) });
    items.box(`${line}-belt`, [5, 0.8, z], [70, 0.05, 1.5], '#1a202c');
    for (let i = 0; i < 8; i++) items.box(`${line}-parcel-${i + 1}`, [-26 + i * 9, 0.85, z], [1.0, 0.7, 0.9], '#c9a66b');
    for (let m = 0; m < 3; m++) {
      items.model(`${line}-cnc-${m + 1}`, 'cnc-machine', [-48, 0, z - 4 + m * 4], {
        // Fronts towards the conveyor in the east.
        yaw: PI / 2, title: t(`${name.en} CNC ${m + 1}`, `${name['zh-CN']} ${m + 1} 号数控机床`),
        description: t('Reports spindle speed, load and temperature each second.', '每秒上报主轴转速、负载与温度。'),
      });
    }
    for (let r = 0; r < 4; r++) {
      const side = r % 2 ? 1 : -1;
      items.cylinder(`${line}-robot-${r + 1}-base`, [-18 + r * 14, 0, z + side * 2.6], 0.7, 0.3, '#2d3748');
      items.model(`${line}-robot-${r + 1}`, 'robot-arm', [-18 + r * 14, 0.3, z + side * 2.6], {
        yaw: side > 0 ? PI : 0, scale: 1.4, title: t(`${name.en} robot ${r + 1}`, `${name['zh-CN']} ${r + 1} 号机器人`),
        description: t('A six-axis arm; its twin mirrors every joint.', '六轴机械臂，孪生体映射每个关节。'),
      });
    }
    // A hydraulic press at the east end of the line, where parts leave the belt; its ram rises above the frame.
    items.box(`${line}-press`, [47, 0, z], [3.2, 4.2, 2.6], '#2c5282', {
      title: t(`${name.en} press`, `${name['zh-CN']}液压机`),
      description: t('A 200 t hydraulic press; its twin reports oil temperature, pressure and cycles.', '200 吨液压机，孪生体上报油温、压力与冲压次数。'),
    });
    items.cylinder(`${line}-press-ram`, [47, 4.2, z], 0.45, 1.2, '#a0aec0');
    items.text(`${line}-sign`, { en: `${name.en} · OEE 87%`, 'zh-CN': `${name['zh-CN']} · 综合效率 87%` }, [-48, 4.2, z - 6.5], 6, 1.2, { ...SIGN, title: name });
  }
  // A machining row and a round assembly cell in the east hall.
  for (let m = 0; m < 5; m++) {
    items.model(`machining-cnc-${m + 1}`, 'cnc-machine', [62 + m * 6, 0, -22], {
      title: t(`Machining centre ${m + 1}`, `${m + 1} 号加工中心`), description: t('Reports spindle speed, load and temperature each second.', '每秒上报主轴转速、负载与温度。'),
    });
  }
  items.cylinder('assembly-table', [80, 0, -2], 2.2, 0.9, '#718096', { title: t('Assembly cell', '装配单元'), description: t('Four robots assemble one drive unit every 90 seconds.', '四台机器人每 90 秒装配一套驱动单元。') });
  for (let r = 0; r < 4; r++) {
    const a = (r / 4) * 2 * PI + PI / 4;
    items.model(`assembly-robot-${r + 1}`, 'robot-arm', [80 + Math.sin(a) * 3.6, 0, -2 + Math.cos(a) * 3.6], { yaw: a + PI, title: t(`Assembly robot ${r + 1}`, `${r + 1} 号装配机器人`) });
  }
  items.model('assembly-drone', 'drone', [80, 1.0, -2], { scale: 1.5, title: t('Drive unit', '驱动单元'), description: t('The part being assembled.', '正在装配的部件。') });

  // Storage: racks of pallets along the west wall, tanks in the north-east.
  for (let i = 0; i < 6; i++) {
    items.box(`rack-${i + 1}`, [-90, 0, -40 + i * 14], [4, 6, 10], '#2b6cb0', { title: t('Pallet rack', '货架') });
    items.box(`rack-${i + 1}-goods`, [-89.8, 0.3, -40 + i * 14], [3.6, 5, 9.4], '#d69e2e');
  }
  for (let i = 0; i < 4; i++) {
    items.cylinder(`tank-${i + 1}`, [70 + (i % 2) * 10, 0, -46 + Math.floor(i / 2) * 10], 3.5, 9, '#e2e8f0', { title: t('Coolant tank', '冷却液储罐'), description: t('Its level and temperature feed the twin.', '液位与温度接入孪生。') });
  }
  // An AGV route: yellow floor lanes and two automated carts; an inspection drone over line B.
  items.box('walkway-main', [0, 0, 40], [180, 0.03, 6], '#ecc94b', { title: t('Walkway', '人行通道') });
  items.box('walkway-west', [-70, 0, -5], [6, 0.03, 84], '#ecc94b');
  for (const [x, k] of [[-30, 1], [20, 2]]) {
    items.box(`agv-${k}`, [x, 0, 40], [2.4, 0.6, 1.4], '#dd6b20', { title: t('AGV cart', 'AGV 自动导引车'), description: t('Carries parts between the lines and the racks.', '在产线与货架之间运送零件。') });
  }
  items.model('inspection-drone', 'drone', [10, 7, -6], { scale: 2, title: t('Inspection drone', '巡检无人机'), description: t('Flies the lines at night and photographs each machine.', '夜间沿产线飞行，拍摄每台设备。') });
  items.model('solar-demo', 'solar-panel', [60, 0, 30], { scale: 2, title: t('Rooftop solar sample', '屋顶光伏样板'), description: t('The factory roof produces a quarter of its power.', '厂房屋顶提供四分之一的用电。') });
  items.box('control-room', [70, 0, 20], [16, 4, 10], '#e2e8f0', { title: t('Control room', '中控室') });
  items.text('control-room-sign', t('Control Room · 中控室', '中控室 · Control Room'), [70, 3.2, 25.02], 6, 1, { ...SIGN, title: t('Control room', '中控室') });
  items.text('safety-sign', t('Safety first: stay on the yellow walkways.', '安全第一：请沿黄色通道行走。'), [18, 2.5, 57.7], 8, 1.4, { color: '#1a202c', background: '#ecc94b', yaw: PI, title: t('Safety', '安全提示') });
  items.text('welcome-sign', t('Welcome to the smart factory. The three lines ahead are twins of real machines.', '欢迎参观智能工厂。前方三条产线是真实设备的数字孪生。'), [-4.5, 2.2, 25.5], 6, 1.6, { ...PANEL, yaw: 0.3, title: t('Welcome', '欢迎') });
  items.box('welcome-sign-stand', [-4.5, 0, 25.4], [6.2, 1.35, 0.2], '#2d3748', { yaw: 0.3 });

  const lights = [];
  for (const x of [-50, 0, 50]) for (const z of [-30, 10]) lights.push({ type: 'point', position: [x, 11, z], color: '#f0f6ff', intensity: 250, distance: 60 });
  return {
    version: 1,
    template: 'factory',
    title: t('Smart Factory', '智能工厂'),
    environment: {
      background: '#dde3ea',
      fog: { color: '#dde3ea', near: 120, far: 320 },
      ambient: { color: '#ffffff', intensity: 0.85 },
      sun: { color: '#ffffff', intensity: 1.5, direction: [-0.4, -1, -0.3] },
    },
    floor: floorOf('factory', '#a9b2bb'),
    walls,
    lights,
    items: items.list,
    spawn: { x: 0, y: 0, z: 31, yaw: 0 },
  };
}

// ---- city sandbox, 4 × 4 km ---------------------------------------------------------------------

function city() {
  const items = new Items();
  const rnd = (() => {
    let s = 20_26;
    return () => (s = (s * 16807) % 2147483647) / 2147483647;
  })();
  const BLOCK = 100; // street pitch, metres
  const PLAZA = 0.06; // paving round the fountain: thin to walk on, thick enough not to flicker against the floor
  const N = 4; // blocks from the centre each way: a 9 × 9 grid
  const extent = (N + 0.5) * BLOCK;
  // Roads between the blocks.
  for (let i = -N; i <= N + 1; i++) {
    const c = (i - 0.5) * BLOCK;
    items.box(`road-ew-${i + N}`, [0, 0, c], [2 * extent + 20, 0.08, 16], '#4a5058');
    items.box(`road-ns-${i + N}`, [c, 0.02, 0], [16, 0.08, 2 * extent + 20], '#4d535b');
  }
  const palette = ['#d9dee5', '#c3ccd6', '#a9c4dd', '#e8e1d3', '#b8c7b0', '#9fb3c8'];
  for (let i = -N; i <= N; i++) {
    for (let j = -N; j <= N; j++) {
      const cx = i * BLOCK;
      const cz = j * BLOCK;
      if (i === 0 && j === 0) continue; // the plaza
      if (i === -2 && j === 2) { // a park
        items.box('park-lawn', [cx, 0, cz], [80, 0.1, 80], '#7fb069', { title: t('Riverside Park', '滨江公园') });
        for (let k = 0; k < 9; k++) items.model(`park-tree-${k + 1}`, 'tree', [cx - 28 + (k % 3) * 28, 0.1, cz - 28 + Math.floor(k / 3) * 28], { scale: 2.5, title: t('Tree', '树') });
        continue;
      }
      // Towers cluster to the north-east (towards Lujiazui); the rest are mid-rise.
      const downtown = i > 0 && j < 0;
      const count = downtown ? 1 : 2;
      for (let k = 0; k < count; k++) {
        const w = downtown ? 40 + rnd() * 15 : 28 + rnd() * 10;
        const d = downtown ? 40 + rnd() * 15 : 60 + rnd() * 10;
        const h = downtown ? 120 + rnd() * 200 : 15 + rnd() * 45;
        const x = downtown ? cx : cx - 20 + k * 40;
        items.box(`building-${i + N}-${j + N}-${k + 1}`, [x, 0, cz], [w, h, d], palette[Math.floor(rnd() * palette.length)], downtown
          ? { title: t('Office tower', '写字楼'), description: t(`${Math.round(h)} m tall; its energy use is mirrored in the twin.`, `高 ${Math.round(h)} 米，能耗数据接入孪生。`) }
          : {});
      }
    }
  }
  // The plaza: paving, a fountain, the Oriental Pearl as a landmark, trees and a map board.
  items.cylinder('plaza', [0, 0, 0], 22, PLAZA, '#ece6d8', { title: t('Central Plaza', '中心广场') });
  items.cylinder('fountain-basin', [0, PLAZA, 0], 9, 0.7, '#cbd5e0');
  items.cylinder('fountain-water', [0, PLAZA, 0], 8.4, 0.75, '#63b3ed', { title: t('Fountain', '喷泉') });
  items.model('plaza-tower', 'pearl-tower', [0, PLAZA + 0.7, 0], { scale: 4, title: t('Oriental Pearl (model)', '东方明珠（模型）'), description: t('A 24 m landmark model at the heart of the sandbox.', '位于沙盘中心、高 24 米的地标模型。') });
  for (let k = 0; k < 8; k++) {
    const a = ((k + 0.5) / 8) * 2 * PI; // half a step round, to keep the view from the spawn open
    items.model(`plaza-tree-${k + 1}`, 'tree', [Math.sin(a) * 30, PLAZA, Math.cos(a) * 30], { scale: 1.6, title: t('Tree', '树') });
  }
  items.box('map-board-stand', [-8, PLAZA, 20], [5.4, 1.3, 0.3], '#2d3748');
  items.image('map-board', 'map-city', [-8, 2.9, 20.2], 5.2, 3.25, { title: t('Sandbox map', '沙盘地图'), description: t('The street grid, the towers to the north-east and the park to the south-west.', '街道网格、东北方向的高楼群与西南方向的公园。') });
  items.text('city-welcome', t('City Sandbox\nA digital twin of a city district: 9 × 9 blocks of 100 m. Fly the streets, click a tower to see its data.', '城市沙盘\n城市片区的数字孪生：9 × 9 个 100 米街区。漫游街道，点击高楼查看数据。'), [8, 2.9, 20.2], 5.2, 2.4, { ...PANEL, title: t('City Sandbox', '城市沙盘') });
  items.box('city-welcome-stand', [8, PLAZA, 20], [5.4, 1.7, 0.3], '#2d3748');
  for (const [x, z, k] of [[-36, -36, 'nw'], [36, -36, 'ne'], [-36, 36, 'sw'], [36, 36, 'se']]) {
    items.cylinder(`plaza-lamp-${k}`, [x, PLAZA, z], 0.2, 6, '#4a5568');
    items.box(`plaza-lamp-${k}-head`, [x, PLAZA + 6, z], [0.9, 0.3, 0.9], '#f6e05e', { title: t('Streetlight', '路灯'), description: t('Switches on at dusk; its twin reports brightness and power.', '黄昏自动点亮，孪生体上报亮度与功率。') });
  }
  // Sensors of the demo twins (pujiang-server/src/main/resources/demo/twins/demo.json).
  const AIR = { title: t('Air-quality station', '空气质量监测站'), description: t('Reports PM2.5, CO₂ and temperature every second.', '每秒上报 PM2.5、二氧化碳与气温。') };
  items.box('air-station-plaza', [-16, PLAZA, -12], [1.2, 2.2, 0.8], '#e2e8f0', AIR);
  items.box('air-station-park', [-186, 0.1, 186], [1.2, 2.2, 0.8], '#e2e8f0', AIR);
  const TRAFFIC = { title: t('Traffic counter', '车流计数器'), description: t('Counts vehicles and their average speed on the street beside it.', '统计旁边街道的车流量与平均车速。') };
  items.box('traffic-counter-east', [40, PLAZA, 30], [0.4, 5, 0.4], '#2d3748', TRAFFIC);
  items.box('traffic-counter-south', [-30, PLAZA, 40], [0.4, 5, 0.4], '#2d3748', TRAFFIC);
  items.model('survey-drone', 'drone', [20, 30, -10], { scale: 6, title: t('Survey drone', '测绘无人机'), description: t('Keeps the city model up to date.', '持续更新城市模型。') });

  return {
    version: 1,
    template: 'city',
    title: t('City Sandbox', '城市沙盘'),
    environment: {
      background: '#cfe3f3',
      fog: { color: '#cfe3f3', near: 250, far: 1600 },
      ambient: { color: '#ffffff', intensity: 0.85 },
      sun: { color: '#fff6e5', intensity: 1.8, direction: [-0.5, -1, -0.35] },
    },
    floor: { ...floorOf('city', '#cfcabd'), grid: false }, // paved blocks; roads, lawns and the plaza lie on it
    walls: [],
    lights: [{ type: 'point', position: [0, 8, 0], color: '#fff4e0', intensity: 150, distance: 60 }],
    items: items.list,
    spawn: { x: 0, y: 0, z: 34, yaw: 0 },
  };
}

// ---- empty, 100 × 100 m -------------------------------------------------------------------------

function empty() {
  const items = new Items();
  items.cylinder('origin-marker', [0, 0, 0], 0.6, 0.1, '#e53e3e', { title: t('Origin (0, 0)', '原点 (0, 0)') });
  const marks = [['north', 0, -40, 0, t('North (−Z)', '北 (−Z)')], ['east', 40, 0, -PI / 2, t('East (+X)', '东 (+X)')], ['south', 0, 40, PI, t('South (+Z)', '南 (+Z)')], ['west', -40, 0, PI / 2, t('West (−X)', '西 (−X)')]];
  for (const [k, x, z, yaw, label] of marks) {
    items.cylinder(`marker-${k}`, [x, 0, z], 0.3, 2, '#3182ce', { title: label });
    items.text(`marker-${k}-label`, label, [x, 2.6, z], 2.4, 0.6, { ...SIGN, yaw, title: label });
  }
  for (const [x, z] of [[-10, -10], [10, -10], [-10, 10], [10, 10]]) items.box(`corner-${x < 0 ? 'w' : 'e'}${z < 0 ? 'n' : 's'}`, [x, 0, z], [1, 1, 1], '#a0aec0');
  items.text('empty-welcome', t('An empty space\nThe floor is 100 × 100 m; markers show the axes. Make it yours.', '空白空间\n地面 100 × 100 米，标记指示坐标轴。由你来建造。'), [0, 1.8, -4], 4, 1.6, { ...PANEL, title: t('Empty space', '空白空间') });
  return {
    version: 1,
    template: 'empty',
    title: t('Empty Space', '空白空间'),
    environment: {
      background: '#dfe9f3',
      ambient: { color: '#ffffff', intensity: 0.9 },
      sun: { color: '#ffffff', intensity: 1.3, direction: [-0.4, -1, -0.3] },
    },
    floor: floorOf('empty', '#c8ccd2', true),
    walls: [],
    lights: [],
    items: items.list,
    spawn: { x: 0, y: 0, z: 8, yaw: 0 },
  };
}

export const SCENES = { exhibition, meeting, classroom, gallery, factory, city, 'service-hall': serviceHall, empty };

function main() {
  mkdirSync(OUT_DIR, { recursive: true });
  for (const [name, make] of Object.entries(SCENES)) {
    const doc = make();
    writeFileSync(join(OUT_DIR, `${name}.json`), toJson(doc));
    console.log(`${name}.json: ${doc.items.length} items, ${doc.walls.length} walls, ${doc.lights.length} lights`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
