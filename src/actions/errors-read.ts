// `show errors` on several LBs at once, for the CAPTURES view and `lbtop errors`: a failed LB is reported as such.
import type { RuntimeApi } from '../sources/haproxy/client.js';
import { parseShowErrors, type ShowErrorsResult } from '../sources/haproxy/errors/parse-show-errors.js';

export type FleetErrors = { lb: string; read: ShowErrorsResult } | { lb: string; error: string };

export function readFleetErrors(clients: ReadonlyMap<string, RuntimeApi>, lbs: readonly string[]): Promise<FleetErrors[]> {
  return Promise.all(
    lbs.map(async (lb): Promise<FleetErrors> => {
      const api = clients.get(lb);
      if (!api) return { lb, error: `no connection configured for ${lb}` };
      try {
        return { lb, read: parseShowErrors(await api.send('show errors')) };
      } catch (error) {
        return { lb, error: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
}
