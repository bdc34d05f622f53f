import sys; sys.path.insert(0, __import__("os").path.dirname(__file__)); from ly import parse, fmt, compare
# LIEBSTER JESU (J. R. Ahle 1664, Briegel 1687), the tune of «Jesus lever, graven brast» (snl.no).
# Two notations of the even (isometric) form:
# (1) J. S. Bach, BWV 373, soprano, music21 corpus bach/bwv373 (G major; the first half is a
#     repeat there and is unfolded here);
# (2) Musicam Ecclesiae, «LIEBSTER JESU 78 78 88, mel. J.R. Ahle; harm. attr. J.S. Bach» with
#     Winkworth's «Blessed Jesus, at Thy word» (code index file id 42746053373), \relative c''.
me = """b4 a8 g a4 d b g a2 g4 g g g a b a2 g2
b4 a8 g a4 d b g a2 g4 g g g a b a2 g2
d4 d e fis g a8 g fis e d4 g4 g g g a b a2 g2"""
b = parse(me, (72, "c"))
try:
    from music21 import corpus
    p = corpus.parse("bach/bwv373").parts[0]
    a = [(n.pitch.midi, float(n.quarterLength)) for n in p.flatten().notes]
    a = a[:16] + a  # unfold the repeat of lines 1-2
except ImportError:
    sys.exit("needs music21 (pip install music21)")
print(fmt(a)); print(fmt(b)); compare(a, b, "music21 bwv373", "Musicam Ecclesiae LIEBSTER JESU")
