// The CLI's order of folder entries (server/src/cli/name-order.ts) is Intl.Collator('en')'s, which it
// computes itself for names in printable ASCII: checked against the collator on every pair of those
// characters and on random names made of the characters where orders differ most (case, punctuation,
// digits), and on names outside ASCII, which go to the collator.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareNames } from '../../server/src/cli/name-order';

const collator = new Intl.Collator('en');
const sign = (value: number): number => Math.sign(value);

function assertSameOrder(a: string, b: string): void {
  assert.equal(sign(compareNames(a, b)), sign(collator.compare(a, b)), `${JSON.stringify(a)} vs ${JSON.stringify(b)}`);
}

describe('CLI name order', () => {
  it('orders every pair of printable ASCII characters, alone and inside names, as the collator does', () => {
    const printable = Array.from({ length: 0x7f - 0x20 }, (_, index) => String.fromCharCode(0x20 + index));
    for (const a of printable) {
      for (const b of printable) {
        assertSameOrder(a, b);
        assertSameOrder(`x${a}y`, `x${b}y`);
        assertSameOrder(`${a}a`, `${b}`);
        assertSameOrder(`A${a}`, `a${b}`);
      }
    }
  });

  it('orders random names of letters in both cases, digits and punctuation as the collator does', () => {
    const alphabet = 'aAbBzZ019-_. ~$';
    let seed = 20261206;
    const random = (limit: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % limit;
    };
    const name = (): string => Array.from({ length: 1 + random(6) }, () => alphabet[random(alphabet.length)]).join('');
    for (let round = 0; round < 50000; round++) assertSameOrder(name(), name());
  });

  it('gives names outside printable ASCII to the collator', () => {
    for (const [a, b] of [['é.yaml', 'e.yaml'], ['Ω', 'z'], ['a\tb', 'ab'], ['résumé', 'resume'], ['ü', 'u']]) {
      assertSameOrder(a, b);
      assertSameOrder(b, a);
    }
  });
});
