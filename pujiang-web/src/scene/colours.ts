// Stable per-user colours: a hash of the user id picks a hue, so someone looks the same to everyone.

/** 32-bit FNV-1a of a string's UTF-16 code units. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** HSL → 0xRRGGBB; h in [0, 360), s and l in [0, 1]. */
export function hslToHex(h: number, s: number, l: number): number {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  const to8 = (v: number) => Math.round(v * 255);
  return (to8(f(0)) << 16) | (to8(f(8)) << 8) | to8(f(4));
}

/** Clothing colour for a user: saturated enough to tell people apart, never too dark. */
export function avatarColour(key: string): number {
  const h = hashString(key);
  const hue = h % 360;
  const light = 0.45 + ((h >>> 9) % 16) / 100;  // 0.45 … 0.60
  return hslToHex(hue, 0.62, light);
}

/** Skin tones, picked by hash too so crowds vary. */
const SKIN_TONES = [0xf2d3b3, 0xe0b48f, 0xc68c5c, 0x8d5a3b, 0xf6e0c8, 0xa8714a];

export function skinColour(key: string): number {
  return SKIN_TONES[(hashString(key) >>> 17) % SKIN_TONES.length]!;
}

/** Every digital human wears the same navy uniform, so visitors tell staff from each other at a glance. */
export const AGENT_UNIFORM = 0x23467a;
