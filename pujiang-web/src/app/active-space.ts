// The space this page is in now (for the test hook); null in the lobby and on sign-in.
import type { SpaceClient } from '../net/types';

export interface ActiveSpace {
  client: SpaceClient;
  /** Every chat line received in this space (own lines included), for end-to-end tests; capped. */
  chatLines: { from: string; text: string; scope: string; self: boolean }[];
  /** The people list as shown (presence joined with the avatars in view). */
  people(): { userId: string; name: string; role: string; entityId: number }[];
  frameStats(): unknown;
  cameraMode(): string;
  /** The live twins of the space as the client holds them. */
  twins(): { twin: string; reported: Record<string, unknown>; alerts: { id: string; state: string; severity: string }[] }[];
  /** Opens the twin card of a twin, as a click on its object does. */
  openTwin(twin: string): void;
  /** Digital assets drawn in the scene now (placements whose slot the scene has). */
  placements(): { id: string; asset: string; edition: number; slot: string; title: string; format: string }[];
  /** Opens a placement's asset card, as a click on it does; false when the space has no such placement. */
  openAsset(placementId: string): boolean;
  /** The digital humans of the space as the quick-button panel lists them. */
  spaceAgents(): { id: string; name: string; hotQuestions: { entryId: string; question: Record<string, string> }[] }[];
  /** What digital humans are saying now (lines whose bubbles are up), oldest first. */
  agentSpeech(): AgentSpeechState[];
  /** Whether this browser can speak, whether the visitor muted it, and how many lines were handed to speechSynthesis. */
  agentVoice(): { supported: boolean; muted: boolean; utterances: number };
}

/** One line a digital human is saying, as end-to-end tests observe it. */
export interface AgentSpeechState {
  /** The agent's local entity id (0: not in view). */
  entityId: number;
  name: string;
  text: string;
  lang: string;
  scope: string;
  gesture: string;
  expression: string;
  entryId: string;
  link: string;
  handoff: boolean;
  /** The word being spoken (lit in the bubble) now, -1 before the first; of `words`. */
  word: number;
  words: number;
  speaking: boolean;
  /** none (muted or no speechSynthesis), queued, speaking, ended, failed. */
  audio: string;
  /** The speechSynthesis voice chosen ('' the browser's own choice, or none). */
  voice: string;
  /** Word boundaries the speech engine reported. */
  boundaries: number;
}

export const CHAT_RECORD_LIMIT = 10_000;

let active: ActiveSpace | null = null;

export function setActiveSpace(space: ActiveSpace | null): void {
  active = space;
}

export function activeSpace(): ActiveSpace | null {
  return active;
}
