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
    dict(
        id="ver-helsat-hovud-hoge",
        title="Ver helsat, Hovud høge",
        credits="Tekst: Paul Gerhardt (1656), nynorsk ved Elias Blix (1870). Melodi: Hans Leo Hassler (1601)",
        # Blix's nynorsk «O Haupt voll Blut und Wunden», «Tone: Mig hjertelig nu længes», i.e.
        # Hassler's «Herzlich tut mich verlangen», in the plain even form of hymnals (PASSION
        # CHORALE), as Sankey no. 126 and the SDA Hymnal no. 156 give it: the same 54 pitches and
        # lengths as the melody here (tools/songcheck/cmp_hassler.py; the songse pass found the same
        # for «Velt alle dine veie», whose melody and chords these are). Bach's settings add passing
        # eighths in lines 5 and 7 (not used). Chords simplified from the engravings' four-part
        # harmony. A minor: D4-D5 (one D5). Verse 1 only, in the spelling of 1870 and 1891 (two
        # text sources).
        meter=(4, 4), tempo=76, key="Am", pickup=1,
        melody="E4:1 |"
               " A4:1 G4:1 F4:1 E4:1 | D4:2 E4:1 B4:1 | C5:1 C5:1 B4:0.5 A4:0.5 B4:1 | A4:3 E4:1 |"
               " A4:1 G4:1 F4:1 E4:1 | D4:2 E4:1 B4:1 | C5:1 C5:1 B4:0.5 A4:0.5 B4:1 | A4:3 C5:1 |"
               " B4:1 G4:1 A4:1 B4:1 | C5:2 C5:1 G4:1 | A4:1 G4:1 F4:1 F4:1 | E4:3 C5:1 |"
               " B4:1 D5:1 C5:1 B4:1 | A4:2 B4:1 E4:1 | F4:1 E4:1 D4:1 G4:1 | E4:3 r:1",
        pickup_chords="Am:4",
        chords="F:1 C:1 Dm:1 C:1 | Dm:1 G:1 C:1 E:1 | Am:2 E:2 | Am:4 |"
               " F:1 C:1 Dm:1 C:1 | Dm:1 G:1 C:1 E:1 | Am:2 E:2 | Am:4 |"
               " G7:1 C:1 F:1 G7:1 | C:3 C7:1 | F:1 A7:1 Dm:2 | A:3 D7:1 |"
               " G:1 D:1 C:1 G:1 | Am:1 D:1 G:1 C:1 | F:1 C:1 Dm:1 G:1 | C:4",
        verses=[
            ["Ver hel_sat, Ho_vud hø_ge,", "Som blo_dat er~ og hædt!", "Du Ho_vud, som til Lø_ge",
             "Med Tor_ne_krans~ er klædt!", "Du Ho_vud, som er saa_rat", "Og fram med Spott_ord synt,",
             "Men ly_ser no for_klaa_rat", "Med Sømd og Si_ger krynt!"],
        ],
    ),
]
