import sys; sys.path.insert(0, __import__("os").path.dirname(__file__)); from ly import *
# «Vater unser im Himmelreich» as J. S. Bach set it in BWV 102.7 (1726), the setting Norsk salmebok
# no. 627 «Jeg står for Gud som allting vet» names (salmebloggen.no: «etter harmonisering av Johann
# Sebastian Bach i 1726»). Two engravings of the soprano:
# (1) the music21 corpus, bach/bwv102.7.mxl, part «Soprano» (g minor), read here with music21;
# (2) Ph. Hardy's LilyPond «BWV 102.7 Vater unser im Himmelreich» (superbonus project, code index
#     file id 4640947558, no. 110 of the 371 chorales), soprano, \relative c''.
hardy = """g4 | g4 es f g8 f | es4 d c g' | g4 f bes g8 f | es4 f g g8 a |
bes4 c8 d es4 d | c4 b c c | d4 c bes a | g4 a g c | bes4 a bes8 aes g4 |
g4 f es g | aes4 g8 f es4 f | es4 d c"""
b = parse(hardy, (72, "c"))
try:
    from music21 import corpus
    p = corpus.parse("bach/bwv102.7").parts[0]
    a = [(None if n.isRest else n.pitch.midi, float(n.quarterLength)) for n in p.flatten().notesAndRests]
except ImportError:
    sys.exit("needs music21 (pip install music21)")
print(fmt(a)); print(fmt(b)); compare(a, b, "music21 bwv102.7", "Hardy BWV 102.7")
