// A key's passphrase asked of the operator while lbtop runs (the SSH pool asks, the TUI answers).

export interface PassphraseRequest {
  /** The identity file whose passphrase is wanted (a path, never a secret). */
  keyPath: string;
  /** 1 for the first ask of this key, 2 and 3 after a wrong passphrase. */
  attempt: number;
  /** Hosts waiting for this key (more may join while the dialog is open). */
  hosts: readonly string[];
  /** The passphrase, or null: the operator refused (the key is skipped, other auth methods go on). */
  answer(passphrase: string | null): void;
}

export interface PassphraseSource {
  /** Told of the request to show now, or null when none is pending. */
  subscribe(listener: (request: PassphraseRequest | null) => void): () => void;
}
