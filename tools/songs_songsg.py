"""Songs added in the songsg pass (issue 16): same format as ``SONGS`` in tools/make_songs.py.

Each melody was compared by program with two independent public notations and each text with
two sources; songs/SOURCES.md names them and lists the differences.
"""

from __future__ import annotations

__all__ = ["SONGS"]

SONGS = [
    dict(
        id="lorelei",
        title="Lorelei",
        credits="Tekst: Heinrich Heine (1824), nynorsk ved Arne Garborg (1923). Melodi: Friedrich Silcher (1837)",
        # Silcher's tune as three editions give it (songs/SOURCES.md, tools/songcheck/cmp_lorelei.py):
        # Fink's *Hausschatz* (1843) and Böhme's *Volksthümliche Lieder* (1895) in the Essen collection,
        # and Linder's *Deutsche Weisen* (c. 1900) as encoded in MML. Fink and Linder agree note for
        # note (Linder splits three notes for his verse 3); Böhme differs in one eighth (bar 9, G for
        # D): the D of the two others is followed. Written in C and sung a tone lower, in B flat
        # (B flat 3–D5, one D5). Chords: Linder's piano part (bass and inner voices), simplified.
        # Garborg's stanzas are 8 lines, the whole tune once (line 1 of stanza 1 is shown as two
        # half lines, the big-print limit of 32 characters); his 3rd stanza has lines a syllable too
        # long for the tune and is left out.
        meter=(6, 8), tempo=66, key="Bb", transpose=-2, pickup=0.5,
        melody="G4:0.5 |"
               " G4:0.75 A4:0.25 G4:0.5 C5:0.5 B4:0.5 A4:0.5 | G4:1.5 F4:1 F4:0.5 |"
               " E4:1 E4:0.5 D4:0.5 C4:0.5 D4:0.5 | E4:2 r:0.5 G4:0.5 |"
               " G4:0.75 A4:0.25 G4:0.5 C5:0.5 B4:0.5 A4:0.5 | G4:1.5 F4:1 F4:0.5 |"
               " E4:1 E4:0.5 G4:0.5 F4:0.5 D4:0.5 | C4:2 r:0.5 E4:0.5 |"
               " D4:0.75 E4:0.25 D4:0.5 G4:0.5 D4:0.5 D4:0.5 | B4:1.5 A4:1 A4:0.5 |"
               " G4:1 G4:0.5 F#4:0.5 G4:0.5 A4:0.5 | G4:2.5 G4:0.5 |"
               " G4:0.75 A4:0.25 G4:0.5 C5:0.5 B4:0.5 A4:0.5 | G4:1 E5:0.5 D5:1 D5:0.5 |"
               " C5:1 C5:0.5 B4:0.5 A4:0.5 B4:0.5 | C5:2 r:1",
        pickup_chords="C:3",
        chords="C:1.5 F:0.5 G7:1 | C:1.5 Dm:1.5 | C:1.5 G:1.5 | C:3 |"
               " C:1.5 F:0.5 G7:1 | C:1.5 Dm:1.5 | C:1.5 G7:1.5 | C:3 |"
               " G:3 | G:1.5 Am:1.5 | G:1.5 D7:1.5 | G:1.5 G7:1.5 |"
               " C:1.5 F:0.5 G7:1 | C:1.5 Dm:1.5 | C:1.5 G7:1.5 | C:3",
        # One syllable a note; where a line is a syllable short of the notes, one syllable is held
        # over two where Linder's German verses hold one: the dotted eighth and its sixteenth
        # («svalt», «sit», «gul-»), C–B («gam-», «gå-», «pan-»), F sharp–G («ro-»),
        # G–E («el-», «brei-») and B–A («glan-»). The fitting is inferred; check with a songbook.
        verses=[
            ["Eg veit ’kje kvi", "so det seg la_gar,", "at eg so stu_ren meg finn;",
             "ei segn i_frå gam~_le da_gar", "vil ik_kje ut meg or sinn.",
             "D’er svalt~ i luf_ti og kvel_dar,", "og Ri_ni ro~_leg renn;",
             "um berg_høg_di kveld_gli_men el~_dar:", "so_le_falls glan~_sen brenn."],
            ["Der sit~ den gå~_te_ful_le", "berg-dro_si, ven som ein vår;",
             "det glit_rar i pan~_ne_gul_let;", "ho grei_der sitt gul_lan hår.",
             "Med gul~_lan kamb ho det grei_der", "og syng til; det to_nar i;",
             "med un_der_sam dra_ging seg brei~_der", "den makt_ful_le me_lo_di."],
        ],
    ),
]
