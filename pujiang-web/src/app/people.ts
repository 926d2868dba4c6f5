// Joins the presence list (everyone in the space) with the entities in view (who has an avatar nearby).
import type { EntityInfo, PresenceEntry } from '../net/types';

export interface Person {
  userId: string;
  displayName: string;
  role: string;
  self: boolean;
  owner: boolean;
  /** Local id of their avatar when it is in view, else 0 (voice mute and host actions need it). */
  entityId: number;
}

const ROLE_ORDER: Record<string, number> = { admin: 0, operator: 1, member: 2, guest: 3 };

/**
 * People to list: self first, then by role, then by name. A user with several avatars (two tabs)
 * is listed once, with the first avatar in view.
 */
export function peopleFrom(
  presence: readonly PresenceEntry[],
  entities: readonly EntityInfo[],
  selfUserId: string,
  ownerId: string,
): Person[] {
  const avatarOf = new Map<string, number>();
  for (const e of entities) {
    if (e.kind === 'avatar' && e.userId !== '' && !avatarOf.has(e.userId)) avatarOf.set(e.userId, e.id);
  }
  const seen = new Set<string>();
  const people: Person[] = [];
  for (const p of presence) {
    if (seen.has(p.userId)) continue;
    seen.add(p.userId);
    const self = p.userId === selfUserId;
    people.push({
      userId: p.userId,
      displayName: p.displayName,
      role: p.role,
      self,
      owner: ownerId !== '' && p.userId === ownerId,
      entityId: self ? 0 : (avatarOf.get(p.userId) ?? 0),
    });
  }
  return people.sort((a, b) => {
    if (a.self !== b.self) return a.self ? -1 : 1;
    const ra = ROLE_ORDER[a.role] ?? 4;
    const rb = ROLE_ORDER[b.role] ?? 4;
    if (ra !== rb) return ra - rb;
    return a.displayName.localeCompare(b.displayName);
  });
}
