import sys; sys.path.insert(0, __import__("os").path.dirname(__file__)); from ly import *
# EIN FESTE BURG (Luther 1529) in the isometric form of English and Scandinavian hymnals, the
# form whose lines 5-8 have six notes each, as Landstad's «Vor Gud han er saa fast en Borg» needs.
# Two engravings of the tune:
# (1) the Mutopia Project's «Ein' Feste Burg (hymntune)» (Steve Dunlop, 2008, «source:
#     www.cyberhymnal.org», code index file id 30289259), Soprano, absolute pitches, C major;
# (2) Musicam Ecclesiae's «A Mighty Fortress (EIN FESTE BURG)» (magdalenesacredmusic/English-Hymns,
#     `A-C/A Mighty Fortress (EIN FESTE BURG).ly`), melody, \relative c'', C major.
mutopia = """c''4 c'' c'' g'8 a' b'4 c''8 b' a'4 g' c'' b' a' g' a' f'8 e' d'4 c' c'' c'' c'' g'8 a'
b'4 c''8 b' a'4 g' c'' b' a' g' a' f'8 e' d'4 c' c' g' a' g' fis' g'2. c'4 g' g' a' b' c''2. b'4
c'' b' a' a' g'2. a'4 a' g' a' f' e'2. c''4 b' a' g' a' f'8 e' d'4 c'"""
musicam = """c4 | c4 c g8[ a] b4 | c8[ b] a4 g c | b a g a | f8[( e] d4) c4
c'4 | c4 c g8[ a] b4 | c8[ b] a4 g c | b a g a | f8([ e] d4) c
c4 | g' a g fis | g2. c,4 | g' g a b | c2.
b4 | c b a a | g2. a4 | a g a f | e2.
c'4 | b a g a | f8[( e] d4) c"""
a = parse(mutopia)
b = parse(musicam, (72, "c"))
print(fmt(a)); print(fmt(b)); compare(a, b, "Mutopia (Dunlop)", "Musicam Ecclesiae")
