import sys; sys.path.insert(0, __import__("os").path.dirname(__file__)); from ly import *
# Mutopia ftp/MonkWH/eventide/eventide.ly (cyberhymnal), absolute, Eb (file transposes to D; read untransposed)
mut = "g'2 g'4 f' ees'2 bes' c''4 bes' bes' aes' g'1 g'2 aes'4 bes' c''2 bes' aes'4 f' g' a' bes'1 g'2 g'4 f' ees'2 bes' bes'4 aes' aes' g' f'1 f'2 g'4 aes' g' f' ees' aes' g'2 f' ees'1"
# kenakofer/hymnsinger lilypond/songs/abide_with_me/abide_with_me.ly, four blocks each \relative g'
blocks = ["g2 g4 f ef2 bf' c4 bf bf af g1", "g2 af4 bf c2 bf af4 f g a bf1",
          "g2 g4 f ef2 bf' bf4 af af g f1", "f2 g4 af g f ef af g2 f ef1"]
a = parse(mut.replace("ees", "ees"), None)
b = []
for blk in blocks:
    b += parse(blk.replace("ef", "ees").replace("bf", "bes").replace("af", "aes"), (67, "g"))
print(fmt(a)); print(fmt(b)); compare(a, b, "Mutopia", "hymnsinger")
