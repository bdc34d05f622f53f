import sys; sys.path.insert(0, __import__("os").path.dirname(__file__)); from ly import *
# «Here we go round the mulberry bush», the English tune that the Scandinavian ring dance
# «Så går vi rundt om en enebærbusk» may share (NOT shipped: see songs/SOURCES.md, songsf pass).
# First strophe (8 bars of 6/8), as three notations print it; every 6/8 eighth is 0.5 here.
# (1) the English Wikisource transcription of a printed «Singing Games» book, page 15
#     (http://en.m.wikisource.org/wiki/Page:Singing_games.djvu/15), \relative c'', G major; its last
#     bar «g4. g4 r16» is read as «g4. r4.» (the page's own rest is too short for the bar);
# (2) the score in en.wikipedia «Here We Go Round the Mulberry Bush», absolute pitches, G major; its
#     «d4» (D3 as written, an octave slip) is read as d''4, the note the melody line needs;
# (3) «Nancy Dawson», Aird's Selection (music21 corpus airdsAirs/book1.abc X:0112, the tune
#     en.wikipedia names as the mulberry bush's source), first strain, G major.
singing_games = """g8 g g g4 b8 | d8. d16 b8 g4 b8 | a8. a16 a8 a4 b8 | a8. a16 fis8 d4. |
g8 g g g4 b8 | d8. d16 b8 g4 b8 | a4 a8 b4 a8 | g4. r4."""
wikipedia = """g'8 g' g' g'4 b'8 | d''4 b'8 g'4 g'8 | a'4 a'8 a'4 g'8 | fis'4 e'8 d'4. |
g'8 g' g' g'4 b'8 | d''4 b'8 g'4 g'8 | a'4 a'8 d'4 d'8 | g'4. g'4."""
aird = """g4 g8 g4 b8 | d4 b8 g4 b8 | a4 b8 a4 b8 | a4 g8 fis e d |
g4 g8 g4 b8 | d4 b8 g4 b8 | a4 g8 fis4 e8 | d4. d4."""
a = parse(singing_games, (72, "c"))
b = parse(wikipedia)
c = parse(aird, (67, "g"))
for name, s in (("Singing Games", a), ("Wikipedia", b), ("Aird", c)):
    print(f"{name:14s}", fmt(s))
compare(a, b, "Singing Games", "Wikipedia")
compare(b, c, "Wikipedia", "Aird")
