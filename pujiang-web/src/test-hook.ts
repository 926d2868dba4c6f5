// window.pujiangTest: a read-only view of the app for end-to-end tests (always installed; harmless).
import { activeSpace, type AgentSpeechState } from './app/active-space';
import { lang } from './i18n';

export interface PujiangTestHook {
  /** connection: the client's status, or 'idle' outside a space. */
  state(): { connection: string; spaceId: string; selfId: number };
  /** Avatars this client sees (not our own, not objects), at their interpolated positions now. */
  entities(): { id: number; name: string; x: number; y: number; z: number }[];
  /** Our own avatar's pose as the server knows it, or null. */
  self(): { id: number; x: number; y: number; z: number } | null;
  /** Every chat line received in this space, own lines included. */
  chatLog(): { from: string; text: string }[];
  /** Everyone in the space as the people panel lists them (entityId 0: not in view). */
  people(): { userId: string; name: string; role: string; entityId: number }[];
  /** The connection banner's text, or null when none is shown. */
  banner(): string | null;
  lang(): string;
  /** The view's frame statistics, or null outside a space (or without WebGL). */
  frameStats(): unknown;
  cameraMode(): string;
  path(): string;
  /** The space's bound twins as the client holds them: reported values and alerts. */
  twins(): { twin: string; reported: Record<string, unknown>; alerts: { id: string; state: string; severity: string }[] }[];
  /** Opens a twin's card, as clicking its object does. */
  openTwin(twin: string): void;
  /** Digital assets drawn in the scene (their slot exists in the scene). */
  placements(): { id: string; asset: string; edition: number; slot: string; title: string; format: string }[];
  /** Opens a placement's asset card, as clicking it does (the card is [data-testid=asset-card]). */
  openAsset(placementId: string): boolean;
  /** Digital humans (entities of kind agent) this client sees, at their interpolated positions now. */
  agents(): { id: number; name: string; x: number; y: number; z: number }[];
  /** The space's digital humans as GET /api/spaces/{id}/agents gave them to the quick-button panel. */
  spaceAgents(): { id: string; name: string; hotQuestions: { entryId: string; question: Record<string, string> }[] }[];
  /** What digital humans are saying now: one entry per speech bubble shown, oldest first. */
  agentSpeech(): AgentSpeechState[];
  /** Speech output: whether the browser can speak, the mute choice, lines handed to speechSynthesis. */
  agentVoice(): { supported: boolean; muted: boolean; utterances: number };
}

declare global {
  interface Window {
    pujiangTest: PujiangTestHook;
  }
}

export function installTestHook(): void {
  const hook: PujiangTestHook = {
    state() {
      const s = activeSpace();
      if (s === null) return { connection: 'idle', spaceId: '', selfId: 0 };
      return { connection: s.client.status, spaceId: s.client.spaceId, selfId: s.client.selfId };
    },
    entities: () => entitiesOf('avatar'),
    agents: () => entitiesOf('agent'),
    spaceAgents: () => activeSpace()?.spaceAgents() ?? [],
    agentSpeech: () => activeSpace()?.agentSpeech() ?? [],
    agentVoice: () => activeSpace()?.agentVoice() ?? { supported: false, muted: false, utterances: 0 },
    self() {
      const s = activeSpace();
      if (s === null || s.client.selfId === 0) return null;
      const p = s.client.poseAt(s.client.selfId);
      return p === undefined ? null : { id: s.client.selfId, x: p.x, y: p.y, z: p.z };
    },
    chatLog() {
      return activeSpace()?.chatLines.map((l) => ({ from: l.from, text: l.text })) ?? [];
    },
    people: () => activeSpace()?.people() ?? [],
    banner: () => document.querySelector('.conn-banner:not([hidden]) .conn-text')?.textContent ?? null,
    lang: () => lang(),
    twins: () => activeSpace()?.twins() ?? [],
    openTwin: (twin) => activeSpace()?.openTwin(twin),
    placements: () => activeSpace()?.placements() ?? [],
    openAsset: (placementId) => activeSpace()?.openAsset(placementId) ?? false,
    frameStats: () => activeSpace()?.frameStats() ?? null,
    cameraMode: () => activeSpace()?.cameraMode() ?? 'none',
    path: () => location.pathname + location.search,
  };
  window.pujiangTest = hook;
}

function entitiesOf(kind: 'avatar' | 'agent'): { id: number; name: string; x: number; y: number; z: number }[] {
  const s = activeSpace();
  if (s === null) return [];
  const out: { id: number; name: string; x: number; y: number; z: number }[] = [];
  for (const e of s.client.entities()) {
    if (e.kind !== kind) continue;
    const p = s.client.poseAt(e.id);
    if (p !== undefined) out.push({ id: e.id, name: e.name, x: p.x, y: p.y, z: p.z });
  }
  return out;
}
