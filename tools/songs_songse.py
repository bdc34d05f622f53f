"""Songs added in the songse pass (issue 16): same format as ``SONGS`` in tools/make_songs.py.

Each melody was compared by program with two independent public notations and each text with
two sources; songs/SOURCES.md names them and lists the differences.
"""

from __future__ import annotations

__all__ = ["SONGS"]

SONGS = [
    dict(
        id="var-gud-han-er-sa-fast-en-borg",
        title="Vår Gud han er så fast en borg",
        credits="Tekst: Martin Luther (1529), norsk ved M. B. Landstad (1855/1869). Melodi: Martin Luther (1529)",
        # EIN FESTE BURG in the isometric form (lines 5-8 of six notes, as Landstad's lines have
        # six syllables), as two engravings give it (songs/SOURCES.md,
        # tools/songcheck/cmp_ein_feste_burg.py): the Mutopia Project's «Ein' Feste Burg
        # (hymntune)» and Musicam Ecclesiae's «A Mighty Fortress»; the same 71 pitches and lengths.
        # Chords simplified from Musicam Ecclesiae's four-part harmony. C major: C4-C5.
        meter=(4, 4), tempo=88, key="C", pickup=1,
        melody="C5:1 |"
               " C5:1 C5:1 G4:0.5 A4:0.5 B4:1 | C5:0.5 B4:0.5 A4:1 G4:1 C5:1 | B4:1 A4:1 G4:1 A4:1 |"
               " F4:0.5 E4:0.5 D4:1 C4:1 C5:1 |"
               " C5:1 C5:1 G4:0.5 A4:0.5 B4:1 | C5:0.5 B4:0.5 A4:1 G4:1 C5:1 | B4:1 A4:1 G4:1 A4:1 |"
               " F4:0.5 E4:0.5 D4:1 C4:1 C4:1 |"
               " G4:1 A4:1 G4:1 F#4:1 | G4:3 C4:1 | G4:1 G4:1 A4:1 B4:1 | C5:3 B4:1 |"
               " C5:1 B4:1 A4:1 A4:1 | G4:3 A4:1 | A4:1 G4:1 A4:1 F4:1 | E4:3 C5:1 |"
               " B4:1 A4:1 G4:1 A4:1 | F4:0.5 E4:0.5 D4:1 C4:1 r:1",
        pickup_chords="C:4",
        chords="C:2 G:1 Em:1 | Am:1 D:1 G:1 Am:1 | Em:1 F:1 C:1 Am:1 | Dm:1 G:1 C:2 |"
               " C:2 G:1 Em:1 | Am:1 D:1 G:1 Am:1 | Em:1 F:1 C:1 Am:1 | Dm:1 G:1 C:2 |"
               " C:1 Am:1 G:1 D:1 | G:3 Am:1 | G:1 C:1 F:1 G7:1 | C:3 Em:1 |"
               " Am:1 G:1 Am:1 D:1 | G:3 F:1 | F:1 C7:1 A:1 Dm:1 | E:3 Am:1 |"
               " G7:1 F:1 G7:1 A:1 | Dm:1 G:1 C:2",
        verses=[
            ["Vår Gud han er~ så fast~ en borg,", "han er vårt skjold og ver~~_ge.",
             "Han hjel_per oss~ av nød~ og sorg", "og vet oss vel å ber~~_ge.",
             "Vår gam_le fien_de hård", "til strid i_mot oss står.", "Stor makt og ar_ge list",
             "han bru_ker mot oss visst.", "På jord er ei hans li~~_ke."],
        ],
    ),
    dict(
        id="velt-alle-dine-veie",
        title="Velt alle dine veie",
        credits="Tekst: Paul Gerhardt (1653), norsk ved M. B. Landstad (1861). Melodi: Hans Leo Hassler (1601)",
        # Hassler's «Herzlich tut mich verlangen» in the plain even form of hymnals (PASSION CHORALE),
        # as two engravings give it (songs/SOURCES.md, tools/songcheck/cmp_passion_chorale.py):
        # Sankey no. 126 and the SDA Hymnal no. 156; the same 54 pitches and lengths. Bach's
        # settings add passing eighths in lines 5 and 7 (not used). Chords simplified from the
        # four-part harmony both print. A minor: D4-D5 (one D5).
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
            ["Velt al_le di_ne vei_e", "og all din hjer~_te_sorg", "på ham som har i ei_e",
             "den he_le him~_lens borg!", "Han som kan stor_men bin_de", "og bry_te bøl_gen blå,",
             "han skal og vei_en fin_ne", "hvor_på din fot kan gå."],
            ["På Her_ren du deg støt_te", "om det deg vel~ skal gå,", "hans gjer_ning må du nyt_te",
             "om din skal kun~_ne stå;", "av sorg og selv_gjort pla_ge", "det kom_mer in_tet ut;",
             "for in_tet kan du ta_ge,", "alt kan du få av Gud."],
        ],
    ),
    dict(
        id="a-ver-hja-meg",
        title="Å, ver hjå meg",
        credits="Tekst: Henry F. Lyte (1847), nynorsk ved Peter Hognestad. Melodi: William H. Monk (1861)",
        # The nynorsk «Abide with me» to Monk's EVENTIDE, the tune already checked for «O bli hos meg»
        # (tools/songs_songsa.py; Mutopia and kenakofer/hymnsinger, the same 40 notes and lengths;
        # tools/songcheck/cmp_eventide.py). Melody and chords as there. Hognestad's lines have ten
        # syllables, one a note, as the English; each is shown as two half lines for big print.
        # E flat major: E flat 4-C5.
        tune="o-bli-hos-meg",          # its meter, tempo, key, melody and chords (tools/make_songs.py TUNE)
        verses=[
            ["Å, ver hjå meg,", "for no er kvel_den nær,", "og snart det mørk_nar,", "Her_re, hjå meg ver!",
             "Når all mi hjelp", "og trøyst har flytt sin veg,", "du, hjelp for hjel_pe_lau_se,", "ver hjå meg!"],
            ["Kor snøgt han da_lar,", "liv_sens stut_te dag,", "og jord_livs gle_de", "med sitt to_me jag!",
             "Om_skif_te ser eg kring", "på all min veg.", "Å du som ei vert om_skift,", "ver hjå meg!"],
            ["Eg treng ditt nær_vær", "kvar ei stund som kverv,", "din nå_de ei_nast", "døy_ver frei_sting djerv.",
             "Du er min fø_rar", "og min tryg_ge veg,", "i skod_de og i sol_skin", "ver hjå meg!"],
            ["Kvi ot_tast meir", "når du meg sig_nar mildt?", "Gråt er kje beisk,", "og sår gjer ik_kje ilt.",
             "Kvar er din brodd,", "du dau_de, spør eg deg.", "Eg si_ger vinn,", "min Je_sus er hjå meg!"],
        ],
    ),
]
