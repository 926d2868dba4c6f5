// Small labels for roles and visibility.
import type { MessageKey } from '../i18n';
import { h } from './dom';

const ROLE_KEYS: Record<string, MessageKey> = {
  admin: 'role.admin', operator: 'role.operator', member: 'role.member', guest: 'role.guest',
};

export function roleBadge(role: string): HTMLElement {
  const key = ROLE_KEYS[role];
  return key === undefined
    ? h('span', { class: 'badge badge-other' }, role)
    : h('span', { class: `badge badge-${role}`, tx: key });
}

export function badge(key: MessageKey, kind: string): HTMLElement {
  return h('span', { class: `badge badge-${kind}`, tx: key });
}
