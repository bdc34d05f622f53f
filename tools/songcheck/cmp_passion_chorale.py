import sys; sys.path.insert(0, __import__("os").path.dirname(__file__)); from ly import *
# Hassler's «Herzlich tut mich verlangen» (1601) in the plain even form of hymnals (PASSION CHORALE,
# 7.6.7.6 D), the tune of «Velt alle dine veie» (Gerhardt / Landstad). Two engravings, A minor:
# (1) «O Sacred Head once Wounded», Sankey No. 126 («Sankey 880 No. 708»), LilyPond, code index
#     file id 16018908104, soprano, \relative;
# (2) the SDA Hymnal no. 156 «O Sacred Head Now Wounded», perdodi/sda-hymnals,
#     English/ly/v2/156-o-sacred-head-now-wounded.ly (midi2ly), soprano, \relative c; its
#     «b8 r8» in bar 10 is the MIDI's gap before a breath and is read as b4.
# The Sankey file writes \relative { e'4 ... }, which starts on E4; here it is read from c'.
sankey = """e4 a4 g f e d2 e4 b' c4 c b8 a b4 a2. e4 a4 g f e d2 e4 b' c4 c b8 a b4
a2. c4 b4 g a b c2 c4 g a4 g f f e2. c'4 b4 d c b a2 b4 e, f4 e d g e2."""
sda = """e'4 a g f e d2 e4 b' c c b8 a b4 a2. e4 a g f e d2 e4 b' c c b8 a b4 a2. c4
b4 g4 a b c2 c4 g a g f f e2. c'4 b d c b a2 b4 e, f e d g e2."""
a = parse(sankey, (60, "c"))
b = parse(sda, (48, "c"))
print(fmt(a)); print(fmt(b)); compare(a, b, "Sankey 126", "SDA 156")
try:
    from music21 import corpus
    for bwv in ("bach/bwv270", "bach/bwv244.62"):
        p = corpus.parse(bwv).parts[0]
        c = [(n.pitch.midi, float(n.quarterLength)) for n in p.flatten().notes]
        print(bwv, "(Bach; first half written once, passing eighths):", fmt(c))
except ImportError:
    pass
