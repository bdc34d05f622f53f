"""Songs added in the songsd pass (issue 16): same format as ``SONGS`` in tools/make_songs.py.

Each melody was compared by program with two independent public notations and each text with
two sources; songs/SOURCES.md names them and lists the differences.
"""

from __future__ import annotations

__all__ = ["SONGS"]

SONGS = [
    dict(
        id="gjor-doren-hoy",
        title="Gjør døren høy",
        credits="Tekst: Georg Weissel (1642), norsk ved N. J. Holm (1829) og M. B. Landstad (1861). Melodi: Genève (1551)",
        # OLD HUNDREDTH (Genevan Psalter 1551, Ps. 134, Louis Bourgeois), the tune Norway sings this
        # hymn to (songs/SOURCES.md), in the rhythm of the 1551 print as two engravings give it (the
        # Mutopia Project's «Old 100th (original version)», read at half length, and the Reactor Core
        # Hymn Repository's «Old 100th»): the same 32 pitches and lengths but the last note, held a
        # half (Mutopia) or a whole (Reactor Core); the half is used. One note a syllable, as the
        # English L.M. Chords simplified from the Mutopia file's four-part harmony. G major: D4–D5 (one D5).
        meter=(4, 4), tempo=84, key="G", pickup=2,
        melody="G4:2 |"
               " G4:1 F#4:1 E4:1 D4:1 | G4:2 A4:2 | B4:2 B4:2 |"
               " B4:1 B4:1 A4:1 G4:1 | C5:2 B4:2 | A4:2 G4:2 |"
               " A4:1 B4:1 A4:1 G4:1 | E4:2 F#4:2 | G4:2 D5:2 |"
               " B4:1 G4:1 A4:1 C5:1 | B4:2 A4:2 | G4:2 r:2",
        pickup_chords="G:4",
        chords="G:2 Em:2 | Em:2 D:2 | G:4 |"
               " G:2 D:1 Em:1 | C:2 G:2 | D:2 Em:2 |"
               " D:2 G:2 | C:2 D:2 | G:4 |"
               " Em:2 Am:2 | G:2 D:2 | G:4",
        verses=[
            ["Gjør dø_ren høy, gjør por_ten vid!", "Den æ_rens kon_ge kom_mer hit!",
             "Han her_sker o_ver al_le land", "og er all ver_dens Frel_ser sann."],
            ["Han ro_per ut et nå_dens år,", "vår nød ved ham en en_de får,",
             "der_for av leng_sels_ful_les tall", "en gle_de_sang ham mø_te skal."],
            ["Å, vel det land,", "det hus, den gård", "hvor den_ne mann for sty_re står!",
             "Å, vel det hjer_te, sjel og sinn", "hvor den_ne kon_ge dra_ger inn!"],
            ["Ja, ved din hel_lig Ånd det gjør", "vi dag_lig åp_ner deg vår dør,",
             "og deg oss kun til frel_se vet,", "vel_sig_net i all e_vig_het!"],
        ],
    ),
]
