export type { ConversationMessage, CustomPaths } from './correlation';
export { createPairing, UNANSWERED_AFTER_MS, type InfoStore, type LatencyStats, type PairInfo, type Pairing } from './pairing';
export { isHeartbeat } from './heartbeat';
