import { describe, expect, it } from 'vitest';
import { deploymentSecrets, urlWithoutSecrets } from '../../src/errors/deployment-secrets.js';
import { redactSecrets } from '../../src/errors/redact-secret.js';

const target = {
  apiKey: 'sk-key-0123456789',
  baseUrl: 'https://gw.test/v1?api_key=a%2Fb%20c-0123&flag&empty=&v=1',
  headers: { Authorization: 'Basic dXNlcjpwYXNz', 'x-tiny': 'abc', 'x-app': 'my-app' },
  params: { secretAccessKey: 'aws-secret-0123', sessionToken: 'aws-token-0123', region: 'eu-west-1', retries: 3 },
};

describe('deploymentSecrets', () => {
  it('holds the key, every header value and its credentials, query values as written and decoded, credential params; longest first', () => {
    expect(deploymentSecrets(target)).toEqual([
      'Basic dXNlcjpwYXNz',
      'sk-key-0123456789',
      'aws-secret-0123',
      'a%2Fb%20c-0123',
      'aws-token-0123',
      'dXNlcjpwYXNz',
      'a/b c-0123',
      'my-app',
    ]);
  });

  it('leaves values shorter than four characters, and a target without secrets has none', () => {
    expect(redactSecrets('abc and v=1 and my-app', deploymentSecrets(target))).toBe('abc and v=1 and [redacted]');
    expect(deploymentSecrets({ apiKey: undefined, baseUrl: 'https://api.test/v1', headers: undefined, params: undefined })).toEqual([]);
  });

  it('redacts a value that holds another whole', () => {
    expect(redactSecrets('sent Basic dXNlcjpwYXNz, then dXNlcjpwYXNz', deploymentSecrets(target))).toBe('sent [redacted], then [redacted]');
  });
});

describe('urlWithoutSecrets', () => {
  it('redacts every query value and keeps the names, bare names and empty values', () => {
    expect(urlWithoutSecrets(target.baseUrl)).toBe('https://gw.test/v1?api_key=[redacted]&flag&empty=&v=[redacted]');
    expect(urlWithoutSecrets('https://api.test/v1')).toBe('https://api.test/v1');
  });
});
