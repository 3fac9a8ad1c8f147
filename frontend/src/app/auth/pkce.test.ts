import { describe, expect, it } from 'vitest';
import {
  base64UrlDecodeToString,
  base64UrlEncode,
  createCodeChallenge,
  createCodeVerifier,
  isValidCodeVerifier,
} from './pkce';

describe('PKCE', () => {
  // RFC 7636 appendix B: the verifier is the base64url of the 32 octets listed there
  // (note the "O" in "...FWFOEjXk"), and its S256 challenge is "E9Melhoa...".
  const RFC_OCTETS = [
    116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91,
    88, 5, 88, 83, 132, 141, 121,
  ];

  it('encodes the RFC 7636 appendix B octets to its verifier', () => {
    expect(base64UrlEncode(new Uint8Array(RFC_OCTETS))).toBe('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
  });

  it('computes the S256 challenge of RFC 7636 appendix B', async () => {
    await expect(createCodeChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).resolves.toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('creates 43-character verifiers from the unreserved alphabet', () => {
    const v = createCodeVerifier();
    expect(v).toHaveLength(43);
    expect(isValidCodeVerifier(v)).toBe(true);
  });

  it('creates a different verifier every time', () => {
    const seen = new Set(Array.from({ length: 50 }, () => createCodeVerifier()));
    expect(seen.size).toBe(50);
  });

  it('rejects verifiers that are too short or use other characters', () => {
    expect(isValidCodeVerifier('short')).toBe(false);
    expect(isValidCodeVerifier(`${'a'.repeat(42)}+`)).toBe(false);
    expect(isValidCodeVerifier('a'.repeat(129))).toBe(false);
  });

  it('base64url-encodes without padding or + and /', () => {
    expect(base64UrlEncode(new Uint8Array([251, 255, 191]))).toBe('-_-_');
    expect(base64UrlEncode(new Uint8Array([1]))).toBe('AQ');
  });

  it('decodes base64url text (JWT payloads) including UTF-8', () => {
    const text = '{"name":"Nguyễn Văn A"}';
    const encoded = base64UrlEncode(new TextEncoder().encode(text));
    expect(base64UrlDecodeToString(encoded)).toBe(text);
  });
});
