import sys; sys.path.insert(0, __import__("os").path.dirname(__file__)); from ly import parse, fmt, compare
# WERDE MUNTER (Johann Schop 1642), the tune of Kingo's «Som den gylne sol frembryter» (nn.wikipedia:
# «Tonen som oftast vert nytta, er frå 1642 og skriven av Johann Schop»), in the even form.
# (1) J. S. Bach, BWV 359, soprano, music21 corpus bach/bwv359 (A major; the first half is a
#     repeat there and is unfolded here);
# (2) a LilyPond engraving of the same chorale, «365 - Werde munter, mein Gemüte», J. S. Bach
#     (code index file id 47744325565, A major, repeat written out), soprano, \relative c;
# Bach's other settings in the music21 corpus (bwv360, bwv55.5, bwv146.8) are printed too, moved to
# A major: they share lines 1, 3 and 7 note for note and differ in passing notes (see SOURCES.md).
ly365 = """cis''4 d e e d cis b b cis d e8 d cis4 b b a2
cis4 d e e d cis b b cis d e8 d cis4 b b a2
b4 cis d d cis cis b2 d4 e fis fis e e d2
cis4 d e e d cis b b cis d e8 d cis4 b b a2"""
b = parse(ly365, (48, "c"))
try:
    from music21 import corpus
    p = corpus.parse("bach/bwv359").parts[0]
    a = [(n.pitch.midi, float(n.quarterLength)) for n in p.flatten().notes]
    a = a[:16] + a  # unfold the repeat of lines 1-2
except ImportError:
    sys.exit("needs music21 (pip install music21)")
print(fmt(a)); print(fmt(b)); compare(a, b, "music21 bwv359", "LilyPond «365 - Werde munter»")
from music21 import interval, pitch
for other in ("bach/bwv360", "bach/bwv55.5", "bach/bwv146.8"):
    s = corpus.parse(other)
    t = interval.Interval(s.analyze("key").tonic, pitch.Pitch("A"))
    q = [(n.pitch.transpose(t).midi % 12 + 60, float(n.quarterLength)) for n in s.parts[0].flatten().notes]
    print(other, "(in A, octave ignored):", fmt(q))
