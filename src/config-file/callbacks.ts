import { shortened } from '../config/describe-value.js';
import { itemPath } from './config-report.js';
import type { ConfigDraft } from './config-draft.js';
import { checked, nameList } from './config-values.js';

/** LiteLLM callback names switchyard has built in, and the observability each turns on. */
const BUILT_IN: Readonly<Record<string, 'prometheus' | 'otel'>> = { prometheus: 'prometheus', otel: 'otel', opentelemetry: 'otel' };

/** `callbacks`, `success_callback`, `failure_callback`: `prometheus` and `otel` turn those on; any other is a warning. */
export function readCallbacks(value: unknown, path: string, draft: ConfigDraft): void {
  const names = checked(nameList('expected a list of callback names such as [prometheus, otel]'), value, path, draft.report);
  names?.forEach((name, index) => {
    const on = Object.hasOwn(BUILT_IN, name) ? BUILT_IN[name] : undefined;
    if (on) draft.observability[on] = true;
    else {
      draft.report.warn(
        itemPath(path, index),
        `'${shortened(name)}' is not built into switchyard (prometheus and otel are): send calls there from the router's events, router.on('success', …)`,
      );
    }
  });
}
