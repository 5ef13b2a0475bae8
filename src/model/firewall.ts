import type { ConfigAst } from '../ast/types.js';

/**
 * Whether the device filters traffic with a `security-policy` (USG firewalls, or any file with a
 * security-policy block). AR routers have no such concept: they forward what they route.
 */
export function filtersWithSecurityPolicy(ast: ConfigAst): boolean {
  return ast.securityPolicy !== undefined || ast.platform === 'usg';
}
