import sys; sys.path.insert(0, __import__("os").path.dirname(__file__)); from ly import *
# Mutopia ftp/MasonL/nmgtt/nmgtt.ly (Brainard 1883), \relative c'' in G; read down a tone to F
mut = "b2 a4. g8 g4. e8 e2 d g4 b a2. r4 b2 a4. g8 g4. e8 e2 d4 g fis a g2. r4 d'2 e4. d8 d4 b d2 d e4. d8 d4 b a2 b a4. g8 g4. e8 e2 d4 g fis a g1"
# GL 502 in the parish songbook (id 44409404593), relative c'' start a2 -> A4 (entered \relative c')
gl = "a2 g4 f f4. d8 d2 c f4 a g2. r4 a2 g4 f f4. d8 d2 c4 f e g f2. r4 c'2 d4 c c4. a8 c2 c d4 c c4. a8 g2 a2 g4 f f4. d8 d2 c4 f e g f1"
# GL 502 organ setting, Buschke (code index, relative c'' soprano)
bu = "a2 g4 f f4. d8 d2 c f4 a g2. r4 a2 g4 f f4. d8 d2 c4 f e g f2. r4 c'2 d4 c c4. a8 c2 c d4 c c4. a8 g2 a2 g4 f f4. d8 d2 c4 f e g f1"
a = parse(mut, 72, -2); b = parse(gl, 72); c = parse(bu, 72)
print(fmt(a)); print(fmt(b)); compare(a, b, "Mutopia", "GL-songbook"); compare(b, c, "GL-songbook", "Buschke")
