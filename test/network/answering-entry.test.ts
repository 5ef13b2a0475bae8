import { describe, expect, it } from 'vitest';
import { answeringEntry, indexAnswers, normaliseRef, type AnswerView } from '../../src/network/answering-entry.js';
import { parseAddress, type Address } from '../../src/flow/address.js';

interface E {
  name: string;
  local?: string;
  template?: boolean;
  targets?: string[];
}
const view: AnswerView<E> = {
  local: (e) => (e.local === undefined ? undefined : parseAddress(e.local)),
  template: (e) => e.template === true,
  singleTargets: (e) => (e.targets ?? []).map((t) => parseAddress(t)!),
  passive: (e) => (e.targets ?? []).length === 0,
};
const A = (text: string): Address => parseAddress(text)!;
const pick = (entries: E[], owner: string, initiator?: string, visibleAs: (a: Address) => Address[] = (a) => [a]) =>
  answeringEntry(indexAnswers(entries, view), A(owner), initiator === undefined ? undefined : A(initiator), visibleAs);

describe('answeringEntry: the one order both pairing and repository-mode selection use', () => {
  const pointsBack: E = { name: 'back', local: '192.0.2.1', targets: ['198.51.100.1'] };
  const template: E = { name: 'tpl', local: '192.0.2.1', template: true };
  const otherTemplate: E = { name: 'tpl-elsewhere', local: '192.0.2.9', template: true };
  const passive: E = { name: 'passive', local: '192.0.2.1' };
  const elsewhere: E = { name: 'elsewhere', local: '192.0.2.1', targets: ['203.0.113.7'] };

  it('prefers the entry pointing back, then a template on the address, any template, a passive entry, any entry on the address', () => {
    expect(pick([elsewhere, passive, template, pointsBack], '192.0.2.1', '198.51.100.1')).toEqual({ entry: pointsBack, mutual: true });
    expect(pick([elsewhere, passive, otherTemplate, template], '192.0.2.1', '198.51.100.1')).toEqual({ entry: template, mutual: false });
    expect(pick([elsewhere, passive, otherTemplate], '192.0.2.1', '198.51.100.1')).toEqual({ entry: otherTemplate, mutual: false });
    expect(pick([elsewhere, passive], '192.0.2.1', '198.51.100.1')).toEqual({ entry: passive, mutual: false });
    expect(pick([elsewhere], '192.0.2.1', '198.51.100.1')).toEqual({ entry: elsewhere, mutual: false });
    expect(pick([elsewhere], '192.0.2.2', '198.51.100.1')).toBeUndefined();
  });

  it('finds the entry pointing back at the public address a declared NAT shows the initiator as', () => {
    const toPublic: E = { name: 'to-public', local: '192.0.2.1', targets: ['203.0.113.50'] };
    expect(pick([passive, toPublic], '192.0.2.1', '10.0.0.5')).toEqual({ entry: passive, mutual: false });
    expect(pick([passive, toPublic], '192.0.2.1', '10.0.0.5', (a) => [a, A('203.0.113.50')])).toEqual({ entry: toPublic, mutual: true });
  });

  it('names one file however the reference spells it', () => {
    expect(normaliseRef('./././a\\b.cfg')).toBe('a/b.cfg');
    expect(normaliseRef('hq.cfg')).toBe('hq.cfg');
  });
});
