import { expect, test } from 'vitest';
import { inlineScriptHashes, pagePolicy, withPagePolicy } from './csp';

// Expected hashes computed with openssl (`printf 'alert(1)' | openssl dgst -sha256 -binary | base64`).
test('inline scripts are hashed as browsers do (UTF-8 bytes); scripts with src are not', () => {
  const html = '<script src="/a.js"></script><script>alert(1)</script><script id="_R_">document.title="é"</script><script>alert(1)</script>';
  expect(inlineScriptHashes(html)).toEqual(['sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI=', 'sha256-DzgG+YGpL49P0G+w/IDk70+0AOFOtCginf4RNvvUEx8=']);
});

test('a page gets its policy right after its charset declaration; a page without head is refused', () => {
  expect(withPagePolicy('<!DOCTYPE html><html><head><meta charSet="utf-8"/><title>x</title></head><body><script>alert(1)</script></body></html>')).toBe(
    `<!DOCTYPE html><html><head><meta charSet="utf-8"/><meta http-equiv="Content-Security-Policy" content="${pagePolicy(['sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='])}"/><title>x</title></head><body><script>alert(1)</script></body></html>`,
  );
  expect(withPagePolicy('<!DOCTYPE html><html><head><title>a</title></head><body></body></html>')).toContain(`<head><meta http-equiv="Content-Security-Policy" content="${pagePolicy([])}"/><title>`);
  expect(() => withPagePolicy('<p>no head</p>')).toThrow('has no <head>');
});

test("the page policy: scripts from the site and the page's own hashes only", () => {
  expect(pagePolicy(['sha256-abc='])).toBe(
    "default-src 'none'; script-src 'self' 'sha256-abc='; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'",
  );
});
