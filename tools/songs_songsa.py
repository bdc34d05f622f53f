"""Songs added in the songsa pass (issue 16): same format as ``SONGS`` in tools/make_songs.py.

Each melody was compared by program with two independent public notations and each text with
two sources; songs/SOURCES.md names them and lists the differences.
"""

from __future__ import annotations

__all__ = ["SONGS"]

SONGS = [
    dict(
        id="lovsyng-var-herre",
        title="Lovsyng vår Herre",
        credits="Tekst: Joachim Neander (1680), norsk etter dansk (1740). Melodi: Stralsund (1665)",
        # «Lobe den Herren» as two engravings give it (songs/SOURCES.md): the Mutopia Project's hymn
        # tune (Bennett 1864, from G to F) and an EG 316 LilyPond file in F; the same 47 notes and
        # lengths. Chords one or two a bar, simplified from Bennett's harmony. F major: C4–D5 (one D5).
        meter=(3, 4), tempo=96, key="F", pickup=0,
        melody="F4:1 F4:1 C5:1 | A4:1.5 G4:0.5 F4:1 | E4:1 D4:1 C4:1 | D4:1 E4:1 F4:1 | G4:3 | F4:3 |"
               " F4:1 F4:1 C5:1 | A4:1.5 G4:0.5 F4:1 | E4:1 D4:1 C4:1 | D4:1 E4:1 F4:1 | G4:3 | F4:3 |"
               " C5:1 C5:1 C5:1 | D5:3 | A4:1 Bb4:1 C5:1 | C5:1.5 Bb4:0.5 A4:1 | G4:3 |"
               " C4:1 D4:1 E4:1 | F4:1 G4:1 A4:1 | G4:3 | F4:3",
        chords="F:3 | F:3 | C:3 | Bb:2 F:1 | C7:3 | F:3 |"
               " F:3 | F:3 | C:3 | Bb:2 F:1 | C7:3 | F:3 |"
               " F:3 | Bb:3 | F:3 | F:2 Bb:1 | C:3 |"
               " C:3 | F:3 | C7:3 | F:3",
        verses=[
            ["Lov_syng vår Her_re,", "den mek_ti_ge kon_ge med æ_re!", "Lov ham, min sjel,",
             "og la det din for_lys_tel_se væ_re!", "Stem opp en sang,", "psal_ter og har_pe, gi klang!",
             "Syng for Gud Her_ren, den kjæ_re!"],
            ["Lov_syng vår Her_re,", "som all_ting så her_lig re_gje_rer,", "han som deg løf_ter",
             "som ør_nen på vin_ger og bæ_rer.", "Han lar deg få", "mer enn du selv kan for_stå,",
             "bed_re enn hjer_tet be_gjæ_rer!"],
        ],
    ),
    dict(
        id="jeg-synger-julekvad",
        title="Jeg synger julekvad",
        credits="Tekst: «In dulci jubilo» (1300-tallet), norsk ved M. B. Landstad (1856). Melodi: tysk (trykt 1533)",
        # «In dulci jubilo» as two notations give it (songs/SOURCES.md): the Essen collection's Erk
        # no. 602 (3/4, F) and the GL 253 melody in a LilyPond file (6/4, F); the same 56 pitches and
        # lengths once GL's breathing rests are counted to the note before. Written in 3/4 from a
        # quarter pickup, as Erk. The held C at the end of line 2 is split (half + quarter) to give
        # the Norwegian line 3 its upbeat «Min», as line 1 already has it (Erk «c2 c»); inferred.
        # Chords: simple I–IV–V. F major: D4–D5.
        meter=(3, 4), tempo=120, key="F", pickup=1,
        melody="F4:1 |"
               " F4:2 F4:1 | A4:2 Bb4:1 | C5:2 D5:1 | C5:2 C5:1 |"
               " F4:2 F4:1 | A4:2 Bb4:1 | C5:2 D5:1 | C5:2 C5:1 |"
               " C5:2 D5:1 | C5:2 Bb4:1 | A4:3 | F4:2 F4:1 |"
               " G4:2 G4:1 | A4:2 G4:1 | F4:2 G4:1 | A4:2 A4:1 |"
               " C5:2 D5:1 | C5:2 Bb4:1 | A4:3 | F4:2 F4:1 |"
               " G4:2 G4:1 | A4:2 G4:1 | F4:2 G4:1 | A4:3 |"
               " D4:2 D4:1 | E4:2 E4:1 | F4:3 | C5:3 |"
               " A4:2 A4:1 | G4:2 G4:1 | F4:3",
        pickup_chords="F:3",
        chords="F:3 | F:3 | F:3 | F:3 |"
               " F:3 | F:3 | F:3 | F:3 |"
               " F:3 | C7:3 | F:3 | F:3 |"
               " C:3 | F:2 C:1 | F:3 | F:3 |"
               " F:3 | C7:3 | F:3 | F:3 |"
               " C:3 | F:2 C:1 | F:3 | F:3 |"
               " Bb:3 | C:3 | F:3 | F:3 |"
               " F:3 | C7:3 | F:3",
        verses=[
            ["Jeg syn_ger ju_le_kvad~~,", "jeg er så glad, så glad~~!", "Min hjer_tens Je_sus hvi_ler",
             "i stall og kryb_be trang~~,", "som so_len kla_re smi_ler", "han på sin mo_ders fang~~.",
             "Han er Frel_ser min~!", "Han er Frel_ser min!"],
            ["Å Je_sus, du barn_lill~~,", "deg len_ges jeg så til~~!", "Kom, trøst meg al_le_sin_ne,",
             "tred inn om her er smått~~,", "la meg deg se og fin_ne,", "å, da har jeg det godt~~.",
             "Drag meg et_ter deg~!", "Drag meg et_ter deg!"],
        ],
    ),
    dict(
        id="naermere-deg-min-gud",
        title="Nærmere deg, min Gud",
        credits="Tekst: Sarah F. Adams (1841), norsk ved Elevine Heede (1876) og Gustav Jensen (1915). Melodi: Lowell Mason (1856)",
        # Mason's BETHANY as the German hymnal GL 502 prints it, in two engravings that agree note
        # for note (songs/SOURCES.md); the Mutopia edition (Brainard 1883) has the same pitches with
        # dotted rhythms in bars 1, 5, 9 and 11. Melismas as GL («Nä-her» over C-F). Chords simple
        # I–IV–V. F major: C4–D5 (two D5). Only verse 1: the sources agree on no other verse.
        meter=(4, 4), tempo=72, key="F", pickup=0,
        melody="A4:2 G4:1 F4:1 | F4:1.5 D4:0.5 D4:2 | C4:2 F4:1 A4:1 | G4:3 r:1 |"
               " A4:2 G4:1 F4:1 | F4:1.5 D4:0.5 D4:2 | C4:1 F4:1 E4:1 G4:1 | F4:3 r:1 |"
               " C5:2 D5:1 C5:1 | C5:1.5 A4:0.5 C5:2 | C5:2 D5:1 C5:1 | C5:1.5 A4:0.5 G4:2 |"
               " A4:2 G4:1 F4:1 | F4:1.5 D4:0.5 D4:2 | C4:1 F4:1 E4:1 G4:1 | F4:4",
        chords="F:4 | F:2 Bb:2 | F:4 | C:4 |"
               " F:4 | F:2 Bb:2 | F:2 C:2 | F:4 |"
               " F:2 Bb:1 F:1 | F:4 | F:2 Bb:1 F:1 | F:2 C:2 |"
               " F:4 | F:2 Bb:2 | F:2 C7:2 | F:4",
        verses=[
            ["Nær_me_re deg, min Gud,", "nær_me_re deg,", "om det et kors enn er",
             "som~ løf_ter meg!", "Sy_nes meg vei_en trang,", "er det dog all min sang:",
             "Nær_me_re deg, min Gud,", "nær~_me_re deg!"],
        ],
        order=[1],
    ),
    dict(
        id="o-bli-hos-meg",
        title="O bli hos meg",
        credits="Tekst: Henry F. Lyte (1847), norsk ved Gustav Jensen (1915). Melodi: William H. Monk (1861)",
        # Monk's EVENTIDE as two engravings give it (songs/SOURCES.md): the Mutopia Project's hymn
        # tune and kenakofer/hymnsinger's «Abide with me», both E flat; the same 40 notes and lengths.
        # Chords simplified from Monk's harmony (the Mutopia file). E flat major: E flat 4–C5.
        # Verse 1 (songsa pass); verses 2-5 added in the songsi pass, where vl.no and the
        # sangboka.kristiforsamling.net songbook agree (verse 2 line 3 follows vl.no's «forandrings»,
        # ten syllables as the tune needs; songs/SOURCES.md).
        meter=(4, 4), tempo=72, key="Eb", pickup=0,
        melody="G4:2 G4:1 F4:1 | Eb4:2 Bb4:2 | C5:1 Bb4:1 Bb4:1 Ab4:1 | G4:4 |"
               " G4:2 Ab4:1 Bb4:1 | C5:2 Bb4:2 | Ab4:1 F4:1 G4:1 A4:1 | Bb4:4 |"
               " G4:2 G4:1 F4:1 | Eb4:2 Bb4:2 | Bb4:1 Ab4:1 Ab4:1 G4:1 | F4:4 |"
               " F4:2 G4:1 Ab4:1 | G4:1 F4:1 Eb4:1 Ab4:1 | G4:2 F4:2 | Eb4:4",
        chords="Eb:2 Bb:2 | Cm:2 Eb:2 | Ab:2 Bb7:2 | Eb:4 |"
               " Eb:4 | Ab:2 Eb:2 | Fm:2 Eb:1 F7:1 | Bb:4 |"
               " Eb:2 Bb:2 | Cm:2 Eb:2 | Ab:3 C7:1 | Fm:4 |"
               " Fm:2 Eb:1 Ab:1 | Eb:2 Cm:1 Fm:1 | Eb:2 Bb7:2 | Eb:4",
        verses=[
            ["O bli hos meg!", "Nå er det af_ten_tid,", "og mør_ket sti_ger,", "dvel, o Her_re blid!",
             "Når an_nen hjelp", "blir støv og du_ger ei,", "du, hjel_pe_lø_ses hjel_per,", "bli hos meg!"],
            ["Snart svin_ner li_vets dag,", "det kvel_der fort,", "og jor_dens lys alt", "mørk_ner og går bort,",
             "for_an_drings skyg_ge", "føl_ger tro min vei,", "o du som ei for_an_dres,", "bli hos meg!"],
            ["Hver ti_me tren_ger jeg", "din ster_ke vakt,", "kun for din nå_de", "vi_ker mør_kets makt;",
             "hvor skal jeg van_dre", "trygt for_u_ten deg?", "I mulm og sol_skinn, Her_re,", "bli hos meg!"],
            ["Når du vel_sig_ner,", "ei av frykt jeg vet,", "sår gjør ei ondt,", "gråt har ei bit_ter_het.",
             "Hvor er vel dø_dens brodd?", "Jeg fryk_ter ei.", "Du som har sei_ret, Her_re,", "bli hos meg!"],
            ["O la meg se ditt kors", "i dø_dens gys,", "driv mør_ket bort og", "vær meg li_vets lys!",
             "Da skin_ner mor_gen_rø_den", "på min vei.", "I liv og død, o Her_re,", "bli hos meg!"],
        ],
    ),
    dict(
        id="hellig-hellig-hellig",
        title="Hellig, hellig, hellig",
        credits="Tekst: Reginald Heber (1826), norsk ved Gustav Jensen (1915). Melodi: John B. Dykes (1861)",
        # Dykes's NICAEA as two engravings give it (songs/SOURCES.md): the Mutopia Project's hymn tune
        # and asbloomf/hymn-booklet, both D major; the same 45 notes and lengths (the booklet's
        # dashed-slur splits joined). The Norwegian lines 1 and 4 have one syllable more than the
        # English verse 1: line 1 takes the booklet's own split of the B half note (its verse 2),
        # line 4 splits the D5 half note the same way (inferred). Chords simple, after Dykes.
        meter=(4, 4), tempo=88, key="D", pickup=0,
        melody="D4:1 D4:1 F#4:1 F#4:1 | A4:2 A4:2 | B4:1 B4:1 B4:1 B4:1 | A4:2 F#4:2 |"
               " A4:1.5 A4:0.5 A4:1 A4:1 | D5:2 C#5:1 A4:1 | E4:1 A4:1 B4:1.5 A4:0.5 | A4:4 |"
               " D4:1 D4:1 F#4:1 F#4:1 | A4:2 A4:2 | B4:1.5 B4:0.5 B4:1 B4:1 | A4:2 A4:2 |"
               " D5:1 D5:1 A4:1 A4:1 | B4:2 F#4:2 | G4:1 E4:1 E4:1.5 D4:0.5 | D4:4",
        chords="D:4 | A:2 D:2 | G:2 E7:2 | A:2 D:2 |"
               " D:4 | D:2 A:2 | A:2 E:2 | A:4 |"
               " D:4 | A:2 D:2 | G:2 E7:2 | A:4 |"
               " D:4 | G:2 D:2 | G:2 A7:2 | D:4",
        verses=[
            ["Hel_lig, hel_lig, hel_lig!", "Her_re Gud all_mek_tig,", "dag for dag vår lov_sang",
             "skal sti_ge opp til deg!", "Hel_lig, hel_lig, hel_lig!", "Nå_de_full og prek_tig,",
             "Fa_der, Sønn og Ånd,", "all æ_re væ_re deg!"],
            ["Hel_lig, hel_lig, hel_lig!", "syn_ger hel_gen_ska_rer,", "kas_ter si_ne kro_ner",
             "for di_ne føt_ter ned.", "Eng_le_hæ_rers ju_bel", "op_pad mot deg fa_rer,",
             "du som var og er", "og e_vig bli_ver ved."],
            # Verses 3 and 4 added in the songsi pass: gry.is and the sangboka.kristiforsamling.net
            # songbook agree word for word (songs/SOURCES.md).
            ["Hel_lig, hel_lig, hel_lig!", "Ly_set er ditt ri_ke,", "in_tet u_rent øy_e",
             "kan se din her_lig_het.", "E_ne du er hel_lig,", "in_gen er din li_ke,",
             "full av makt og ren_het", "og av kjær_lig_het."],
            ["Hel_lig, hel_lig, hel_lig!", "Her_re Gud all_mek_tig,", "jord og hav og him_mel,",
             "se alt skal pri_se deg!", "Hel_lig, hel_lig, hel_lig!", "Nå_de_full og prek_tig,",
             "Fa_der, Sønn og Ånd,", "all æ_re væ_re deg!"],
        ],
    ),
]
