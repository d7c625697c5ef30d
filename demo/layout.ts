/** The demo window: 1000 px high (launchChromium's window), of which DevTools, docked at the bottom, gets this much. */
export const DEMO_DEVTOOLS_HEIGHT = 760;
