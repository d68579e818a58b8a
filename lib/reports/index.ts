/** Uptime reports over calendar periods, from the same maths as the pages (lib/status/uptime). */
export * from './period';
export * from './report';
export * from './csv';
export * from './json';
export * from './page-input';
