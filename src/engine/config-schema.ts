import type { RuleMeta } from '../../rules/types.js';
import { ruleDocsUrl } from './docs-url.js';

export const SCHEMA_ID = 'https://fwlint.invalid/schemas/fwlint.schema.json';
export const DEFAULT_FILE_GLOBS = ['**/*.cfg', '**/*.conf', '**/*.txt'];

const SEVERITY_REF = { $ref: '#/$defs/severity' };
const IPV4_PATTERN = '^(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}$';

/** The JSON Schema of one rule's entry: a severity, `[severity]` or `[severity, options]`. */
function ruleEntrySchema(meta: RuleMeta): Record<string, unknown> {
  const variants: Record<string, unknown>[] = [
    SEVERITY_REF,
    { type: 'array', prefixItems: [SEVERITY_REF], items: false, minItems: 1 },
  ];
  if (meta.optionsSchema) {
    variants.push({ type: 'array', prefixItems: [SEVERITY_REF, meta.optionsSchema], items: false, minItems: 2 });
  }
  return {
    description: `${meta.description}. ${ruleDocsUrl(meta.id)}`,
    anyOf: variants,
  };
}

/**
 * The configuration file's schema, composed from every rule's `optionsSchema` so that the same
 * document validates configs at run time and drives editor completion (schemas/fwlint.schema.json).
 */
export function buildConfigSchema(metas: readonly RuleMeta[]): Record<string, unknown> {
  const ruleProperties: Record<string, unknown> = {};
  for (const meta of [...metas].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    ruleProperties[meta.id] = ruleEntrySchema(meta);
  }
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: SCHEMA_ID,
    title: 'fwlint configuration (fwlint.config.json)',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      extends: {
        description: 'Preset the configuration starts from (default "fwlint:recommended").',
        enum: ['fwlint:recommended', 'fwlint:strict'],
      },
      rules: { $ref: '#/$defs/rules' },
      overrides: {
        description: 'Rule settings for files matching globs (relative to this file); later entries win.',
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['files'],
          properties: { files: { $ref: '#/$defs/globs' }, rules: { $ref: '#/$defs/rules' } },
        },
      },
      files: {
        description: `Globs of configuration files picked up when walking directories (default ${JSON.stringify(DEFAULT_FILE_GLOBS)}).`,
        $ref: '#/$defs/globs',
      },
      ignores: { description: 'Globs of files and directories never linted.', $ref: '#/$defs/globs' },
      ignoreFindings: {
        description: 'Findings accepted for good, with the reason (VRP has no comments to suppress in): the reviewed, permanent counterpart of the baseline. An entry that matches nothing is warned about.',
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['rule', 'files', 'reason'],
          properties: {
            rule: { description: 'Rule id.', enum: [...metas].map((m) => m.id).sort() },
            files: { description: 'Globs of the files, relative to this file.', type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
            objectPath: { description: 'Object path as the baseline keys it (ipsec-policy:map1/10); absent: any finding of the rule in those files.', type: 'string', minLength: 1 },
            reason: { description: 'Why this finding is accepted.', type: 'string', pattern: '\\S' },
          },
        },
      },
      topology: {
        description: 'Facts about the network that the configurations cannot tell.',
        type: 'object',
        additionalProperties: false,
        properties: {
          tunnels: {
            description: 'Tunnels to pair even when addresses do not match (e.g. behind NAT).',
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['ends'],
              properties: {
                ends: {
                  description: 'Both devices: a file path relative to this file, or a sysname.',
                  type: 'array',
                  prefixItems: [{ $ref: '#/$defs/deviceRef' }, { $ref: '#/$defs/deviceRef' }],
                  items: false,
                  minItems: 2,
                },
                nat: { description: 'True when NAT sits between the two ends.', type: 'boolean' },
              },
            },
          },
          natAddresses: {
            description: 'Static NAT in front of a device: the public address maps to the private one.',
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              required: ['public', 'private'],
              properties: {
                public: { type: 'string', pattern: IPV4_PATTERN },
                private: { type: 'string', pattern: IPV4_PATTERN },
              },
            },
          },
        },
      },
    },
    $defs: {
      severity: { enum: ['off', 'warn', 'error'] },
      globs: { type: 'array', items: { type: 'string', minLength: 1 } },
      deviceRef: { type: 'string', minLength: 1 },
      rules: {
        description: 'Rule severities and options: "off" | "warn" | "error" | ["warn", {options}].',
        type: 'object',
        additionalProperties: false,
        properties: ruleProperties,
      },
    },
  };
}
