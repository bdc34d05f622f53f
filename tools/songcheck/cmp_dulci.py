import sys; sys.path.insert(0, __import__("os").path.dirname(__file__)); from ly import *
# Essen (music21 corpus) erk30.abc X:602 «IN DULCI JUBILO», 3/4, L:1/4, K:F  (written out by hand from the ABC)
abc = "F | F2F | A2B | c2d | c2 c | F2F | A2B | c2d | c3 | c2d | c2B | A3 | F2 F | G2G | A2G | F2G | A2 A | c2d | c2B | A3 | F2 F | G2G | A2G | F2G | A3 | D2D | E2E | F3 | c3 | A2A | G2G | F3"
import re
def abcparse(s):
    out=[]
    for tok in re.findall(r"([A-Ga-gz])(\d?)", s):
        n, d = tok; d = int(d) if d else 1
        if n == 'z': out.append((None, d)); continue
        p = {'C':60,'D':62,'E':64,'F':65,'G':67,'A':69,'B':70}[n.upper()] + (12 if n.islower() else 0)  # K:F so B = Bb
        out.append((p, float(d)))
    return out
a = abcparse(abc)
# GL 253 LilyPond (code index id 44409404593), \relative c'' block but the tune starts f4 -> F4 (melody entered \relative c')
gl = "f4 f2 f4 a2 bes4 c2 d4 c2 c4 f,2 f4 a2 bes4 c2 d4 c2 r4 c2 d4 c2 bes4 a2. f2 f4 g2 g4 a2 g4 f2 g4 a2 a4 c2 d4 c2 bes4 a2. f2 f4 g2 g4 a2 g4 f2 g4 a2 r4 d,2 d4 e2 e4 f2. c'2 r4 a2 a4 g2 g4 f2."
b = parse(gl, 60)
print(fmt(a)); print(fmt(b)); compare(a, b, "Erk602", "GL253")
# tied/held vs rest: merge a rest into the previous note for a rhythm-only view
def merge(seq):
    out=[]
    for p,d in seq:
        if p is None and out: out[-1]=(out[-1][0], out[-1][1]+d)
        else: out.append((p,d))
    return out
compare(merge(a), merge(b), "Erk602", "GL253 (rests merged into the note before)")
