import * as z from 'zod';

// The schemas check a configuration once, or an error body now and then: zod's compiled fast path
// costs more to build than it saves them. The build bundles zod, so the setting stays inside switchyard.
z.config({ jitless: true });

export const positiveInteger = () =>
  z.number({ error: 'expected a positive integer' }).int({ error: 'expected a positive integer' }).positive({ error: 'expected a positive integer' });

export const nonNegativeInteger = () =>
  z
    .number({ error: 'expected an integer of 0 or more' })
    .int({ error: 'expected an integer of 0 or more' })
    .nonnegative({ error: 'expected an integer of 0 or more' });

export const nonNegativeNumber = () => z.number({ error: 'expected a number of 0 or more' }).nonnegative({ error: 'expected a number of 0 or more' });

export const nonEmptyString = ({ error = 'expected a non-empty string' } = {}) => z.string({ error }).min(1, { error });

export const stringRecord = () => z.record(z.string(), z.string({ error: 'expected a string value' }), { error: 'expected an object of strings' });

/** Whether `value` parses as a URL with a port a connection can use (0 and above 65535 cannot). */
function parsesWithUsablePort(value: string): boolean {
  if (!URL.canParse(value)) return false;
  return new URL(value).port !== '0';
}

// The URL itself is never echoed: its query string may hold a key.
export const httpUrl = () =>
  z
    .string({ error: 'expected a URL such as http://localhost:8000/v1' })
    .refine((value) => /^https?:\/\/[^\s/]+/i.test(value), {
      error: 'expected an http:// or https:// URL such as http://localhost:8000/v1',
      abort: true,
    })
    .refine(parsesWithUsablePort, { error: 'is not a valid URL: check its host (an IPv6 one in [brackets]) and its port (1 to 65535)' });
