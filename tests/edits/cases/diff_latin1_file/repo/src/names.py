# café
NAME = 'café'
