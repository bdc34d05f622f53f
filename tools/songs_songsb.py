"""Songs added in the songsb pass (issue 16): same format as ``SONGS`` in tools/make_songs.py.

Each melody was compared by program with two independent public notations and each text with
two sources; songs/SOURCES.md names them and lists the differences.
"""

from __future__ import annotations

__all__ = ["SONGS"]

SONGS = [
    dict(
        id="kom-mai-du-skjonne-milde",
        title="Kom mai, du skjønne milde",
        credits="Tekst: C. A. Overbeck (1776), norsk etter dansk (1844/1850). Melodi: W. A. Mozart (1791)",
        # Mozart's «Sehnsucht nach dem Frühling» K. 596 as two notations give it (songs/SOURCES.md):
        # a LilyPond engraving in D (kinder-wollen-singen.de) and the Essen collection's Böhme
        # B0629 in F; the same 60 pitches. Phrase ends as the engraving (dotted quarter + rest).
        # Chords are the engraving's chord line. Written in D, sung in C (C4–C5): in D more than
        # one note in ten is above C5, over the rule for older voices.
        meter=(6, 8), tempo=96, key="C", transpose=-2, pickup=0.5,
        melody="D4:0.5 |"
               " D4:1 F#4:0.5 A4:1 D5:0.5 | A4:1.5 F#4:1 D4:0.5 | G4:1 G4:0.5 G4:0.5 A4:0.5 G4:0.5 |"
               " F#4:1.5 r:1 D4:0.5 |"
               " D4:1 F#4:0.5 A4:1 D5:0.5 | A4:1.5 F#4:1 D4:0.5 | E4:1 E4:0.5 E4:0.5 F#4:0.5 E4:0.5 |"
               " D4:1.5 r:1 F#4:0.5 |"
               " G4:1 F#4:0.5 E4:0.5 F#4:0.5 G4:0.5 | A4:1.5 F#4:0.5 r:0.5 D5:0.5 |"
               " D5:0.5 C#5:0.5 B4:0.5 B4:0.5 A4:0.5 G#4:0.5 | A4:1.5 r:1 D4:0.5 |"
               " D4:1 F#4:0.5 A4:1 D5:0.5 | D5:1 B4:0.5 G4:1 B4:0.5 | A4:0.5 B4:0.5 A4:0.5 G4:0.5 F#4:0.5 E4:0.5 |"
               " D4:1.5 r:1.5",
        pickup_chords="D:3",
        chords="D:3 | D:3 | A7:3 | D:3 | D:3 | D:3 | A:1.5 A7:1.5 | D:3 |"
               " A7:3 | D:3 | Bm:1.5 E7:1.5 | A:3 | D:3 | G:3 | D:1.5 A7:1.5 | D:3",
        # Melismas as the German text has them («wie~der», «Veil~chen», «wir~», «ger~ne», «mal~», «zie~ren»).
        verses=[
            ["Kom, mai, du skjøn_ne mil_de,", "gjør sko_gen at~_ter grønn,", "og la ved bekk og kil_de",
             "fi_o_len blom~_stre skjønn!", "Hvor vil_le jeg~ dog gjer_ne", "at jeg~ i_gjen~ deg så!",
             "Akk, kjæ_re mai, hvor gjer~_ne", "gadd jeg~ i mar~_ken gå!"],
            ["Om vint_ren kan man ha_ve", "vel mangt et tids~_for_driv;", "man kan i sne_en tra_ve,",
             "å ja, et lys~_tig liv!", "Men når seg~ ler_ker svin_ge", "mot sky~ med lif~_lig slag,",
             "på en_gen om å sprin~_ge,", "det er~ en an~_nen sak!"],
            ["Kom der_for, mai, du mil_de,", "gjør sko_gen at~_ter grønn,", "og la ved bekk og kil_de",
             "fi_o_len blom~_stre skjønn!", "Hvor vil_le jeg~ dog gjer_ne", "at jeg~ i_gjen~ deg så!",
             "Akk, kjæ_re mai, hvor gjer~_ne", "gadd jeg~ i mar~_ken gå!"],
        ],
    ),
]
