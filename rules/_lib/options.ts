/** Options schema of a rule that takes none: any option written for it in the config file is an error. */
export const NO_OPTIONS: Record<string, unknown> = Object.freeze({ type: 'object', properties: {}, additionalProperties: false });
