/**
 * A small interpreter of VRP configuration views, for tests: it reads a configuration into a tree
 * (by indentation, `#` and `!` lines ignored) and runs device commands on it the way a device edits its
 * running configuration (a view command enters the view, creating it; a single-valued command
 * replaces the line with the same key, a match field of a policy rule (`source-address`, `service`, …)
 * adds a line; `undo X` removes the line or view X, except for a setting on by default, whose undo line replaces it; `rule move A before B`
 * reorders; `quit` climbs; `return` ends). `paths` flattens a tree into one line per node, each
 * prefixed by its views, so a text-edited file and a command-edited one can be compared.
 */
export interface VrpNode {
  body: string;
  children: VrpNode[];
}

export function readTree(text: string): VrpNode {
  const root: VrpNode = { body: '', children: [] };
  const stack: { node: VrpNode; indent: number }[] = [{ node: root, indent: -1 }];
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const body = raw.trim();
    // `#` closes the view above: the next line is top level even when indented (` ip route-static …`, ` sysname …`).
    if (body.startsWith('#')) stack.length = 1;
    // `!Software Version …` banners are comments too (otherwise the indented global lines below would nest under them).
    if (body === '' || body.startsWith('#') || body.startsWith('!') || body === 'return') continue;
    const indent = raw.length - raw.trimStart().length;
    while (stack.length > 1 && stack[stack.length - 1].indent >= indent) stack.pop();
    const node: VrpNode = { body, children: [] };
    stack[stack.length - 1].node.children.push(node);
    stack.push({ node, indent });
  }
  return root;
}

const MANUAL_SA_WORDS: ReadonlySet<string> = new Set(['spi', 'string-key', 'authentication-hex', 'encryption-hex']);

/** Lines that are members of a list, not settings: each static route is its own line; an IKE peer's authentication address sits beside its remote-address. */
function listKey(words: readonly string[], body: string): string | undefined {
  if (words[0] === 'ip' && words[1] === 'route-static') return body;
  if (words[0] === 'ipv6' && words[1] === 'route-static') return body;
  if (words[0] === 'remote-address' && words[1] === 'authentication-address') return 'remote-address authentication-address';
  // A manual SA line is one setting per kind, direction and protocol (`sa spi outbound esp N` beside `sa spi inbound esp M`).
  if (words[0] === 'sa' && MANUAL_SA_WORDS.has(words[1] ?? '')) return words.slice(0, 4).join(' ');
  return undefined;
}

const TWO_WORD_KEYS = new Set(['tunnel', 'esp', 'ah', 'dpd', 'tcp', 'sa', 'nat', 'ike', 'rule', 'security', 'ipsec', 'firewall']);

function keyOf(body: string): string {
  const words = body.split(/\s+/);
  // Numbered members of a set (`service 0 protocol udp …`, `address 1 10.1.1.0 mask 24`) key on their number.
  if ((words[0] === 'service' || words[0] === 'address') && /^\d+$/.test(words[1] ?? '')) return words.slice(0, 2).join(' ');
  const listed = listKey(words, body);
  if (listed !== undefined) return listed;
  return TWO_WORD_KEYS.has(words[0]) ? words.slice(0, 2).join(' ') : words[0];
}

const VIEW_COMMAND = /^(ike (peer|proposal)|ipsec (proposal|policy|profile)|interface|acl|nat-policy|security-policy|ip (address|service)-set)\b/;

function opensView(body: string, depth: number): boolean {
  if (depth === 0) return VIEW_COMMAND.test(body);
  return /^rule name /.test(body);
}

/** Match fields of a policy rule (`rule name X` view) add to the rule's lists: each line is kept. */
const RULE_LIST_FIELDS: ReadonlySet<string> = new Set(['source-zone', 'destination-zone', 'source-address', 'destination-address', 'service', 'application']);

/** Undo commands of settings that are on by default: the configuration shows the undo line itself. */
const SHOWN_WHEN_UNDONE: ReadonlySet<string> = new Set(['undo ikev1 phase1-phase2 sa dependent']);

export function runCommands(tree: VrpNode, commands: readonly string[]): void {
  const stack: VrpNode[] = [tree];
  let system = false;
  for (const command of commands) {
    const view = stack[stack.length - 1];
    if (command === 'system-view') {
      system = true;
      continue;
    }
    if (!system) throw new Error(`"${command}" typed in the user view`);
    if (command === 'return') {
      stack.length = 1;
      system = false;
      continue;
    }
    if (command === 'quit') {
      if (stack.length === 1) throw new Error('quit in the system view');
      stack.pop();
      continue;
    }
    const move = /^rule move (\S+) before (\S+)$/.exec(command);
    if (move) {
      const from = view.children.findIndex((c) => c.body === `rule name ${move[1]}`);
      if (from < 0) throw new Error(`no rule ${move[1]} to move`);
      const [moved] = view.children.splice(from, 1);
      const to = view.children.findIndex((c) => c.body === `rule name ${move[2]}`);
      if (to < 0) throw new Error(`no rule ${move[2]} to move before`);
      view.children.splice(to, 0, moved);
      continue;
    }
    if (SHOWN_WHEN_UNDONE.has(command)) {
      // A setting on by default: the device lists its undo form, which replaces the positive line.
      view.children = view.children.filter((c) => c.body !== command.slice(5) && c.body !== command);
      view.children.push({ body: command, children: [] });
      continue;
    }
    if (command.startsWith('undo ')) {
      const what = command.slice(5);
      const index = view.children.findIndex((c) => c.body === what || c.body.startsWith(`${what} `));
      if (index < 0) throw new Error(`"${command}": nothing to undo`);
      view.children.splice(index, 1);
      continue;
    }
    // `X` where the view holds `undo X` (`policy enable` after `undo policy enable`) restores the default, which display omits.
    const undone = view.children.findIndex((c) => c.body === `undo ${command}`);
    if (undone >= 0) {
      view.children.splice(undone, 1);
      continue;
    }
    // `esp authentication-algorithm sha2-256` where the view holds `undo esp authentication-algorithm`: the value replaces the undo line.
    const valued = view.children.findIndex((c) => c.body.startsWith('undo ') && !SHOWN_WHEN_UNDONE.has(c.body) && command.startsWith(`${c.body.slice(5)} `));
    if (valued >= 0) {
      view.children[valued] = { body: command, children: [] };
      continue;
    }
    const existing = view.children.find((c) => c.body === command);
    if (opensView(command, stack.length - 1)) {
      let node = existing;
      if (!node) view.children.push((node = { body: command, children: [] }));
      stack.push(node);
      continue;
    }
    if (existing) continue;
    if (/^rule name /.test(view.body) && RULE_LIST_FIELDS.has(command.split(/\s+/)[0])) {
      view.children.push({ body: command, children: [] });
      continue;
    }
    const same = view.children.findIndex((c) => keyOf(c.body) === keyOf(command));
    if (same >= 0) view.children[same] = { body: command, children: view.children[same].children };
    else view.children.push({ body: command, children: [] });
  }
  if (stack.length !== 1 || system) throw new Error('the commands do not end with return in the user view');
}

/** One line per node: its views and itself, in order (`ipsec policy map1 10 isakmp > tunnel local 1.1.1.1`). */
export function paths(tree: VrpNode, prefix = ''): string[] {
  return tree.children.flatMap((child) => {
    const here = prefix ? `${prefix} > ${child.body}` : child.body;
    return [here, ...paths(child, here)];
  });
}
