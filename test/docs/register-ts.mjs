// `node --import` hook for the documentation examples: lets Node run the TypeScript sources and
// the examples written out from the book, through the dev loader the checker's workers use.
import { register } from 'node:module';
import { URL } from 'node:url';

register(new URL('../../src/checker/ts-dev-loader.mjs', import.meta.url));
