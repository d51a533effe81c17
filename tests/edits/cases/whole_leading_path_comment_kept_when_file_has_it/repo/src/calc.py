# calc.py
X = 1
