const x = require('./does-not-exist');
test('never runs', () => {});
