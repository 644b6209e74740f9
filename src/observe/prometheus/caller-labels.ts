import type { RequestLabels } from '../../events/event-types.js';
import type { PrometheusCallerLabel } from './prometheus-options.js';

const LABEL_NAMES: Record<PrometheusCallerLabel, string> = { user: 'user', team: 'team', apiKeyId: 'api_key_id' };

/** The caller labels asked for, as Prometheus label names and a reader of their values from an event. */
export interface CallerLabels {
  names: string[];
  values(event: RequestLabels): Record<string, string>;
  /** The values as one string, to find label sets made before. */
  key(event: RequestLabels): string;
}

export function callerLabels(asked: readonly PrometheusCallerLabel[]): CallerLabels {
  const chosen = [...new Set(asked)];
  return {
    names: chosen.map((label) => LABEL_NAMES[label]),
    values(event) {
      const out: Record<string, string> = {};
      for (const label of chosen) out[LABEL_NAMES[label]] = event[label] ?? '';
      return out;
    },
    key(event) {
      let key = '';
      for (const label of chosen) key += `${event[label] ?? ''}\u0000`;
      return key;
    },
  };
}
