# Compare the soprano of two independent notations of TRYGGARE KAN INGEN VARA.
import re
mutopia = "d'8 e' fis'4 fis' a'8 fis' fis'4 e' e'8 fis' g'4 b' a'8 g' g'4 fis' d'8 d' b'4 b' d''8 b' b'4 a' fis'8 a' a'4 g' cis'8 e' e'4 d'"
# SDA file is \relative c: d'8 e fis4 fis | a8 fis fis4 e | e8 fis g4 b | a8 g g4 fis | d8 d b'4 b | d8 b b4 a | fis8 a a4 g | cis,8 e e4 d
sda_rel = "d'8 e fis4 fis a8 fis fis4 e e8 fis g4 b a8 g g4 fis d8 d b'4 b d8 b b4 a fis8 a a4 g cis,8 e e4 d"
STEP = {'c':0,'d':2,'e':4,'f':5,'g':7,'a':9,'b':11}
def parse(tok):
    m = re.fullmatch(r"([a-g])(is|es)?([',]*)(\d*)", tok)
    n, acc, oct_, dur = m.groups()
    return n, {'is':1,'es':-1,None:0}[acc], oct_.count("'") - oct_.count(","), dur
def absolute(seq):
    out, dur = [], None
    for t in seq.split():
        n, acc, o, d = parse(t)
        dur = int(d) if d else dur
        out.append((12*(4+o) + STEP[n] + acc, 4/dur))   # c' = C4 = 60 -> 12*(4+1)=60
    return out
def relative(seq, start=48):  # \relative c : reference c3=48
    out, ref, dur = [], ("c", 48), None
    prev_pitch = 48; prev_name = 'c'
    for t in seq.split():
        n, acc, o, d = parse(t)
        dur = int(d) if d else dur
        names = 'cdefgab'
        # choose octave closest (within a fourth) to previous note name
        diff = names.index(n) - names.index(prev_name)
        if diff > 3: diff -= 7
        if diff < -3: diff += 7
        prev_oct_base = prev_pitch - (STEP[prev_name] + 0)  # approx, ignores accidentals of prev
        # compute diatonic target
        step_abs = names.index(prev_name) + diff + 7*(prev_pitch//12) 
        octv = (names.index(prev_name) + diff) // 7
        base_oct = prev_pitch // 12 if True else 0
        p = 12*(prev_pitch_oct(prev_pitch, prev_name) + octv + o) + STEP[n] + acc
        out.append((p, 4/dur)); prev_pitch = p; prev_name = n
    return out
def prev_pitch_oct(p, name):
    # octave number of the note whose letter is name and pitch p (accidentals within +-1)
    return (p - STEP[name] + 1) // 12
a = absolute(mutopia)
b = relative(sda_rel)
names = ['C','C#','D','Eb','E','F','F#','G','Ab','A','Bb','B']
fmt = lambda x: [f"{names[p%12]}{p//12-1}:{d:g}" for p, d in x]
print(len(a), len(b)); print(fmt(a)); print(fmt(b)); print("identical:", a == b)
print("range", fmt([min(a)])[0], fmt([max(a)])[0])
