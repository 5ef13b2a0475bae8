import type { Platform, SecretValue } from '../../src/ast/types.js';

/** What a suggestion's command holds in place of a key: fwlint never copies one into a fix. */
export const KEY_PLACEHOLDER = '<the key of the other end>';

/**
 * The command that enters a pre-shared key in the IKE peer view, with the placeholder for the key:
 * USG takes the key alone (`pre-shared-key huawei@123`, guide "Pre-Shared Keys on Both Ends Are
 * Inconsistent"; shown as `pre-shared-key %^%#…%^%#`), AR `pre-shared-key cipher KEY` (shown as
 * `pre-shared-key cipher %^%#…%^%#`, huawei-syntax.md §3); on an unknown platform the form of the
 * line: `cipher` unless the key was written bare.
 */
export function preSharedKeyCommand(platform: Platform, key: Pick<SecretValue, 'form'>): string {
  const cipher = platform === 'ar' || (platform === 'unknown' && key.form !== 'plain');
  return `pre-shared-key ${cipher ? 'cipher ' : ''}${KEY_PLACEHOLDER}`;
}

/**
 * The command that enters a manual SA key in the `ipsec policy NAME SEQ manual` view, with the
 * placeholder for the key: `sa string-key outbound esp <the key of the other end>`, likewise
 * `sa authentication-hex …` and `sa encryption-hex …` (the `cipher`/`simple` word is optional: the
 * device stores the key as `cipher %^%#…%^%#`).
 */
export function manualSaKeyCommand(
  kind: 'string-key' | 'authentication-hex' | 'encryption-hex',
  direction: 'inbound' | 'outbound',
  protocol: 'esp' | 'ah',
): string {
  return `sa ${kind} ${direction} ${protocol} ${KEY_PLACEHOLDER}`;
}
