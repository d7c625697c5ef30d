/** Where the build puts the relay proper (vite.config.ts builds it), which the stub imports at a frame's first socket. */
export const RELAY_MODULE = 'src/content/relay.js';
