// resource.Quantity parsing and exact comparison (pod/resources-request-exceeds-limit).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compareQuantities, parseQuantity } from '../../server/src/engine/k8s/quantity';

function cmp(a: string | number, b: string | number): number {
  const left = parseQuantity(a);
  const right = parseQuantity(b);
  assert.ok(left && right, `${a} and ${b} parse`);
  return compareQuantities(left, right);
}

describe('Quantity comparison', () => {
  it('treats binary and decimal suffixes, exponents and plain numbers as the same number', () => {
    assert.equal(cmp('1Gi', 1073741824), 0);
    assert.equal(cmp('1Ki', '1024'), 0);
    assert.equal(cmp('1k', '1e3'), 0);
    assert.equal(cmp('1E', '1e18'), 0);
    assert.equal(cmp('1Ei', '1024Pi'), 0);
    assert.equal(cmp('500m', '0.5'), 0);
    assert.equal(cmp('1500u', '1.5m'), 0);
    assert.equal(cmp('1n', '0.000000001'), 0);
    assert.equal(cmp(1.9e9, '1900M'), 0);
    assert.equal(cmp('.5', '500m'), 0);
    assert.equal(cmp('2.', '2'), 0);
  });

  it('orders values across suffixes exactly, without floating-point rounding', () => {
    assert.equal(cmp('1Gi', '1G'), 1);
    assert.equal(cmp('1000Mi', '1Gi'), -1);
    assert.equal(cmp('1025Ki', '1Mi'), 1);
    assert.equal(cmp('1001m', '1'), 1);
    assert.equal(cmp('0.1', '100m'), 0);
    assert.equal(cmp('1.0000000000000000001', '1'), 1);
    assert.equal(cmp('-1', '0'), -1);
    assert.equal(cmp('+3', '3'), 0);
    assert.equal(cmp('1e-3', '1m'), 0);
  });

  it('rejects what the API server rejects', () => {
    for (const bad of ['1GB', '1gi', '1K', 'one', '', '1 Gi', '1e1.5', '--1', true, null]) {
      assert.equal(parseQuantity(bad), undefined, String(bad));
    }
  });
});
