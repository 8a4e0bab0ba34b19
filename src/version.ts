declare const __MICROJWT_VERSION__: string;

/** The library version, from package.json at build time. */
export const version: string = typeof __MICROJWT_VERSION__ === 'string' ? __MICROJWT_VERSION__ : 'dev';
