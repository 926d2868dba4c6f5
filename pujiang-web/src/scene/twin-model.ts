// What the twin panel needs from a WoT Thing Model (GET /api/models/{id}): each property's type, unit
// and whether it can be set (not readOnly), and each action with the type of its input. Pure.

export type ValueType = 'number' | 'integer' | 'boolean' | 'string' | 'object' | 'array' | 'null' | 'unknown';

export interface ModelProperty {
  name: string;
  title: string;
  type: ValueType;
  unit: string;
  writable: boolean;
  minimum?: number;
  maximum?: number;
  /** Allowed values (a select instead of a text box). */
  choices?: unknown[];
}

export interface ModelAction {
  name: string;
  title: string;
  /** The input's type; 'null' when the action takes none. */
  input: ValueType;
  inputMinimum?: number;
  inputMaximum?: number;
  inputChoices?: unknown[];
}

export interface TwinModelView { title: string; properties: ModelProperty[]; actions: ModelAction[] }

function rec(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? v as Record<string, unknown> : {};
}

function typeOf(schema: Record<string, unknown>): ValueType {
  const t = schema['type'];
  return t === 'number' || t === 'integer' || t === 'boolean' || t === 'string' || t === 'object' || t === 'array' || t === 'null'
    ? t : 'unknown';
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function localTitle(o: Record<string, unknown>, lang: string, fallback: string): string {
  const titles = rec(o['titles']);
  const t = titles[lang];
  if (typeof t === 'string' && t !== '') return t;
  return typeof o['title'] === 'string' && o['title'] !== '' ? o['title'] : fallback;
}

/** The panel's view of a Thing Model; tolerant of anything missing (a model it cannot read has no rows). */
export function readThingModel(tm: Record<string, unknown>, lang = 'en'): TwinModelView {
  const properties: ModelProperty[] = [];
  for (const [name, raw] of Object.entries(rec(tm['properties']))) {
    const p = rec(raw);
    const prop: ModelProperty = {
      name, title: localTitle(p, lang, name), type: typeOf(p), unit: typeof p['unit'] === 'string' ? p['unit'] : '',
      writable: p['readOnly'] !== true,
    };
    const min = num(p['minimum']);
    const max = num(p['maximum']);
    if (min !== undefined) prop.minimum = min;
    if (max !== undefined) prop.maximum = max;
    if (Array.isArray(p['enum'])) prop.choices = p['enum'].slice();
    properties.push(prop);
  }
  const actions: ModelAction[] = [];
  for (const [name, raw] of Object.entries(rec(tm['actions']))) {
    const a = rec(raw);
    const input = a['input'] === undefined ? null : rec(a['input']);
    const action: ModelAction = { name, title: localTitle(a, lang, name), input: input === null ? 'null' : typeOf(input) };
    if (input !== null) {
      const min = num(input['minimum']);
      const max = num(input['maximum']);
      if (min !== undefined) action.inputMinimum = min;
      if (max !== undefined) action.inputMaximum = max;
      if (Array.isArray(input['enum'])) action.inputChoices = input['enum'].slice();
    }
    actions.push(action);
  }
  return { title: localTitle(tm, lang, typeof tm['id'] === 'string' ? tm['id'] : ''), properties, actions };
}

/**
 * The value typed into a box, as the model's type wants it: a number for number/integer, a boolean
 * for boolean ("true"/"on"/"1"), JSON for objects and arrays, the text otherwise. `error` says why not.
 */
export function parseInput(text: string, type: ValueType): { value: unknown } | { error: 'number' | 'integer' | 'json' } {
  const s = text.trim();
  switch (type) {
    case 'number': {
      const n = Number(s);
      return s !== '' && Number.isFinite(n) ? { value: n } : { error: 'number' };
    }
    case 'integer': {
      const n = Number(s);
      return s !== '' && Number.isInteger(n) ? { value: n } : { error: 'integer' };
    }
    case 'boolean':
      return { value: ['true', 'on', '1', 'yes'].includes(s.toLowerCase()) };
    case 'object':
    case 'array':
    case 'unknown':
      try {
        return { value: JSON.parse(s) as unknown };
      } catch {
        return type === 'unknown' ? { value: text } : { error: 'json' };
      }
    case 'null':
      return { value: null };
    default:
      return { value: text };
  }
}
