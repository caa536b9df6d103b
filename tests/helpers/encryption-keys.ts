import { afterEach } from "vitest";

// Tests that rotate APP_ENCRYPTION_KEY set the keys per step with useEncryptionKeys; the
// file's own keys come back after each test.

const saved = { current: process.env.APP_ENCRYPTION_KEY, previous: process.env.APP_ENCRYPTION_KEY_PREVIOUS };

function restore(name: string, value: string | undefined) {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

/** Call at the top of a test file. */
export function restoreEncryptionKeysAfterEach(): void {
  afterEach(() => {
    restore("APP_ENCRYPTION_KEY", saved.current);
    restore("APP_ENCRYPTION_KEY_PREVIOUS", saved.previous);
  });
}

/** The current key, and the older ones that still open values (APP_ENCRYPTION_KEY_PREVIOUS). */
export function useEncryptionKeys(current: string, ...previous: string[]): void {
  process.env.APP_ENCRYPTION_KEY = current;
  restore("APP_ENCRYPTION_KEY_PREVIOUS", previous.length > 0 ? previous.join(",") : undefined);
}
