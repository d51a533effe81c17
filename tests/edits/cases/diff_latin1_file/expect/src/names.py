# café
NAME = 'cafés'
