import sys; sys.path.insert(0, __import__("os").path.dirname(__file__)); from ly import *
# Mutopia ftp/DykesJB/nicaea/nicaea.ly (cyberhymnal), absolute, D major
mut = "d'4 d' fis' fis' a'2 a' b' b'4 b' a'2 fis'2 a'4. a'8 a'4 a' d''2 cis''4 a' e' a' b'4. a'8 a'2. a'4 d' d' fis' fis' a'2 a' b'4. b'8 b'4 b' a'2 a'2 d''2 a'4 a' b'2 fis' g'4 e' e'4. d'8 d'1"
# asbloomf/hymn-booklet 04-holy-holy-holy.ly, \relative c', D major; dashed slurs b4( b), d( d), a( a) split a half note for other verses
asb = "d4 d fis fis a2 a b4 b b b a2 fis a4. a8 a4 a d d cis a e a b4. a8 a1 d,4 d fis fis a a a2 b4. b8 b4 b a2 a d a4 a b2 fis g4 e e4. d8 d1"
a = parse(mut, None)
# Mutopia writes the tied a'2.(a'4) as two notes: join them
a = a[:22] + [(a[22][0], a[22][1] + a[23][1])] + a[24:]
b = parse(asb, 60)
# join the three dashed-slur pairs (same pitch, slurred) back into half notes
def join(seq, idxs):
    out = list(seq)
    for i in sorted(idxs, reverse=True):
        out[i] = (out[i][0], out[i][1] + out[i + 1][1]); del out[i + 1]
    return out
bj = join(b, [6, 16, 29])
print(fmt(a)); print(fmt(bj)); compare(a, bj, "Mutopia", "asbloomf (dashed-slur splits joined)")
