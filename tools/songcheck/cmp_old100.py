import sys; sys.path.insert(0, __import__("os").path.dirname(__file__)); from ly import *
# OLD HUNDREDTH (Genevan Psalter 1551, Psalm 134, Louis Bourgeois), the tune Norway sings to
# «Gjør døren høy, gjør porten vid» (snl.no; Lov Herren 356: «Melodi: Etter Louis Bourgeois, Genève 1551»).
# (1) the Mutopia Project, ftp/Anonymous/Old100-orig/Old100-orig.ly («Old 100th (original version)»,
#     source «Geneva Psalter 1551», entered by Peter Chubb), soprano, \relative c'', in 4/2: read at half
#     the length so that it can be set beside (2);
# (2) the Reactor Core Hymn Repository's «100. Old 100th» (Ben West; source «Pseaumes Octante Trois de
#     David (1551)», code index file id 10161116787), soprano, \relative g', in 4/4, without its Amen.
mutopia = """g1 | g2 fis e d | g1 a | b b | b2 b a g | c1 b | a g | a2 b a g | e1 fis | g d'1 |
b2 g a c | b1 a | g"""
west = """g2 | g4 fis e d | g2 a | b b | b4 b a g | c2 b | a g | a4 b a g | e2 fis | g d' |
b4 g a c | b2 a | g1"""
a = [(p, d / 2) for p, d in parse(mutopia, (72, "c"))]
b = parse(west, (67, "g"))
print(fmt(a)); print(fmt(b)); compare(a, b, "Mutopia (halved)", "Reactor Core")
