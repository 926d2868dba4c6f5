#!/usr/bin/env node
// Draws the bundled pictures (public/assets/images/*.jpg): booth posters, gallery artworks, screens.
// Each picture is an HTML page with inline SVG, photographed by headless Chromium, so every asset
// the client ships is made here and free to reuse (CC0 1.0, see public/assets/LICENSE.md).
//
//   cd pujiang-web && node tools/make-images.mjs            # writes every picture
//   cd pujiang-web && node tools/make-images.mjs art-tide   # writes only these
//
// Needs /usr/bin/chromium (or CHROMIUM=/path) and a CJK font (Debian: fonts-noto-cjk) for the
// Chinese titles; the script stops if fontconfig knows none. Longer Chinese text goes into the
// scenes' text panels, which the client draws with the visitor's own fonts.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'assets', 'images');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const MAX_BYTES = 200 * 1024;
const W = 1024;
const H = 640;
const FONT = "'Liberation Sans', 'DejaVu Sans', 'Noto Sans CJK SC', Arial, sans-serif";

/** A seeded generator, so reruns draw the same pictures. */
function random(seed) {
  let s = seed % 2147483647;
  if (s <= 0) s += 2147483646;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

const esc = (t) => String(t).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function page(body, background = '#0d1b2a') {
  return `<!doctype html><html><head><meta charset="utf-8"><style>
html,body{margin:0;width:${W}px;height:${H}px;overflow:hidden;background:${background};font-family:${FONT}}
svg{display:block}</style></head><body>${body}</body></html>`;
}

/** A booth poster: a title block on the left, a drawing on the right, a thin footer. */
function poster({ title, zh, subtitle, lines, from, to, accent, art }) {
  const zhY = title[1] ? 292 : 228;
  const bulletY = zhY + 100;
  const bullet = lines.map((l, i) => `<text x="64" y="${bulletY + i * 38}" font-size="23" fill="#e8eef5"><tspan fill="${accent}">▸</tspan> ${esc(l)}</text>`).join('');
  return page(`<svg width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" xmlns="http://www.w3.org/2000/svg">
<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient>
<radialGradient id="glow" cx="0.72" cy="0.45" r="0.55"><stop offset="0" stop-color="${accent}" stop-opacity="0.35"/><stop offset="1" stop-color="${accent}" stop-opacity="0"/></radialGradient></defs>
<rect width="${W}" height="${H}" fill="url(#bg)"/><rect width="${W}" height="${H}" fill="url(#glow)"/>
<g opacity="0.08" stroke="#ffffff">${Array.from({ length: 17 }, (_, i) => `<line x1="${i * 64}" y1="0" x2="${i * 64}" y2="${H}"/>`).join('')}${Array.from({ length: 11 }, (_, i) => `<line x1="0" y1="${i * 64}" x2="${W}" y2="${i * 64}"/>`).join('')}</g>
<g transform="translate(520,40)">${art}</g>
<rect x="64" y="96" width="72" height="6" fill="${accent}"/>
<text x="64" y="170" font-size="56" font-weight="bold" fill="#ffffff">${esc(title[0])}</text>
${title[1] ? `<text x="64" y="232" font-size="56" font-weight="bold" fill="#ffffff">${esc(title[1])}</text>` : ''}
<text x="64" y="${zhY}" font-size="38" font-weight="bold" fill="#ffffff" opacity="0.92">${esc(zh)}</text>
<text x="64" y="${zhY + 46}" font-size="25" fill="${accent}">${esc(subtitle)}</text>
${bullet}
<rect y="${H - 48}" width="${W}" height="48" fill="#000000" opacity="0.3"/>
<text x="64" y="${H - 17}" font-size="18" fill="#c9d6e3" letter-spacing="2">PUJIANG DIGITAL EXHIBITION HALL · 浦江数字展览馆</text>
<text x="${W - 64}" y="${H - 17}" font-size="18" fill="#c9d6e3" text-anchor="end">pujiang</text>
</svg>`);
}

// ---- drawings for the posters ----------------------------------------------------------------

function isoCity() {
  const rnd = random(11);
  let out = '';
  const iso = (x, y) => [200 + (x - y) * 34, 330 + (x + y) * 17];
  for (let gx = 0; gx < 7; gx++) {
    for (let gy = 0; gy < 7; gy++) {
      if ((gx + gy) % 4 === 3) continue;
      const h = 20 + Math.floor(rnd() * 150);
      const [x, y] = iso(gx, gy);
      const top = `${x},${y - h} ${x + 30},${y - h + 15} ${x},${y - h + 30} ${x - 30},${y - h + 15}`;
      out += `<polygon points="${x - 30},${y - h + 15} ${x},${y - h + 30} ${x},${y + 30} ${x - 30},${y + 15}" fill="#1e6091"/>`;
      out += `<polygon points="${x},${y - h + 30} ${x + 30},${y - h + 15} ${x + 30},${y + 15} ${x},${y + 30}" fill="#184e77"/>`;
      out += `<polygon points="${top}" fill="#52b69a"/>`;
    }
  }
  // Data links between a few rooftops: the "twin" layer.
  out += '<g stroke="#99d98c" stroke-width="2" fill="none" opacity="0.9">';
  for (let i = 0; i < 8; i++) {
    const [x1, y1] = iso(Math.floor(rnd() * 7), Math.floor(rnd() * 7));
    const [x2, y2] = iso(Math.floor(rnd() * 7), Math.floor(rnd() * 7));
    out += `<path d="M${x1},${y1 - 170} Q${(x1 + x2) / 2},${Math.min(y1, y2) - 260} ${x2},${y2 - 170}" stroke-dasharray="6 6"/><circle cx="${x2}" cy="${y2 - 170}" r="5" fill="#99d98c"/>`;
  }
  return out + '</g>';
}

function factoryArt() {
  const gear = (cx, cy, r, teeth, color) => {
    let d = '';
    for (let i = 0; i < teeth * 2; i++) {
      const a = (i / (teeth * 2)) * Math.PI * 2;
      const rr = i % 2 ? r : r * 1.18;
      const a2 = a + Math.PI / (teeth * 2);
      d += `${i ? 'L' : 'M'}${cx + Math.cos(a) * rr},${cy + Math.sin(a) * rr} L${cx + Math.cos(a2) * rr},${cy + Math.sin(a2) * rr} `;
    }
    return `<path d="${d}Z" fill="${color}"/><circle cx="${cx}" cy="${cy}" r="${r * 0.35}" fill="#0b132b"/>`;
  };
  let out = gear(170, 200, 110, 12, '#f28c28') + gear(330, 330, 70, 9, '#ffb703') + gear(360, 130, 50, 8, '#fb8500');
  // A production line with boxes.
  out += '<rect x="0" y="470" width="470" height="16" rx="8" fill="#8d99ae"/>';
  for (let i = 0; i < 5; i++) out += `<rect x="${20 + i * 92}" y="428" width="56" height="42" rx="4" fill="#edf2f4"/>`;
  out += '<polyline points="10,90 60,70 110,80 160,40 210,55 260,20" fill="none" stroke="#8ecae6" stroke-width="4"/>';
  return out;
}

function dingArt() {
  return `<g fill="#7a9b86" stroke="#2f4a3d" stroke-width="4">
<path d="M110,170 L370,170 L350,330 Q240,380 130,330 Z"/>
<rect x="90" y="150" width="300" height="26" rx="6"/>
<path d="M130,150 Q130,70 180,70 L200,70 L200,95 L180,95 Q158,95 158,150" />
<path d="M350,150 Q350,70 300,70 L280,70 L280,95 L300,95 Q322,95 322,150" />
<rect x="150" y="330" width="30" height="150" rx="8"/><rect x="300" y="330" width="30" height="150" rx="8"/><rect x="226" y="345" width="28" height="140" rx="8"/>
</g>
<g fill="none" stroke="#c9a227" stroke-width="3" opacity="0.9">
<path d="M140,220 q25,-25 50,0 t50,0 t50,0 t50,0 t50,0"/><path d="M145,260 q25,25 50,0 t50,0 t50,0 t50,0 t45,0"/>
<circle cx="240" cy="300" r="16"/></g>`;
}

function energyArt() {
  let out = '<circle cx="360" cy="110" r="70" fill="#ffd166"/>';
  for (let i = 0; i < 12; i++) {
    const a = (i / 12) * Math.PI * 2;
    out += `<line x1="${360 + Math.cos(a) * 85}" y1="${110 + Math.sin(a) * 85}" x2="${360 + Math.cos(a) * 110}" y2="${110 + Math.sin(a) * 110}" stroke="#ffd166" stroke-width="6" stroke-linecap="round"/>`;
  }
  for (const [x, s] of [[120, 1], [250, 0.75]]) {
    out += `<g transform="translate(${x},${470 - 300 * s}) scale(${s})"><polygon points="-8,0 8,0 14,300 -14,300" fill="#f1faee"/>
<circle r="14" fill="#f1faee"/>${[0, 120, 240].map((a) => `<rect x="-7" y="-160" width="14" height="150" rx="7" fill="#f1faee" transform="rotate(${a + 20})"/>`).join('')}</g>`;
  }
  for (let i = 0; i < 3; i++) out += `<polygon points="${300 + i * 60},470 ${350 + i * 60},470 ${335 + i * 60},420 ${285 + i * 60},420" fill="#1d3b6e" stroke="#a8dadc" stroke-width="2"/>`;
  return out + '<rect x="0" y="470" width="480" height="6" fill="#a8dadc"/>';
}

function humanArt() {
  let out = '<circle cx="240" cy="240" r="200" fill="none" stroke="#4fd1c5" stroke-width="2" opacity="0.5"/><circle cx="240" cy="240" r="150" fill="none" stroke="#4fd1c5" stroke-width="2" opacity="0.3"/>';
  out += '<ellipse cx="240" cy="160" rx="62" ry="74" fill="#dfe7f2"/><rect x="200" y="150" width="80" height="10" rx="5" fill="#4fd1c5"/>';
  out += '<path d="M120,470 Q120,270 240,260 Q360,270 360,470 Z" fill="#2c5282"/>';
  // A voice waveform.
  let d = 'M20,520';
  for (let i = 0; i <= 44; i++) d += ` L${20 + i * 10},${520 + Math.sin(i * 0.9) * (8 + 22 * Math.abs(Math.sin(i * 0.23)))}`;
  return out + `<path d="${d}" fill="none" stroke="#4fd1c5" stroke-width="4"/>`;
}

function skylineArt(withText = true) {
  let out = '<circle cx="380" cy="120" r="46" fill="#ffb4a2" opacity="0.9"/>';
  const g = '#1b263b';
  out += `<g fill="${g}">
<rect x="20" y="320" width="40" height="150"/><rect x="70" y="280" width="36" height="190"/>
<polygon points="118,470 118,200 128,150 138,200 138,470"/>
<rect x="124" y="60" width="2" height="90"/>
<circle cx="128" cy="250" r="30"/><circle cx="128" cy="150" r="20"/><rect x="120" y="250" width="16" height="220"/>
<polygon points="96,470 120,300 136,300 160,470"/>
<polygon points="200,470 196,150 214,90 226,90 244,150 240,470"/>
<rect x="218" y="40" width="3" height="50"/>
<polygon points="260,470 262,120 300,100 300,470"/><rect x="262" y="115" width="36" height="22" fill="#e76f51" opacity="0.0"/>
<polygon points="320,470 318,60 350,40 352,470"/>
<rect x="370" y="300" width="40" height="170"/><rect x="420" y="340" width="40" height="130"/>
</g>`;
  out += '<rect x="0" y="470" width="480" height="90" fill="#274c77"/>';
  for (let i = 0; i < 9; i++) out += `<rect x="${20 + i * 50}" y="${490 + (i % 3) * 18}" width="${24 + (i % 2) * 16}" height="3" fill="#ffb4a2" opacity="0.6"/>`;
  return withText ? out : out;
}

// ---- gallery artworks --------------------------------------------------------------------------

function framedArt({ seed, palette, kind, title, zh }) {
  const rnd = random(seed);
  const [bg, ...colors] = palette;
  let shapes = '';
  if (kind === 'waves') {
    for (let i = 0; i < 14; i++) {
      const y = 120 + i * 36;
      let d = `M0,${y}`;
      for (let x = 0; x <= W; x += 32) d += ` Q${x + 16},${y - 30 * rnd()} ${x + 32},${y}`;
      shapes += `<path d="${d} L${W},${H} L0,${H} Z" fill="${colors[i % colors.length]}" opacity="0.55"/>`;
    }
  } else if (kind === 'mountains') {
    for (let layer = 0; layer < 5; layer++) {
      let d = `M0,${H}`;
      const base = 260 + layer * 70;
      for (let x = 0; x <= W; x += 64) d += ` L${x},${base - rnd() * (160 - layer * 20)}`;
      shapes += `<path d="${d} L${W},${H} Z" fill="${colors[layer % colors.length]}" opacity="${0.35 + layer * 0.13}"/>`;
    }
    shapes += `<circle cx="${700 + rnd() * 150}" cy="130" r="50" fill="${colors[0]}" opacity="0.8"/>`;
  } else if (kind === 'lattice') {
    for (let y = 0; y < H; y += 64) {
      for (let x = 0; x < W; x += 64) {
        const c = colors[Math.floor(rnd() * colors.length)];
        const r = rnd();
        shapes += r < 0.33 ? `<rect x="${x + 8}" y="${y + 8}" width="48" height="48" fill="${c}"/>`
          : r < 0.66 ? `<circle cx="${x + 32}" cy="${y + 32}" r="24" fill="${c}"/>`
            : `<polygon points="${x + 8},${y + 56} ${x + 32},${y + 8} ${x + 56},${y + 56}" fill="${c}"/>`;
      }
    }
  } else if (kind === 'circles') {
    for (let i = 0; i < 26; i++) {
      shapes += `<circle cx="${rnd() * W}" cy="${rnd() * H}" r="${30 + rnd() * 160}" fill="${colors[i % colors.length]}" opacity="${0.25 + rnd() * 0.5}"/>`;
    }
  } else if (kind === 'night') {
    shapes += skylineArt().replace(/<circle cx="380"[^>]*>/, '');
    shapes = `<g transform="translate(0,80) scale(2.13,1)">${shapes}</g>`;
    for (let i = 0; i < 60; i++) shapes += `<circle cx="${rnd() * W}" cy="${rnd() * 260}" r="${rnd() * 2 + 0.5}" fill="#ffffff" opacity="${rnd()}"/>`;
  } else if (kind === 'stripes') {
    for (let i = 0; i < 40; i++) {
      const x = rnd() * W;
      shapes += `<rect x="${x}" y="0" width="${8 + rnd() * 60}" height="${H}" fill="${colors[i % colors.length]}" opacity="${0.2 + rnd() * 0.5}" transform="rotate(${-12 + rnd() * 24} ${x} ${H / 2})"/>`;
    }
  }
  return page(`<svg width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" xmlns="http://www.w3.org/2000/svg">
<rect width="${W}" height="${H}" fill="${bg}"/>${shapes}
<rect x="${W - 430}" y="${H - 60}" width="400" height="36" fill="#000000" opacity="0.35"/>
<text x="${W - 45}" y="${H - 35}" font-size="18" fill="#ffffff" text-anchor="end" letter-spacing="1">${esc(title)} · ${esc(zh)}</text>
</svg>`, bg);
}

// ---- screens -----------------------------------------------------------------------------------

function slide({ title, zh, subtitle, body, from = '#f7f9fc', accent = '#2b6cb0' }) {
  return page(`<svg width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" xmlns="http://www.w3.org/2000/svg">
<rect width="${W}" height="${H}" fill="${from}"/>
<rect width="${W}" height="96" fill="${accent}"/>
<text x="48" y="50" font-size="34" font-weight="bold" fill="#ffffff">${esc(title)}</text>
<text x="48" y="84" font-size="22" fill="#e2ecf7">${esc(zh)}</text>
<text x="${W - 48}" y="60" font-size="20" fill="#dbe7f5" text-anchor="end">${esc(subtitle)}</text>
${body}
<text x="48" y="${H - 24}" font-size="16" fill="#718096">pujiang</text>
</svg>`, from);
}

function bars(x, y, w, h, values, color) {
  const bw = w / values.length;
  return values.map((v, i) => `<rect x="${x + i * bw + 6}" y="${y + h - v * h}" width="${bw - 12}" height="${v * h}" rx="3" fill="${color}"/>`).join('')
    + `<line x1="${x}" y1="${y + h}" x2="${x + w}" y2="${y + h}" stroke="#a0aec0" stroke-width="2"/>`;
}

function line(x, y, w, h, values, color) {
  const pts = values.map((v, i) => `${x + (i / (values.length - 1)) * w},${y + h - v * h}`).join(' ');
  return `<polyline points="${pts}" fill="none" stroke="${color}" stroke-width="4" stroke-linejoin="round"/>`
    + `<line x1="${x}" y1="${y + h}" x2="${x + w}" y2="${y + h}" stroke="#a0aec0" stroke-width="2"/>`;
}

function kpi(x, y, label, value, color) {
  return `<rect x="${x}" y="${y}" width="210" height="110" rx="10" fill="#ffffff" stroke="#e2e8f0" stroke-width="2"/>
<text x="${x + 20}" y="${y + 36}" font-size="18" fill="#718096">${esc(label)}</text>
<text x="${x + 20}" y="${y + 88}" font-size="44" font-weight="bold" fill="${color}">${esc(value)}</text>`;
}

function darkDashboard() {
  const body = `${kpi(48, 130, 'OEE', '87.4%', '#2f855a')}${kpi(278, 130, 'Output / h', '1,240', '#2b6cb0')}${kpi(508, 130, 'Energy kWh', '312', '#c05621')}${kpi(738, 130, 'Alerts', '2', '#c53030')}
<text x="48" y="300" font-size="20" fill="#2d3748">Line throughput, last 12 h</text>${bars(48, 320, 440, 220, [0.5, 0.62, 0.7, 0.66, 0.8, 0.85, 0.78, 0.9, 0.88, 0.92, 0.86, 0.95], '#4299e1')}
<text x="536" y="300" font-size="20" fill="#2d3748">Spindle temperature</text>${line(536, 320, 440, 220, [0.4, 0.45, 0.42, 0.5, 0.55, 0.52, 0.6, 0.58, 0.62, 0.57, 0.6, 0.59], '#dd6b20')}`;
  return slide({ title: 'Smart Factory Twin', zh: '智能工厂数字孪生 · A 线实时看板', subtitle: 'Line A · live', body, accent: '#22543d' });
}

function meetingSlide() {
  const body = `<text x="48" y="170" font-size="30" fill="#2d3748" font-weight="bold">Quarterly review</text>
<text x="48" y="220" font-size="22" fill="#4a5568">1. Visitors and spaces</text>
<text x="48" y="260" font-size="22" fill="#4a5568">2. Digital twin projects</text>
<text x="48" y="300" font-size="22" fill="#4a5568">3. Service hall: online cases</text>
<text x="48" y="340" font-size="22" fill="#4a5568">4. Next quarter's plan</text>
<text x="520" y="160" font-size="20" fill="#2d3748">Monthly visitors (thousands)</text>
${bars(520, 180, 440, 330, [0.35, 0.42, 0.5, 0.58, 0.63, 0.71, 0.8, 0.92], '#3182ce')}`;
  return slide({ title: 'Pujiang Team Meeting', zh: '浦江团队例会 · 议程', subtitle: 'Agenda', body });
}

function classroomSlide() {
  const node = (x, y, label, color) => `<rect x="${x}" y="${y}" width="220" height="90" rx="12" fill="${color}"/><text x="${x + 110}" y="${y + 54}" font-size="24" fill="#ffffff" text-anchor="middle">${esc(label)}</text>`;
  const arrow = (x1, y1, x2, y2) => `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#4a5568" stroke-width="4" marker-end="url(#arr)"/>`;
  const body = `<defs><marker id="arr" markerWidth="10" markerHeight="10" refX="8" refY="5" orient="auto"><path d="M0,0 L10,5 L0,10 Z" fill="#4a5568"/></marker></defs>
${node(60, 200, 'Physical thing', '#2f855a')}${node(400, 200, 'Sensors / MQTT', '#2b6cb0')}${node(740, 200, 'Digital twin', '#6b46c1')}
${arrow(280, 245, 395, 245)}${arrow(620, 245, 735, 245)}
<path d="M850,290 Q850,420 510,420 Q170,420 170,295" fill="none" stroke="#c05621" stroke-width="4" stroke-dasharray="10 8" marker-end="url(#arr)"/>
<text x="510" y="460" font-size="22" fill="#c05621" text-anchor="middle">insight and control flow back</text>
<text x="60" y="540" font-size="22" fill="#4a5568">Lesson 1: what a digital twin is, and how data keeps it in step with the real world.</text>`;
  return slide({ title: 'Introduction to Digital Twins', zh: '数字孪生入门 · 第一课', subtitle: 'Lesson 1', body, accent: '#2c5282' });
}

function cityMap() {
  let body = '<rect x="48" y="120" width="600" height="470" fill="#e2e8f0"/>';
  for (let i = 0; i < 7; i++) {
    body += `<rect x="${48 + i * 88}" y="120" width="14" height="470" fill="#ffffff"/><rect x="48" y="${120 + i * 70}" width="600" height="14" fill="#ffffff"/>`;
  }
  body += '<rect x="278" y="300" width="150" height="115" fill="#9ae6b4"/><circle cx="353" cy="357" r="20" fill="#3182ce"/>';
  body += '<circle cx="353" cy="357" r="9" fill="#e53e3e"/><text x="353" y="440" font-size="18" fill="#2d3748" text-anchor="middle">You are here</text>';
  body += `<text x="690" y="170" font-size="26" font-weight="bold" fill="#2d3748">City Sandbox</text>
<text x="690" y="215" font-size="20" fill="#4a5568">Central plaza</text>
<text x="690" y="250" font-size="20" fill="#4a5568">Street grid: 100 m blocks</text>
<text x="690" y="285" font-size="20" fill="#4a5568">Towers: north-east</text>
<text x="690" y="320" font-size="20" fill="#4a5568">Park: south-west</text>
<rect x="690" y="360" width="24" height="24" fill="#9ae6b4"/><text x="726" y="379" font-size="18" fill="#4a5568">green space</text>
<rect x="690" y="400" width="24" height="24" fill="#e2e8f0" stroke="#a0aec0"/><text x="726" y="419" font-size="18" fill="#4a5568">blocks</text>`;
  return slide({ title: 'City Sandbox Map', zh: '城市沙盘地图', subtitle: 'Digital twin city', body, accent: '#2a4365' });
}

function serviceGuide() {
  const rows = [['1-2', 'Residence and ID · 户籍'], ['3-4', 'Business licences · 企业开办'], ['5', 'Social insurance · 社保'], ['6', 'Housing fund · 公积金'], ['7', 'Tax · 税务'], ['8', 'Priority · 优先窗口']];
  let body = '';
  rows.forEach(([n, label], i) => {
    const y = 140 + i * 70;
    body += `<rect x="48" y="${y}" width="120" height="54" rx="8" fill="#c53030"/><text x="108" y="${y + 37}" font-size="26" font-weight="bold" fill="#ffffff" text-anchor="middle">${n}</text>
<text x="196" y="${y + 37}" font-size="24" fill="#2d3748">${esc(label)}</text>`;
  });
  body += `<rect x="640" y="140" width="336" height="400" rx="14" fill="#fff5f5" stroke="#feb2b2" stroke-width="2"/>
<text x="808" y="200" font-size="24" font-weight="bold" fill="#c53030" text-anchor="middle">How it works</text>
<text x="670" y="260" font-size="20" fill="#4a5568">1. Take a number</text><text x="670" y="300" font-size="20" fill="#4a5568">    at the kiosk</text>
<text x="670" y="350" font-size="20" fill="#4a5568">2. Wait for your number</text><text x="670" y="390" font-size="20" fill="#4a5568">    on the screen</text>
<text x="670" y="440" font-size="20" fill="#4a5568">3. Go to your counter</text>
<text x="670" y="500" font-size="20" fill="#c53030">Open 24 hours · 全天开放</text>`;
  return slide({ title: 'Service Counters Guide', zh: '办事窗口指南', subtitle: '24-hour service hall', body, accent: '#9b2c2c' });
}

function welcomeBanner() {
  return page(`<svg width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" xmlns="http://www.w3.org/2000/svg">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#0b3954"/><stop offset="0.55" stop-color="#087e8b"/><stop offset="1" stop-color="#bfd7ea"/></linearGradient></defs>
<rect width="${W}" height="${H}" fill="url(#g)"/>
<g transform="translate(270,110) scale(1.1,0.9)" opacity="0.35">${skylineArt()}</g>
<text x="${W / 2}" y="250" font-size="92" font-weight="bold" fill="#ffffff" text-anchor="middle" letter-spacing="12">PUJIANG</text>
<text x="${W / 2}" y="320" font-size="36" fill="#e0fbfc" text-anchor="middle" letter-spacing="4">DIGITAL EXHIBITION HALL</text>
<rect x="${W / 2 - 60}" y="350" width="120" height="5" fill="#ffc857"/>
<text x="${W / 2}" y="410" font-size="40" font-weight="bold" fill="#ffffff" text-anchor="middle" letter-spacing="6">浦江数字展览馆</text>
<text x="${W / 2}" y="466" font-size="24" fill="#e0fbfc" text-anchor="middle">Mapping · Interaction · Fusion</text>
<text x="${W / 2}" y="502" font-size="22" fill="#e0fbfc" text-anchor="middle">虚实映射 · 虚实交互 · 虚实融合</text>
</svg>`);
}

/** Every picture, by file name (without .jpg). */
const IMAGES = {
  'welcome-banner': welcomeBanner,
  'booth-digital-twin-city': () => poster({
    title: ['Digital Twin', 'City'], zh: '数字孪生城市', subtitle: 'A living model of the city', accent: '#99d98c', from: '#0b132b', to: '#1c4e80',
    lines: ['Buildings, roads and sensors', 'Live data over MQTT', 'Replay and what-if simulation'], art: isoCity(),
  }),
  'booth-smart-factory': () => poster({
    title: ['Smart Factory'], zh: '智能工厂', subtitle: 'Machines that report in real time', accent: '#ffb703', from: '#1b1b3a', to: '#3a3a6a',
    lines: ['Robot cells and CNC twins', 'Throughput and energy dashboards', 'Alerts before failures', 'Remote inspection'], art: factoryArt(),
  }),
  'booth-cultural-heritage': () => poster({
    title: ['Cultural', 'Heritage'], zh: '文化遗产', subtitle: 'Bronze, porcelain and more', accent: '#c9a227', from: '#2b1d14', to: '#5a3e2b',
    lines: ['Ritual bronze ding', 'Blue-and-white porcelain', 'Digitised for everyone'], art: dingArt(),
  }),
  'booth-new-energy': () => poster({
    title: ['New Energy'], zh: '新能源', subtitle: 'Wind, sun and smart grids', accent: '#ffd166', from: '#003049', to: '#1d6f8c',
    lines: ['Offshore wind in the East China Sea', 'Rooftop solar', 'Batteries and grid twins', 'Carbon dashboards'], art: energyArt(),
  }),
  'booth-ai-digital-humans': () => poster({
    title: ['AI Digital', 'Humans'], zh: 'AI 数字人', subtitle: 'Guides that speak two languages', accent: '#4fd1c5', from: '#10002b', to: '#3c096c',
    lines: ['Answers in Chinese and English', 'Guided tours of every hall', 'Built on open retrieval'], art: humanArt(),
  }),
  'booth-huangpu-skyline': () => poster({
    title: ['Huangpu River', '& Skyline'], zh: '黄浦江与城市天际线', subtitle: 'Lujiazui in miniature', accent: '#ffb4a2', from: '#22223b', to: '#6d597a',
    lines: ['The Bund and Lujiazui', 'Oriental Pearl Tower', 'The river at dusk'], art: skylineArt(),
  }),
  'booth-drones': () => poster({
    title: ['Low-Altitude', 'Economy'], zh: '低空经济', subtitle: 'Drones for delivery and inspection', accent: '#90e0ef', from: '#03045e', to: '#0077b6',
    lines: ['Routes planned in the twin', 'Bridge and grid inspection', 'Safe airspace sharing'],
    art: '<g fill="#caf0f8"><ellipse cx="240" cy="260" rx="70" ry="30"/><rect x="80" y="250" width="320" height="10"/><rect x="235" y="140" width="10" height="240" transform="rotate(90 240 260)" opacity="0"/><ellipse cx="80" cy="235" rx="70" ry="8"/><ellipse cx="400" cy="235" rx="70" ry="8"/><rect x="76" y="235" width="8" height="20"/><rect x="396" y="235" width="8" height="20"/></g><path d="M40,480 C160,360 300,520 460,380" fill="none" stroke="#90e0ef" stroke-width="4" stroke-dasharray="12 10"/>',
  }),
  'art-tide': () => framedArt({ seed: 21, kind: 'waves', title: 'Tide of the Huangpu', zh: '黄浦潮', palette: ['#0b2545', '#13315c', '#134074', '#8da9c4', '#eef4ed'] }),
  'art-mountains': () => framedArt({ seed: 5, kind: 'mountains', title: 'Ink Mountains', zh: '水墨山峦', palette: ['#f4f1ea', '#b8b8b8', '#8a8a8a', '#5c5c5c', '#2e2e2e'] }),
  'art-lattice': () => framedArt({ seed: 9, kind: 'lattice', title: 'Garden Lattice', zh: '园林花窗', palette: ['#faf3e0', '#c1121f', '#003049', '#669bbc', '#fdf0d5'] }),
  'art-circles': () => framedArt({ seed: 13, kind: 'circles', title: 'Lanterns', zh: '灯会', palette: ['#1a1423', '#e85d04', '#f48c06', '#faa307', '#dc2f02'] }),
  'art-night': () => framedArt({ seed: 17, kind: 'night', title: 'Bund at Night', zh: '外滩夜色', palette: ['#0d1b2a', '#ffffff'] }),
  'art-stripes': () => framedArt({ seed: 29, kind: 'stripes', title: 'Silk Road', zh: '丝路', palette: ['#fefae0', '#606c38', '#283618', '#dda15e', '#bc6c25'] }),
  'art-jade': () => framedArt({ seed: 33, kind: 'circles', title: 'Jade Pond', zh: '玉池', palette: ['#081c15', '#1b4332', '#2d6a4f', '#52b788', '#b7e4c7'] }),
  'art-bamboo': () => framedArt({ seed: 47, kind: 'stripes', title: 'Bamboo Grove', zh: '竹林', palette: ['#e9f5db', '#87986a', '#718355', '#97a97c', '#cfe1b9'] }),
  'art-sunrise': () => framedArt({ seed: 53, kind: 'mountains', title: 'Sunrise over Sheshan', zh: '佘山日出', palette: ['#ffe8d6', '#ddbea9', '#cb997e', '#a5a58d', '#6b705c'] }),
  'art-water-town': () => framedArt({ seed: 41, kind: 'waves', title: 'Water Town', zh: '水乡', palette: ['#e9ecef', '#adb5bd', '#6c757d', '#495057', '#ced4da'] }),
  'screen-meeting': meetingSlide,
  'screen-classroom': classroomSlide,
  'screen-factory': darkDashboard,
  'map-city': cityMap,
  'guide-service-hall': serviceGuide,
};

function render(html, out, work) {
  const file = join(work, 'page.html');
  writeFileSync(file, html);
  const args = [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--hide-scrollbars', `--user-data-dir=${join(work, 'profile')}`,
    `--window-size=${W},${H}`, `--screenshot=${out}`, `file://${file}`,
  ];
  const r = spawnSync(CHROMIUM, args, { encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw new Error(`cannot run ${CHROMIUM}: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`chromium failed on ${out}: ${r.stderr.slice(-500)}`);
}

/** Reads a JPEG's pixel size from its first start-of-frame marker. */
function jpegSize(buf) {
  let i = 2;
  while (i < buf.length) {
    if (buf[i] !== 0xff) throw new Error('not a JPEG marker');
    const marker = buf[i + 1];
    const len = buf.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xc3) return { height: buf.readUInt16BE(i + 5), width: buf.readUInt16BE(i + 7) };
    i += 2 + len;
  }
  throw new Error('no JPEG frame header');
}

/** Stops with a clear message when no CJK font is installed (the Chinese titles would be boxes). */
function requireCjkFont() {
  const r = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  if (r.error || !r.stdout.trim()) {
    throw new Error('no CJK font found by fontconfig (fc-list :lang=zh); install one, e.g. Debian\'s fonts-noto-cjk');
  }
}

function main() {
  requireCjkFont();
  const wanted = process.argv.slice(2);
  for (const name of wanted) if (!(name in IMAGES)) throw new Error(`unknown image ${name}; known: ${Object.keys(IMAGES).join(', ')}`);
  mkdirSync(OUT_DIR, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'pujiang-images-'));
  try {
    for (const [name, draw] of Object.entries(IMAGES)) {
      if (wanted.length && !wanted.includes(name)) continue;
      const out = join(OUT_DIR, `${name}.jpg`);
      render(draw(), out, work);
      const bytes = statSync(out).size;
      const { width, height } = jpegSize(readFileSync(out));
      if (width !== W || height !== H) throw new Error(`${name}.jpg is ${width}×${height}, expected ${W}×${H}`);
      if (bytes > MAX_BYTES) throw new Error(`${name}.jpg is ${bytes} bytes, over the ${MAX_BYTES} limit`);
      console.log(`${name}.jpg ${bytes} B`);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

try {
  main();
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
