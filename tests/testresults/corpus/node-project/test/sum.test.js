const { sum } = require('../sum');
describe('sum', () => {
  test('adds 1 + 2 to equal 3', () => { expect(sum(1, 2)).toBe(3); });
  test('is broken', () => { expect(sum(1, 1)).toBe(3); });
  describe('nested [group]', () => {
    test.skip('skipped one', () => {});
    test.todo('write me');
    test.each([[1, 1, 2], [2, 2, 5]])('sum(%i, %i) = %i', (a, b, c) => { expect(sum(a, b)).toBe(c); });
  });
});
test('top level throws', () => { throw new Error('boom <x>'); });
