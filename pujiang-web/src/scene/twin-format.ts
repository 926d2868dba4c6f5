// Pure helpers for drawing twin values: number and label formatting, units, colour maps and
// gradients, gauge fractions, animation parameters and binding object references. No Three.js.

import type { BindingVisual, ColourStop } from '../api/rest';

// Common unit names (WoT/QUDT/UCUM/DTDL spellings) to the symbols people read; anything else is shown as given.
const UNIT_SYMBOLS: Readonly<Record<string, string>> = {
  celsius: '°C', degreecelsius: '°C', degree_celsius: '°C', cel: '°C', 'deg c': '°C', degc: '°C',
  fahrenheit: '°F', degreefahrenheit: '°F', degree_fahrenheit: '°F', degf: '°F',
  kelvin: 'K', percent: '%', pct: '%', percentage: '%',
  metre: 'm', meter: 'm', millimetre: 'mm', millimeter: 'mm', centimetre: 'cm', centimeter: 'cm', kilometre: 'km', kilometer: 'km',
  second: 's', millisecond: 'ms', minute: 'min', hour: 'h',
  hertz: 'Hz', kilohertz: 'kHz', revolutionsperminute: 'rpm', rpm: 'rpm',
  watt: 'W', kilowatt: 'kW', megawatt: 'MW', kilowatthour: 'kWh', volt: 'V', ampere: 'A', milliampere: 'mA',
  pascal: 'Pa', kilopascal: 'kPa', bar: 'bar', millibar: 'mbar', hectopascal: 'hPa',
  litre: 'L', liter: 'L', litrepersecond: 'L/s', literpersecond: 'L/s', cubicmetrepersecond: 'm³/s',
  metrepersecond: 'm/s', meterpersecond: 'm/s', kilometreperhour: 'km/h', kilometerperhour: 'km/h',
  kilogram: 'kg', gram: 'g', tonne: 't', lux: 'lx', decibel: 'dB', partspermillion: 'ppm', ppm: 'ppm',
};

/** The symbol for a unit name ("om:degreeCelsius", "celsius", "Cel" → "°C"); unknown names are kept. */
export function unitSymbol(unit: string | undefined): string {
  if (unit === undefined || unit === '') return '';
  const bare = unit.includes(':') ? unit.slice(unit.lastIndexOf(':') + 1) : unit.includes('#') ? unit.slice(unit.lastIndexOf('#') + 1) : unit;
  return UNIT_SYMBOLS[bare.toLowerCase()] ?? UNIT_SYMBOLS[bare.toLowerCase().replace(/[\s_-]/g, '')] ?? bare;
}

/** A value as text: numbers with `decimals` places (or up to 2, trailing zeros dropped), booleans, strings, JSON. */
export function formatValue(value: unknown, decimals?: number): string {
  if (value === undefined || value === null) return '—';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return String(value);
    if (decimals !== undefined) return value.toFixed(decimals);
    return String(Math.round(value * 100) / 100);
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return JSON.stringify(value);
}

/** A label from its template: "{value}" and "{unit}" are replaced; the default is "{value} {unit}". */
export function formatLabel(value: unknown, unit: string, format = '{value} {unit}', decimals?: number): string {
  return format.replace(/\{value\}/g, formatValue(value, decimals)).replace(/\{unit\}/g, unit).trim();
}

/** A "#rrggbb" colour as 0xrrggbb, or null. */
export function parseHexColour(c: string): number | null {
  return /^#[0-9a-fA-F]{6}$/.test(c) ? parseInt(c.slice(1), 16) : null;
}

function mix(a: number, b: number, f: number): number {
  const ch = (v: number, s: number) => (v >> s) & 0xff;
  const m = (s: number) => Math.round(ch(a, s) + (ch(b, s) - ch(a, s)) * f);
  return (m(16) << 16) | (m(8) << 8) | m(0);
}

/** The colour of `v` on a gradient of stops sorted by `at`: clamped at the ends, linear in RGB between. */
export function gradientColour(stops: readonly ColourStop[], v: number): number | null {
  if (stops.length === 0 || !Number.isFinite(v)) return null;
  const first = stops[0]!;
  const last = stops[stops.length - 1]!;
  if (v <= first.at) return parseHexColour(first.colour);
  if (v >= last.at) return parseHexColour(last.colour);
  for (let i = 1; i < stops.length; i++) {
    const hi = stops[i]!;
    if (v <= hi.at) {
      const lo = stops[i - 1]!;
      const a = parseHexColour(lo.colour);
      const b = parseHexColour(hi.colour);
      if (a === null || b === null) return null;
      const span = hi.at - lo.at;
      return mix(a, b, span > 0 ? (v - lo.at) / span : 1);
    }
  }
  return parseHexColour(last.colour);
}

/** The colour a colour visual gives `value`: the map by the value's text first, then the gradient for numbers. */
export function colourFor(visual: Extract<BindingVisual, { kind: 'colour' }>, value: unknown): number | null {
  if (value === undefined || value === null) return null;
  if (visual.map !== undefined) {
    const hit = visual.map[formatValue(value)];
    if (hit !== undefined) return parseHexColour(hit);
  }
  const n = toNumber(value);
  return visual.stops !== undefined && n !== null ? gradientColour(visual.stops, n) : null;
}

/** A number from a number, a boolean (1/0) or numeric text; null otherwise. */
export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** How full a gauge is: (v − min) / (max − min) clamped to [0, 1]; null when v is not a number. */
export function gaugeFraction(value: unknown, min: number, max: number): number | null {
  const n = toNumber(value);
  if (n === null || !(max > min)) return null;
  return Math.max(0, Math.min(1, (n - min) / (max - min)));
}

/** JavaScript truthiness, except that the texts "false", "off" and "0" are false. */
export function truthy(value: unknown): boolean {
  if (typeof value === 'string') return !['', 'false', 'off', '0', 'no'].includes(value.trim().toLowerCase());
  return Boolean(value);
}

/**
 * Whether an animation runs and how fast (cycles or radians per second, by clip). `speedFrom` names a
 * property whose number gives the speed (times `scale`); `when` names a property (or, as true, the bound
 * one) whose truthiness switches it on. With neither, the bound property's truthiness does.
 */
export function animationParams(visual: Extract<BindingVisual, { kind: 'animation' }>, property: string,
  reported: Readonly<Record<string, unknown>>): { on: boolean; speed: number } {
  const scale = visual.scale ?? 1;
  let speed = visual.speed ?? 1;
  if (visual.speedFrom !== undefined) speed = (toNumber(reported[visual.speedFrom]) ?? 0) * scale;
  let on: boolean;
  if (typeof visual.when === 'string') on = truthy(reported[visual.when]);
  else if (visual.when === true || visual.speedFrom === undefined) on = truthy(reported[property]);
  else on = true;
  return { on: on && speed !== 0, speed: on ? speed : 0 };
}

/** What a binding's `object` names: a scene item by id, or a shared object by name ("shared:<name>"). */
export type ObjectRef = { kind: 'scene'; id: string } | { kind: 'shared'; name: string };

export function parseObjectRef(object: string): ObjectRef {
  return object.startsWith('shared:') ? { kind: 'shared', name: object.slice('shared:'.length) } : { kind: 'scene', id: object };
}
