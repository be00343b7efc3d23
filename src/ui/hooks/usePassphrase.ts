// The passphrase request to show now, if any: the SSH pool asks through services.passphrase; the dialog answers.
import { useEffect, useState } from 'react';
import type { PassphraseRequest } from '../../model/passphrase.js';
import type { AppServices } from '../services.js';

export function usePassphrase(services: AppServices): PassphraseRequest | null {
  const [request, setRequest] = useState<PassphraseRequest | null>(null);
  useEffect(() => services.passphrase?.subscribe(setRequest), [services]);
  return request;
}
