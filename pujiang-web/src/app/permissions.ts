// Who may do what, as the UI decides which controls to offer (the server has the last word).

export function canCreateSpace(role: string): boolean {
  return role === 'member' || role === 'operator' || role === 'admin';
}

/** Host actions (mute, kick) are for operators, admins and the space's owner. */
export function canModerate(role: string, userId: string, ownerId: string): boolean {
  return role === 'admin' || role === 'operator' || (userId !== '' && userId === ownerId);
}
