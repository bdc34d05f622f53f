import sys; sys.path.insert(0, __import__("os").path.dirname(__file__)); from ly import parse, fmt, compare
# Hassler's «Herzlich tut mich verlangen» (1601), PASSION CHORALE 7.6.7.6 D, the tune Blix names for
# «Ver helsat, Hovud høge» («Tone: Mig hjertelig nu længes», Nokre Salmar II, 1870). The melody of
# tools/songs_songsh.py (ver-helsat-hovud-hoge) against two engravings of the plain hymnal form,
# A minor, soprano:
# (1) «O Sacred Head once Wounded», Sankey No. 126 («Sankey 880 No. 708»), LilyPond, code index file
#     id 16018908104: \relative { e'4 ... }, read from c'; its «c2 4 g» is written «c2 c4 g» here;
# (2) SDA Hymnal no. 156, perdodi/sda-hymnals English/ly/v2/156-o-sacred-head-now-wounded.ly
#     (midi2ly, \relative c): its «b8 r8» in bar 10 is the MIDI's breath and is read as b4.
# Bach's BWV 270 and 244.62 (music21) are printed for the passing eighths of lines 5 and 7.
import runpy
from pathlib import Path
sankey = """e4 a4 g f e d2 e4 b' c4 c b8 a b4 a2. e4 a4 g f e d2 e4 b' c4 c b8 a b4
a2. c4 b4 g a b c2 c4 g a4 g f f e2. c'4 b4 d c b a2 b4 e, f4 e d g e2."""
sda = """e'4 a g f e d2 e4 b' c c b8 a b4 a2. e4 a g f e d2 e4 b' c c b8 a b4 a2. c4
b4 g4 a b c2 c4 g a g f f e2. c'4 b d c b a2 b4 e, f e d g e2."""
NOTE = {"C": 0, "D": 2, "E": 4, "F": 5, "G": 7, "A": 9, "B": 11}
def song(id_):
    songs = runpy.run_path(str(Path(__file__).parents[1] / "songs_songsh.py"))["SONGS"]
    mel = next(s for s in songs if s["id"] == id_)["melody"]
    out = []
    for t in mel.replace("|", " ").split():
        n, d = t.split(":")
        if n == "r":
            continue
        acc = n[1:-1]
        out.append((12 * (int(n[-1]) + 1) + NOTE[n[0]] + acc.count("#") - acc.count("b"), float(d)))
    out[-1] = (out[-1][0], 3.0)  # the engravings end on a dotted half (the song adds a rest)
    return out
me = song("ver-helsat-hovud-hoge")
a = parse(sankey, (60, "c")); b = parse(sda, (48, "c"))
print("song:", fmt(me)); print("Sankey:", fmt(a)); print("SDA:", fmt(b))
compare(me, a, "songsh melody", "Sankey 126"); compare(me, b, "songsh melody", "SDA 156")
try:
    from music21 import corpus
    for bwv in ("bach/bwv270", "bach/bwv244.62"):
        p = corpus.parse(bwv).parts[0]
        print(bwv, "(Bach, first half written once):", fmt([(n.pitch.midi, float(n.quarterLength)) for n in p.flatten().notes]))
except ImportError:
    pass
