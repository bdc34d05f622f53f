"""Songs added in the songsh pass (issue 16): same format as ``SONGS`` in tools/make_songs.py.

Danish–Norwegian hymns on chorale tunes. Each melody was compared by program with two
independent public notations (tools/songcheck/cmp_*.py) and each text with two sources;
songs/SOURCES.md names them and lists the differences.
"""

from __future__ import annotations

__all__ = ["SONGS"]

SONGS = [
    dict(
        id="jesus-lever-graven-brast",
        title="Jesus lever, graven brast",
        credits="Tekst: Johan Nordahl Brun (1786). Melodi: Johann Rudolph Ahle (1664)",
        # LIEBSTER JESU (Ahle 1664, Briegel 1687) in the even form of the older Norwegian hymnals
        # (snl.no: «over tid vart noteverdiane jamna ut til berre firedelar»), as Bach's BWV 373
        # (music21 corpus) and the Musicam Ecclesiae engraving write it: the same pitches and lengths
        # but two passing eighths in line 5 of the second, which Bach has not (tools/songcheck/
        # cmp_liebster.py); Bach is followed. Chords simplified from BWV 373. G major: D4–D5 (two D5).
        meter=(4, 4), tempo=84, key="G", pickup=0,
        melody="B4:1 A4:0.5 G4:0.5 A4:1 D5:1 | B4:1 G4:1 A4:2 | G4:1 G4:1 G4:1 G4:1 | A4:1 B4:1 A4:2 | G4:4 |"
               " B4:1 A4:0.5 G4:0.5 A4:1 D5:1 | B4:1 G4:1 A4:2 | G4:1 G4:1 G4:1 G4:1 | A4:1 B4:1 A4:2 | G4:4 |"
               " D4:1 D4:1 E4:1 F#4:1 | G4:1 A4:1 F#4:1 D4:1 | G4:1 G4:1 G4:1 G4:1 | A4:1 B4:1 A4:2 | G4:4",
        chords="G:2 D:2 | G:2 D:2 | Em:2 C:2 | Am:1 G:1 D:2 | G:4 |"
               " G:2 D:2 | G:2 D:2 | Em:2 C:2 | Am:1 G:1 D:2 | G:4 |"
               " G:2 A7:1 D:1 | Em:1 A:1 D:2 | G:2 C:2 | Am:1 G:1 D:2 | G:4",
        verses=[
            ["Je_sus~ le_ver, gra_ven brast!", "Han stod opp med gud_doms vel_de.",
             "Trøs_ten~ står som klip_pen fast:", "at hans død og blod skal gjel_de.",
             "Ly_net blin_ker, jor_den be_ver,", "gra_ven brast, og Je_sus le_ver!"],
            ["Jeg har~ vun_net, Je_sus vant,", "dø_den opp_slukt er til sei_er.",
             "Je_sus~ mør_kets fyr_ste bandt,", "jeg den kjøp_te fri_het ei_er.",
             "Å_pen har jeg him_len fun_net,", "Je_sus vant, og jeg har vun_net!"],
        ],
    ),
    dict(
        id="som-den-gylne-sol",
        title="Som den gylne sol frembryter",
        credits="Tekst: Thomas Kingo (1689). Melodi: Johann Schop (1642)",
        # WERDE MUNTER (Schop 1642), the tune Norway mostly sings this Easter hymn to (nn.wikipedia),
        # in the even form of Landstads reviderte salmebok, as J. S. Bach's BWV 359 gives it in two
        # engravings (music21 corpus and a LilyPond «365 - Werde munter»): the same 62 pitches and
        # lengths (tools/songcheck/cmp_werde.py). Moved from A to F. Lines 1-2 are sung twice (3-4).
        # The eighths of line 2 carry one syllable (7), those of line 8 two (8), as in the German.
        # Chords simplified from BWV 359. F major: F4-D5 (two D5). Verse 1 only (two text sources).
        meter=(4, 4), tempo=84, key="F", pickup=0,
        melody="A4:1 Bb4:1 C5:1 C5:1 | Bb4:1 A4:1 G4:1 G4:1 | A4:1 Bb4:1 C5:0.5 Bb4:0.5 A4:1 | G4:1 G4:1 F4:2 |"
               " A4:1 Bb4:1 C5:1 C5:1 | Bb4:1 A4:1 G4:1 G4:1 | A4:1 Bb4:1 C5:0.5 Bb4:0.5 A4:1 | G4:1 G4:1 F4:2 |"
               " G4:1 A4:1 Bb4:1 Bb4:1 | A4:1 A4:1 G4:2 | Bb4:1 C5:1 D5:1 D5:1 | C5:1 C5:1 Bb4:2 |"
               " A4:1 Bb4:1 C5:1 C5:1 | Bb4:1 A4:1 G4:1 G4:1 | A4:1 Bb4:1 C5:0.5 Bb4:0.5 A4:1 | G4:1 G4:1 F4:2",
        chords="F:4 | Gm:2 C:2 | F:2 C7:1 F:1 | C:2 F:2 |"
               " F:4 | Gm:2 C:2 | F:2 C7:1 F:1 | C:2 F:2 |"
               " C:1 D7:1 Gm:2 | D:2 Gm:2 | Gm:1 F:1 Bb:2 | F7:2 Bb:2 |"
               " F:4 | Gm:2 C:2 | F:2 C7:1 F:1 | C:2 F:2",
        verses=[
            ["Som den gyl_ne sol frem_bry_ter", "gjen_nom den~ kull_sor_te sky",
             "og sin strå_le_glans ut_sky_ter,", "så at natt~ og mulm må fly,",
             "så min Je_sus av sin grav", "og det dy_pe dø_dens hav",
             "opp_stod æ_re_full av dø_de", "i_mot på_ske_mor_gen_rø_de."],
        ],
    ),
]
