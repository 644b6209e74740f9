import * as z from 'zod';
import { CALLBACK_EVENTS } from '../events/router-event-bus.js';
import { closestName } from './closest-name.js';
import { describeValue } from './describe-value.js';

const HOOKS: readonly string[] = CALLBACK_EVENTS.map(([hook]) => hook);
const KNOWN_HOOKS = new Set(HOOKS);
const LOOKS_LIKE_A_HOOK = /^on[A-Z]/;

/** The names an object answers to: its own and its class's, so a misspelt method of a class instance is found too. */
function namesOf(value: object): Set<string> {
  const names = new Set(Object.keys(value));
  for (let proto = Object.getPrototypeOf(value); proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    for (const name of Object.getOwnPropertyNames(proto)) if (name !== 'constructor') names.add(name);
  }
  return names;
}

/**
 * A callback object, checked in place rather than copied, so class instances keep their
 * prototype methods and `this`. Its hooks must be functions; a name that looks like a hook
 * but is none (`onSucess`) is an error, since it would silently never be called. Other
 * fields and methods (a logger the hooks use) are left alone.
 */
export const callbackSchema = z.lazy(() =>
  z
    .custom<object>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), {
      error: `expected an object with hooks such as { onSuccess(event) {…}, onFailure(event) {…} }`,
    })
    .superRefine((value, ctx) => {
      if (typeof value !== 'object' || value === null) return;
      for (const name of namesOf(value)) {
        const hook = (value as Record<string, unknown>)[name];
        if (KNOWN_HOOKS.has(name)) {
          if (hook !== undefined && typeof hook !== 'function')
            ctx.addIssue({ code: 'custom', path: [name], message: `expected a function, got ${describeValue(hook)}` });
          continue;
        }
        const suggestion = closestName(name, HOOKS);
        if (suggestion === undefined && !LOOKS_LIKE_A_HOOK.test(name)) continue;
        const meant = suggestion ? `; did you mean '${suggestion}'?` : '.';
        ctx.addIssue({ code: 'custom', path: [name], message: `unknown hook${meant} Known hooks: ${HOOKS.join(', ')}` });
      }
    }),
);
