/**
 * A TypeScript system module on a Node that will not run it: the error says, for the Node at
 * hand, what to do. (test/package/pack.test.ts runs a .ts module through the packed command on
 * this machine's Node, and its compiled twin.)
 */
import { describe, expect, it } from 'vitest';
import { typeScriptAdvice } from '../../src/system/load-system.js';

describe('TypeScript modules', () => {
  it('on Node 20 and before 22.6: compile, or a Node that strips types', () => {
    for (const version of ['20.20.2', '22.5.1']) {
      expect(typeScriptAdvice(version, 'ERR_UNKNOWN_FILE_EXTENSION')).toBe(
        `Node ${version} does not run TypeScript; compile it to JavaScript (tsc) and pass the .js file, or use a Node that strips types: ` +
          '22.18 or 23.6 and later as they are, 22.6 and later with NODE_OPTIONS=--experimental-strip-types',
      );
    }
  });

  it('on Node 22.6 to 22.17 and 23.0 to 23.5: the flag', () => {
    for (const version of ['22.6.0', '22.17.1', '23.5.0']) {
      expect(typeScriptAdvice(version, 'ERR_UNKNOWN_FILE_EXTENSION')).toBe(
        `Node ${version} runs TypeScript only with --experimental-strip-types (NODE_OPTIONS=--experimental-strip-types); or compile it to JavaScript (tsc) and pass the .js file`,
      );
    }
  });

  it('where Node strips types by default: it was turned off; syntax it cannot strip; files under node_modules', () => {
    for (const version of ['22.18.0', '23.6.0', '24.1.0']) expect(typeScriptAdvice(version, 'ERR_UNKNOWN_FILE_EXTENSION')).toMatch(/unless type stripping is turned off/);
    expect(typeScriptAdvice('22.18.0', 'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX')).toMatch(/^it uses TypeScript that Node cannot strip \(enums, namespaces, parameter properties/);
    expect(typeScriptAdvice('23.6.0', 'ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING')).toMatch(/^Node does not strip types from files under node_modules; compile it/);
  });
});
