import sys; sys.path.insert(0, __import__("os").path.dirname(__file__)); from ly import *
# Mutopia Lobe den Herren (Bennett 1864 via cyberhymnal), absolute, G major, \transpose g f
mut = "g'4 g' d'' b'4. a'8 g'4 fis' e' d' e' fis' g' a'2. g' g'4 g' d'' b'4. a'8 g'4 fis' e' d' e' fis' g' a'2. g' d''4 d'' d'' e''2. b'4 c'' d'' d''4. c''8 b'4 a'2. d'4 e' fis' g' a' b' a'2. g'"
# EG 316 LilyPond (code index id 24141154418), \relative c', F major; repeat volta 2 unfolded
eg1 = "f4 f c' a4. g8 f4 e d c d e f g2. f"
eg2 = "c'4 c c d2. a4 bes c c4. bes8 a4 g2. c,4 d e f g a g2. f"
a = parse(mut, None, -2)
# relative: first phrase from c' (60); the repeat restarts from the repeat's last note (f) for 'f4' -> same octave
r1 = parse(eg1, 60); r1b = parse(eg1, r1[-1][0]); r2 = parse(eg2, r1b[-1][0])
b = r1 + r1b + r2
print(fmt(a)); print(fmt(b)); compare(a, b, "Mutopia", "EG316")
print("range", fmt([min(a)]), fmt([max(a)]))
