"""Tiny MEI note reader for the DSL's Reformation hymnal files (dsldk/salmer_mei, exist/salmer/data/*/):
prints each file's notes as pitch:quarters (breve = 8) and its syllables, for comparison with ly.py's output.
Usage: python tools/songcheck/mei.py FILE.xml ..."""
import sys
import xml.etree.ElementTree as ET
NS={'m':'http://www.music-encoding.org/ns/mei'}
DUR={'maxima':32,'longa':16,'long':16,'breve':8,'1':4,'2':2,'4':1,'8':0.5,'16':0.25}
STEP={'c':0,'d':2,'e':4,'f':5,'g':7,'a':9,'b':11}
def notes(path):
    t=ET.parse(path); out=[]
    for el in t.iter():
        tag=el.tag.split('}')[1]
        if tag=='note':
            p=el.get('pnum'); d=el.get('dur'); dots=int(el.get('dots') or 0)
            v=DUR.get(d,0)*(1.5 if dots==1 else 1)
            syl=''.join(s.text or '' for s in el.iter('{%s}syl'%NS['m']))
            out.append((int(p) if p else None, v, syl))
        elif tag=='rest':
            out.append((None, DUR.get(el.get('dur'),0), ''))
    return out
NN=['C','C#','D','Eb','E','F','F#','G','Ab','A','Bb','B']
def fmt(seq): return ' '.join(('r' if p is None else f"{NN[p%12]}{p//12-1}")+f":{d:g}" for p,d,*_ in seq)
if __name__=='__main__':
    for f in sys.argv[1:]:
        n=notes(f); print(f.split('/')[-1], len(n)); print(fmt(n)); print(' '.join(s for *_,s in n))
