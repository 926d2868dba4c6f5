import { describe, expect, it } from 'vitest';
import {
  animationParams, colourFor, formatLabel, formatValue, gaugeFraction, gradientColour, parseHexColour, parseObjectRef,
  toNumber, truthy, unitSymbol,
} from './twin-format';

describe('twin formatting', () => {
  it('formats values and labels', () => {
    expect(formatValue(72.4)).toBe('72.4');
    expect(formatValue(72.456)).toBe('72.46');
    expect(formatValue(72, 1)).toBe('72.0');
    expect(formatValue(true)).toBe('true');
    expect(formatValue(null)).toBe('—');
    expect(formatValue({ a: 1 })).toBe('{"a":1}');
    expect(formatLabel(72.4, '°C')).toBe('72.4 °C');
    expect(formatLabel(3, '', '{value} {unit}')).toBe('3');
    expect(formatLabel(42.26, '%', 'load {value}{unit}', 1)).toBe('load 42.3%');
  });

  it('turns unit names into symbols', () => {
    expect(unitSymbol('celsius')).toBe('°C');
    expect(unitSymbol('om:degreeCelsius')).toBe('°C');
    expect(unitSymbol('Cel')).toBe('°C');
    expect(unitSymbol('percent')).toBe('%');
    expect(unitSymbol('kilowatt-hour')).toBe('kWh');
    expect(unitSymbol('bananas')).toBe('bananas');
    expect(unitSymbol(undefined)).toBe('');
  });

  it('interpolates gradients in RGB and clamps at the ends', () => {
    const stops = [{ at: 0, colour: '#0000ff' }, { at: 50, colour: '#00ff00' }, { at: 100, colour: '#ff0000' }];
    expect(gradientColour(stops, -10)).toBe(0x0000ff);
    expect(gradientColour(stops, 0)).toBe(0x0000ff);
    expect(gradientColour(stops, 25)).toBe(0x0080 << 8 | 0x80);
    expect(gradientColour(stops, 50)).toBe(0x00ff00);
    expect(gradientColour(stops, 75)).toBe(0x808000);
    expect(gradientColour(stops, 1e9)).toBe(0xff0000);
    expect(gradientColour([], 1)).toBeNull();
    expect(gradientColour(stops, NaN)).toBeNull();
    expect(parseHexColour('#12ab34')).toBe(0x12ab34);
    expect(parseHexColour('red')).toBeNull();
  });

  it('maps values to colours, the map first', () => {
    const v = { kind: 'colour' as const, map: { running: '#00ff00', stopped: '#888888', true: '#0000ff' }, stops: [{ at: 0, colour: '#000000' }, { at: 10, colour: '#ffffff' }] };
    expect(colourFor(v, 'running')).toBe(0x00ff00);
    expect(colourFor(v, true)).toBe(0x0000ff);
    expect(colourFor(v, 5)).toBe(0x808080);
    expect(colourFor(v, 'broken')).toBeNull();
    expect(colourFor(v, undefined)).toBeNull();
  });

  it('fills gauges between min and max, clamped', () => {
    expect(gaugeFraction(50, 0, 200)).toBe(0.25);
    expect(gaugeFraction(-5, 0, 10)).toBe(0);
    expect(gaugeFraction(15, 0, 10)).toBe(1);
    expect(gaugeFraction('7.5', 5, 10)).toBe(0.5);
    expect(gaugeFraction('high', 0, 10)).toBeNull();
    expect(gaugeFraction(1, 10, 10)).toBeNull();
  });

  it('reads numbers and truthiness leniently', () => {
    expect(toNumber(true)).toBe(1);
    expect(toNumber(' 3 ')).toBe(3);
    expect(toNumber('')).toBeNull();
    expect(toNumber(Infinity)).toBeNull();
    expect(truthy('off')).toBe(false);
    expect(truthy('FALSE')).toBe(false);
    expect(truthy('on')).toBe(true);
    expect(truthy(0)).toBe(false);
    expect(truthy(2)).toBe(true);
  });

  it('runs animations from a speed property or a switch', () => {
    const spin = { kind: 'animation' as const, clip: 'spin' as const, speedFrom: 'rpm', scale: 0.1 };
    expect(animationParams(spin, 'rpm', { rpm: 30 })).toEqual({ on: true, speed: 3 });
    expect(animationParams(spin, 'rpm', { rpm: 0 })).toEqual({ on: false, speed: 0 });
    const gated = { ...spin, when: 'running' };
    expect(animationParams(gated, 'rpm', { rpm: 30, running: false })).toEqual({ on: false, speed: 0 });
    expect(animationParams(gated, 'rpm', { rpm: 30, running: true })).toEqual({ on: true, speed: 3 });
    const pulse = { kind: 'animation' as const, clip: 'pulse' as const, speed: 2 };
    expect(animationParams(pulse, 'alarm', { alarm: 'on' })).toEqual({ on: true, speed: 2 });
    expect(animationParams(pulse, 'alarm', {})).toEqual({ on: false, speed: 0 });
  });

  it('reads object references', () => {
    expect(parseObjectRef('line-a-press')).toEqual({ kind: 'scene', id: 'line-a-press' });
    expect(parseObjectRef('shared:crate 1')).toEqual({ kind: 'shared', name: 'crate 1' });
  });
});
