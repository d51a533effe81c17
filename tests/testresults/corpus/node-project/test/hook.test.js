afterAll(() => { throw new Error('cleanup broke'); });
test('passes before the hook', () => {});
