import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashKey, newVirtualKey, tokenOf } from '../../../src/server/auth/virtual-key.js';

describe('virtual keys', () => {
  it('are sk- and 32 base64url characters, kept as their sha256 hex and a short name', () => {
    const { key, token, key_name } = newVirtualKey();
    expect(key).toMatch(/^sk-[A-Za-z0-9_-]{32}$/);
    expect(token).toBe(createHash('sha256').update(key).digest('hex'));
    expect(key_name).toBe(`sk-...${key.slice(-4)}`);
  });

  it('are different each time', () => {
    const keys = new Set(Array.from({ length: 100 }, () => newVirtualKey().key));
    expect(keys.size).toBe(100);
  });

  it('are named in admin calls by themselves or by their token', () => {
    const { key, token } = newVirtualKey();
    expect(tokenOf(key)).toBe(token);
    expect(tokenOf(token)).toBe(token);
    expect(tokenOf(token.toUpperCase())).toBe(hashKey(token.toUpperCase()));
  });
});
