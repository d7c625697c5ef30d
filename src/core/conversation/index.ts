export type { ConversationMessage, CustomPaths } from './correlation';
export { createPairing, UNANSWERED_AFTER_MS, type LatencyStats, type PairInfo, type Pairing } from './pairing';
export { isHeartbeat } from './heartbeat';
