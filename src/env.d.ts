declare const __BROWSER__: 'chrome' | 'firefox';
/** @crxjs/vite-plugin: a script built on its own (IIFE for `.iife.ts`); the import is its path in the build. */
declare module '*?script' {
  const path: string;
  export default path;
}
