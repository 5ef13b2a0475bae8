import type { ConfigAst } from '../ast/types.js';

/** Older USG/Eudemon interzone filtering (`policy interzone trust untrust outbound`, `firewall packet-filter default …`). */
function hasLegacyInterzonePolicy(ast: ConfigAst): boolean {
  return ast.generic.some((statement) => {
    const words = statement.view.length > 0 ? statement.view[0].toLowerCase().split(/\s+/) : statement.tokens.map((token) => token.value.toLowerCase());
    return (words[0] === 'policy' && words[1] === 'interzone') || (words[0] === 'firewall' && words[1] === 'packet-filter');
  });
}

/**
 * Whether the device filters traffic with a `security-policy` the model can evaluate (USG
 * firewalls, or any file with a security-policy block). AR routers have no such concept: they
 * forward what they route. A USG filtering with the legacy interzone syntax only is not evaluated
 * (false), so rules do not mistake it for "no rule, default deny".
 */
export function filtersWithSecurityPolicy(ast: ConfigAst): boolean {
  if (ast.securityPolicy !== undefined) return true;
  return ast.platform === 'usg' && !hasLegacyInterzonePolicy(ast);
}
