import sys; sys.path.insert(0, __import__("os").path.dirname(__file__)); from ly import *
# «Vom Himmel hoch, da komm ich her» (1539) in its plain German form (not shipped: see the songse
# list in songs/SOURCES.md, the Norwegian text is the open half). Two notations, C major:
# (1) Erk's «VOM HIMMEL HOCH DA KOMM ICH HER», Essen collection in the music21 corpus,
#     essenFolksong/erk30.abc X:601;
# (2) Musikpiraten/public-domain-season-songs, vom_himmel_hoch_da_komm_ich_her.ly, \relative c''.
musikpiraten = """c8 b4 a b g a b c r8 c c4 g g e g f e r8 e a4 a g b c a g r8 c b4 a g g f8 e d4 c2"""
b = parse(musikpiraten, (72, "c"))
try:
    from music21 import corpus
    o = corpus.parse("essenFolksong/erk30.abc", number=601)
    a = [(None if n.isRest else n.pitch.midi, float(n.quarterLength)) for n in o.flatten().notesAndRests]
except ImportError:
    sys.exit("needs music21 (pip install music21)")
print(fmt(a)); print(fmt(b)); compare(a, b, "Erk X:601", "Musikpiraten")
