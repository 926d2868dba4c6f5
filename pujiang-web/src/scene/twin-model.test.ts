import { describe, expect, it } from 'vitest';
import { parseInput, readThingModel } from './twin-model';

const TM = {
  '@context': ['https://www.w3.org/2022/wot/td/v1.1'], '@type': 'tm:ThingModel', id: 'pump', title: 'Pump', titles: { 'zh-CN': '泵' },
  properties: {
    temperature: { title: 'Temperature', type: 'number', unit: 'celsius', readOnly: true, minimum: -40, maximum: 150 },
    setpoint: { type: 'number', unit: 'celsius', minimum: 0, maximum: 100 },
    mode: { type: 'string', enum: ['auto', 'manual'] },
  },
  actions: { reset: { title: 'Reset' }, ramp: { input: { type: 'integer', minimum: 1, maximum: 10 } } },
};

describe('thing models for the twin panel', () => {
  it('lists properties with units and writability, and actions with their input', () => {
    const m = readThingModel(TM, 'zh-CN');
    expect(m.title).toBe('泵');
    expect(m.properties).toEqual([
      { name: 'temperature', title: 'Temperature', type: 'number', unit: 'celsius', writable: false, minimum: -40, maximum: 150 },
      { name: 'setpoint', title: 'setpoint', type: 'number', unit: 'celsius', writable: true, minimum: 0, maximum: 100 },
      { name: 'mode', title: 'mode', type: 'string', unit: '', writable: true, choices: ['auto', 'manual'] },
    ]);
    expect(m.actions).toEqual([
      { name: 'reset', title: 'Reset', input: 'null' },
      { name: 'ramp', title: 'ramp', input: 'integer', inputMinimum: 1, inputMaximum: 10 },
    ]);
  });

  it('tolerates a model with nothing in it', () => {
    expect(readThingModel({})).toEqual({ title: '', properties: [], actions: [] });
    expect(readThingModel({ properties: [1], actions: 'x' })).toEqual({ title: '', properties: [], actions: [] });
  });

  it('parses typed input', () => {
    expect(parseInput(' 72.5 ', 'number')).toEqual({ value: 72.5 });
    expect(parseInput('abc', 'number')).toEqual({ error: 'number' });
    expect(parseInput('', 'number')).toEqual({ error: 'number' });
    expect(parseInput('2.5', 'integer')).toEqual({ error: 'integer' });
    expect(parseInput('3', 'integer')).toEqual({ value: 3 });
    expect(parseInput('on', 'boolean')).toEqual({ value: true });
    expect(parseInput('no', 'boolean')).toEqual({ value: false });
    expect(parseInput('{"a":1}', 'object')).toEqual({ value: { a: 1 } });
    expect(parseInput('{', 'object')).toEqual({ error: 'json' });
    expect(parseInput('hello', 'string')).toEqual({ value: 'hello' });
    expect(parseInput('hello', 'unknown')).toEqual({ value: 'hello' });
    expect(parseInput('12', 'unknown')).toEqual({ value: 12 });
  });
});
