import type { RuleMeta } from '../../rules/types.js';

/**
 * Findings the engine itself produces. They have docs pages and SARIF descriptors like real rules
 * but no `check`; they are not in the registry.
 */
export const PARSE_ERROR_META: RuleMeta = {
  id: 'parse-error',
  description: 'The file could not be read as a Huawei configuration, or a statement does not fit its syntax',
  scope: 'device',
  defaultSeverity: 'error',
  presets: ['recommended'],
  tags: ['parse'],
  messages: {},
  since: '0.1.0',
};

export const IO_ERROR_META: RuleMeta = {
  id: 'io-error',
  description: 'A file named on the command line or found in a directory could not be read',
  scope: 'device',
  defaultSeverity: 'error',
  presets: ['recommended'],
  tags: ['io'],
  messages: {},
  since: '0.1.0',
};

export const TUNNEL_END_DELETED_META: RuleMeta = {
  id: 'tunnel-end-deleted',
  description: 'A remote address points at a device whose configuration file the change deletes',
  scope: 'tunnel',
  defaultSeverity: 'error',
  presets: ['recommended'],
  tags: ['tunnel'],
  messages: {},
  since: '0.1.0',
};

export const BUILTIN_METAS: readonly RuleMeta[] = [IO_ERROR_META, PARSE_ERROR_META, TUNNEL_END_DELETED_META];

export const BUILTIN_PROSE: Record<string, string> = {
  'parse-error': `## What it flags

Input that fwlint cannot read as the \`display current-configuration\` text of a Huawei USG or
AR device (binary data, an empty file, another vendor's syntax), and statement lines inside
IPSec-relevant views that start like a known command but do not fit its syntax.

## Why it breaks the VPN

A line the parser cannot read is a line no other rule can check: a mistyped proposal or peer
statement would otherwise pass silently. The device itself rejects malformed commands, so a
configuration that does not parse is usually not what is running.

## Example (flagged)

\`\`\`
ike proposal 1
 encryption-algorithm aes-512
\`\`\`

## Fix

Export the configuration again with \`display current-configuration\` and lint the unedited
text, or correct the statement to the syntax shown in the device's command reference.

## Options

Set \`"parse-error": "warn"\` to keep statement-level syntax problems from failing the run.
Files that are not Huawei configurations at all are always errors.
`,
  'io-error': `## What it flags

A file that was named on the command line or found while walking a directory but could not be
read (permissions, a broken symbolic link, a file removed during the run).

## Why it breaks the VPN

A configuration that is not read is not checked: the other end of each of its tunnels is then
reported as missing, and problems in the file itself go unnoticed.

## Example (flagged)

\`\`\`
fwlint configs/hq.cfg   # hq.cfg is not readable by the CI user
\`\`\`

## Fix

Make the file readable, or exclude it with \`ignores\` in \`fwlint.config.json\`.

## Options

None.
`,
  'tunnel-end-deleted': `## What it flags

In repository mode (\`fwlint --changed\`), a \`remote-address\` (or tunnel destination) that
pointed at a device whose configuration file the change deletes, when no remaining device owns
that address.

## Why it breaks the VPN

The device keeps negotiating with a peer that is being decommissioned: the tunnel never comes
up again, and the policy, ACL and IKE peer for it are left behind.

## Example (flagged)

\`\`\`
git rm configs/branch.cfg
fwlint --changed     # hq.cfg: remote-address 198.51.100.2 belonged to configs/branch.cfg
\`\`\`

## Fix

Remove the IPSec policy, IKE peer and security ACL for the deleted device from the peer in the
same change, or point the remote address at the device that replaces it.

## Options

None.
`,
};
