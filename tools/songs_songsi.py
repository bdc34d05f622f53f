"""Songs added in the songsi pass (issue 16): same format as ``SONGS`` in tools/make_songs.py.

Each melody was compared by program with two independent public notations and each text with
two sources; songs/SOURCES.md names them and lists the differences.
"""

from __future__ import annotations

__all__ = ["SONGS"]

SONGS = [
    dict(
        id="ingen-er-sa-trygg-i-fare",
        title="Ingen er så trygg i fare",
        credits="Tekst: Lina Sandell (1855), norsk oversetter ukjent. Melodi: svensk folketone",
        # TRYGGARE KAN INGEN VARA as two engravings give it (songs/SOURCES.md,
        # tools/songcheck/cmp_trygg.py): the Mutopia Project's «Tryggare kan ingen vara» and the
        # SDA Hymnal's «Children of the Heavenly Father»; the same 32 pitches and lengths.
        # One syllable a note, as the Swedish. Chords: simple I-IV-V. D major: C#4-D5 (one D5).
        meter=(3, 4), tempo=92, key="D", pickup=1,
        melody="D4:0.5 E4:0.5 |"
               " F#4:1 F#4:1 A4:0.5 F#4:0.5 | F#4:1 E4:1 E4:0.5 F#4:0.5 |"
               " G4:1 B4:1 A4:0.5 G4:0.5 | G4:1 F#4:1 D4:0.5 D4:0.5 |"
               " B4:1 B4:1 D5:0.5 B4:0.5 | B4:1 A4:1 F#4:0.5 A4:0.5 |"
               " A4:1 G4:1 C#4:0.5 E4:0.5 | E4:1 D4:1 r:1",
        pickup_chords="D:3",
        chords="D:3 | D:2 A:1 | G:2 A7:1 | D:3 | G:3 | D:3 | A:2 A7:1 | D:3",
        verses=[
            ["In_gen er så trygg i fa_re", "som Guds lil_le bar_ne_ska_re,",
             "fug_len ei i skjul bak lø_vet,", "stjer_nen ei høyt o_ver stø_vet."],
        ],
        order=[1, 1],  # one verse (the only one two sources agree on), sung twice
    ),
    dict(
        id="glade-jul-heilage-jul",
        title="Glade jul, heilage jul",
        credits="Tekst: B. S. Ingemann (1850), nynorsk ved Bernt Støylen (1906). Melodi: Franz Xaver Gruber (1818)",
        # «Stille Nacht» exactly as `glade-jul` (tools/make_songs.py; two LilyPond engravings, see
        # songs/SOURCES.md), written with every 6/8 eighth as a 3/4 quarter, except line 2: Støylen's
        # line 2 has eight syllables in every verse (the German six, Ingemann's seven), so the
        # B of «Alles schläft» is sung as three quarters, one a syllable (inferred; check with a
        # nynorsk songbook). Sung in A (written in C, down a minor third): A3–D5.
        meter=(3, 4), tempo=80, key="A", transpose=-3, pickup=0,
        melody="G4:1.5 A4:0.5 G4:1 | E4:3 | G4:1.5 A4:0.5 G4:1 | E4:3 |"
               " D5:2 D5:1 | B4:1 B4:1 B4:1 | C5:2 C5:1 | G4:3 |"
               " A4:2 A4:1 | C5:1.5 B4:0.5 A4:1 | G4:1.5 A4:0.5 G4:1 | E4:3 |"
               " A4:2 A4:1 | C5:1.5 B4:0.5 A4:1 | G4:1.5 A4:0.5 G4:1 | E4:3 |"
               " D5:2 D5:1 | F5:1.5 D5:0.5 B4:1 | C5:3 | E5:3 |"
               " C5:1.5 G4:0.5 E4:1 | G4:1.5 F4:0.5 D4:1 | C4:3 | r:3",
        chords="C:3 | C:3 | C:3 | C:3 | G7:3 | G7:3 | C:3 | C:3 | F:3 | F:3 | C:3 | C:3 |"
               " F:3 | F:3 | C:3 | C:3 | G7:3 | G7:3 | C:3 | C:3 | C:3 | G7:3 | C:3 | C:3",
        # As in `glade-jul`: a three-syllable half line on «G. A G E» slurs its first syllable over
        # G-A; the seven-syllable last lines take one note each and are sung twice.
        verses=[
            ["Gla~_de jul, hei_la_ge jul!", "Eng_lar kjem frå Guds kon_ge_stol,",
             "blo_mar ber dei frå", "pa~_ra_dis,", "fint og fa_gert dei", "syng~ Guds pris.",
             "Løyn_leg i_kring oss dei går,", "løyn_leg i_kring oss dei går."],
            ["Ju~_le_bod, gle_de_leg bod", "to_nar til oss med him_mel_ljod,",
             "song av eng_lar som", "hyr_din_gar såg", "den gong Je_sus i", "krub~_ba låg.",
             "Song_en av eng_lar er sæl,", "song_en av eng_lar er sæl."],
            ["Fred~ på jord, fryd~ på jord!", "Je_sus_bar_net det er vår bror,",
             "eng_lar syng om hans", "her~_leg_dom,", "han har reidd oss i", "him_me_len rom.",
             "Song_en av eng_lar er sæl,", "song_en av eng_lar er sæl."],
            ["Sæ~_le fred, him~_melsk fred", "ju_le_kvel_den til jord kom ned.",
             "Eng_lar syng om den", "fred~ dei såg,", "syng om han som i", "krub~_ba låg.",
             "Gled deg, kvar sjel", "han har frelst!", "Gled deg, kvar sjel", "han har frelst!"],
        ],
    ),
    dict(
        id="guds-ord-det-er-vaart-ervegods",
        title="Guds Ord det er vaart Ervegods",
        credits="Tekst: N. F. S. Grundtvig (1817), til landsmål ved Elias Blix (1870). Melodi: Martin Luther (1529)",
        # EIN FESTE BURG in the isometric form, exactly as the songse pass wrote it for «Vår Gud han
        # er så fast en borg» (tools/songs_songse.py): two engravings, the Mutopia Project's «Ein'
        # Feste Burg (hymntune)» and Musicam Ecclesiae's «A Mighty Fortress», the same 71 pitches
        # and lengths (tools/songcheck/cmp_ein_feste_burg.py, copied from the songse branch). Blix's
        # lines have Landstad's syllable counts (8.7.8.7.6.6.6.6.7), so the melismas fall on the same
        # syllables. Chords as the songse pass (simplified from Musicam Ecclesiae). C major: C4-C5.
        tune="var-gud-han-er-sa-fast-en-borg",          # its meter, tempo, key, melody and chords (tools/make_songs.py TUNE)
        verses=[
            ["Guds Ord det er~ vaart Er~_ve_gods.", "Me vaa_re Born det læ~~_ra.",
             "Gud giv oss i~ vaar Grav~ den Ros:", "Me heldt det høgt i Æ~~_ra!",
             "So len_ge So_li renn,", "So len_ge Ver_di stend,", "Um All_ting un_dan kvarv,",
             "Lat daa ditt Ord i Arv", "I vaa_re Æt_ter gan~~_ga!"],
        ],
        order=[1, 1],  # one verse, sung twice
    ),
    dict(
        id="ver-helsat-hovud-hoge",
        title="Ver helsat, Hovud høge",
        credits="Tekst: Paul Gerhardt (1656), til landsmål ved Elias Blix (1870). Melodi: Hans Leo Hassler (1601)",
        # Hassler's «Herzlich tut mich verlangen» («Mig hjertelig nu længes», the tune Blix names) in
        # the plain even form of hymnals (PASSION CHORALE), exactly as the songse pass wrote it for
        # «Velt alle dine veie» (tools/songs_songse.py): Sankey no. 126 and the SDA Hymnal no. 156,
        # the same 54 pitches and lengths (tools/songcheck/cmp_passion_chorale.py, copied from the
        # songse branch). Blix's lines are 7.6.7.6.7.6.7.6 as Landstad's, so the two eighths of
        # lines 2 and 4 carry the fourth syllable as there. Chords as the songse pass. A minor: D4-D5.
        tune="velt-alle-dine-veie",          # its meter, tempo, key, melody and chords (tools/make_songs.py TUNE)
        verses=[
            ["Ver hel_sat, Ho_vud hø_ge,", "Som blo_dat er~ og hædt!", "Du Ho_vud, som til Lø_ge",
             "Med Tor_ne_krans~ er klædt!", "Du Ho_vud, som er saa_rat", "Og fram med Spott_ord synt,",
             "Men ly_ser no for_klaa_rat", "Med Sømd og Si_ger krynt!"],
        ],
        order=[1],  # verse 1 only (the only verse in two sources)
    ),
]
