import ahWithNatTraversal from './ah-with-nat-traversal.js';
import type { Rule } from './types.js';

/**
 * Every rule, in alphabetical order of id. Add a rule by importing it and inserting it in order;
 * never reuse a retired id (leave a comment where it was instead).
 */
export const rules: Rule[] = [
  ahWithNatTraversal,
];
