"""Tiny LilyPond note reader: absolute or \\relative, english/dutch names (is/es), durations, dots, ties ~ ignored."""
import re
STEP = {'c':0,'d':2,'e':4,'f':5,'g':7,'a':9,'b':11,'h':11}
NAMES = 'cdefgab'
TOK = re.compile(r"([a-h])((?:is|es|s)*)([',]*)(\d*)(\.*)")
def _dur(d, dots):
    v = 4 / int(d)
    add = v
    for _ in dots:
        add /= 2; v += add
    return v
def parse(seq, relative=None, transpose=0):
    """relative: None for absolute, else the reference pitch (MIDI) e.g. 60 for c'."""
    out = []; dur = 1.0
    prev = relative; prev_step = None
    if relative is not None:
        ref_name = 'c'
        if isinstance(relative, tuple):
            relative, ref_name = relative
        prev_step = NAMES.index(ref_name) + 7 * (relative // 12)   # diatonic index of the reference note
    for t in seq.split():
        if t in ('|', '~', '(', ')', '[', ']'):
            continue
        t = t.strip('()[]~')
        m = TOK.fullmatch(t)
        if not m:
            if re.fullmatch(r"r(\d*)(\.*)", t):
                mm = re.fullmatch(r"r(\d*)(\.*)", t)
                if mm.group(1): dur = _dur(mm.group(1), mm.group(2))
                out.append((None, dur)); continue
            raise ValueError(t)
        n, acc, octs, d, dots = m.groups()
        a = acc.count('is') - acc.count('es') - (1 if acc == 's' else 0)
        if n == 'b' and False: pass
        o = octs.count("'") - octs.count(",")
        if d: dur = _dur(d, dots)
        if relative is None:
            p = 48 + 12 * o + STEP[n] + a   # c = 48, c' = 60
        else:
            target = NAMES.index('b' if n == 'h' else n)
            cur = prev_step % 7
            diff = target - cur
            if diff > 3: diff -= 7
            if diff < -3: diff += 7
            step = prev_step + diff + 7 * o
            p = 12 * (step // 7) + STEP[n] + a
            prev_step = step
        out.append((p + transpose, dur))
    return out
NN = ['C','C#','D','Eb','E','F','F#','G','Ab','A','Bb','B']
def fmt(seq):
    return " ".join(("r" if p is None else f"{NN[p%12]}{p//12-1}") + f":{d:g}" for p, d in seq)
def compare(a, b, la="A", lb="B"):
    print(la, len(a), "notes;", lb, len(b), "notes")
    pa = [p for p, _ in a if p is not None]; pb = [p for p, _ in b if p is not None]
    print("pitches identical:", pa == pb, "| pitch+length identical:", a == b)
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y: print("  diff at", i, fmt([x]), fmt([y]))
