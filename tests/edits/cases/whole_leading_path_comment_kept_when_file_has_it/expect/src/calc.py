# calc.py
X = 2
