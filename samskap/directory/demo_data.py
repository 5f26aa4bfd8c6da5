"""Demo content for the directory: coordinators, organisations, FoUI contacts, researchers and
research groups.

All people here are invented; any likeness to real persons is accidental. Names, e-mail addresses,
phone numbers and projects are made up. Municipalities and institutions are real; organisation
numbers are given only where they have been checked (mod-11), otherwise left empty.
Municipality organisations («X kommune») are created elsewhere and are not listed here.
"""

from typing import Any

COORDINATORS: list[dict[str, Any]] = [
    {
        "username": "astrid.hoel",
        "name": "Astrid Kvam Hoel",
        "organisation": "Trøndelag fylkeskommune",
        "position": "Regional koordinator for forskning og innovasjon i kommunesektoren",
        "email": "astrid.kvam.hoel@trondelagfylke.no",
    },
    {
        "username": "toreinar.gjersvik",
        "name": "Tor Einar Gjersvik",
        "organisation": "KS Trøndelag",
        "position": "Rådgiver for innovasjon og digitalisering",
        "email": "tor.einar.gjersvik@ks.no",
    },
]

ORGANISATIONS: list[dict[str, Any]] = [
    {
        "name": "NTNU",
        "org_type": "university",
        "org_number": "974767880",
        "county": "50",
        "website": "https://www.ntnu.no",
    },
    {
        "name": "Nord universitet",
        "org_type": "university",
        "org_number": "970940243",
        "county": "18",
        "website": "https://www.nord.no",
    },
    {
        "name": "SINTEF",
        "org_type": "research_institute",
        "org_number": "948007029",
        "county": "50",
        "website": "https://www.sintef.no",
    },
    {
        "name": "HUNT forskningssenter (NTNU)",
        "org_type": "research_institute",
        "org_number": "",
        "county": "50",
        "website": "https://www.ntnu.no/hunt",
    },
    {
        "name": "Trøndelag Forskning og Utvikling",
        "org_type": "research_institute",
        "org_number": "",
        "county": "50",
        "website": "https://www.tfou.no",
    },
    {
        "name": "NORCE",
        "org_type": "research_institute",
        "org_number": "",
        "county": "46",
        "website": "https://www.norceresearch.no",
    },
    {
        "name": "Høgskulen i Volda",
        "org_type": "university",
        "org_number": "",
        "county": "15",
        "website": "https://www.hivolda.no",
    },
    {
        "name": "St. Olavs hospital",
        "org_type": "hospital",
        "org_number": "883974832",
        "county": "50",
        "website": "https://www.stolav.no",
    },
    {
        "name": "Helse Nord-Trøndelag",
        "org_type": "hospital",
        "org_number": "983974791",
        "county": "50",
        "website": "https://www.hnt.no",
    },
    {
        "name": "Trøndelag fylkeskommune",
        "org_type": "county",
        "org_number": "817920632",
        "county": "50",
        "website": "https://www.trondelagfylke.no",
    },
    {
        "name": "Statsforvalteren i Trøndelag",
        "org_type": "other",
        "org_number": "974764350",
        "county": "50",
        "website": "https://www.statsforvalteren.no/trondelag",
    },
    {
        "name": "KS Trøndelag",
        "org_type": "interest",
        "org_number": "",
        "county": "50",
        "website": "https://www.ks.no",
    },
    {
        "name": "Forskningsrådet",
        "org_type": "funding",
        "org_number": "970141669",
        "county": "03",
        "website": "https://www.forskningsradet.no",
    },
    {
        "name": "Innovasjon Norge Trøndelag",
        "org_type": "funding",
        "org_number": "",
        "county": "50",
        "website": "https://www.innovasjonnorge.no",
    },
    {
        "name": "Midt-Norsk Velferdsteknologi AS",
        "org_type": "company",
        "org_number": "",
        "county": "50",
        "website": "",
    },
    {
        "name": "Trøndersk Tjenestedesign AS",
        "org_type": "company",
        "org_number": "",
        "county": "50",
        "website": "",
    },
]

CONTACTS: list[dict[str, Any]] = [
    {
        "username": "kari.steinkjer",
        "name": "Kari Bjørgum Reitan",
        "municipality": "5006",
        "position": "Innovasjonsrådgiver i kommunedirektørens stab",
        "email": "kari.reitan@steinkjer.kommune.no",
        "phone": "91482375",
        "preferred_language": "nb",
        "listed": True,
    },
    {
        "username": "eirik.namsos",
        "name": "Eirik Øvergård",
        "municipality": "5007",
        "position": "Spesialrådgiver helse og velferd, FoUI-kontakt",
        "email": "eirik.overgard@namsos.kommune.no",
        "phone": "47219083",
        "preferred_language": "nb",
        "listed": True,
    },
    {
        "username": "marte.trondheim",
        "name": "Marte Selbekk Aune",
        "municipality": "5001",
        "position": "Seniorrådgiver for forskning og innovasjon",
        "email": "marte.aune@trondheim.kommune.no",
        "phone": "92736410",
        "preferred_language": "nb",
        "listed": True,
    },
    {
        "username": "jonmagne.stjordal",
        "name": "Jon Magne Hofstad",
        "municipality": "5035",
        "position": "Prosjektleder velferdsteknologi",
        "email": "jon.magne.hofstad@stjordal.kommune.no",
        "phone": "45093318",
        "preferred_language": "nb",
        "listed": True,
    },
    {
        "username": "liv.levanger",
        "name": "Liv Heggstad",
        "municipality": "5037",
        "position": "Folkehelsekoordinator og FoUI-kontakt",
        "email": "liv.heggstad@levanger.kommune.no",
        "phone": "93016254",
        "preferred_language": "nb",
        "listed": True,
    },
    {
        "username": "ola.verdal",
        "name": "Ola Vinsnesbakk",
        "municipality": "5038",
        "position": "Kommunalsjef oppvekst",
        "email": "ola.vinsnesbakk@verdal.kommune.no",
        "phone": "41827765",
        "preferred_language": "nb",
        "listed": False,
    },
    {
        "username": "siv.inderoy",
        "name": "Siv Sakshaug Lein",
        "municipality": "5053",
        "position": "Utviklingsleder for samfunnsutvikling",
        "email": "siv.lein@inderoy.kommune.no",
        "phone": "97351208",
        "preferred_language": "nb",
        "listed": True,
    },
    {
        "username": "ragnhild.rennebu",
        "name": "Ragnhild Stavne",
        "municipality": "5022",
        "position": "Kommunalsjef helse og omsorg",
        "email": "ragnhild.stavne@rennebu.kommune.no",
        "phone": "95184027",
        "preferred_language": "nn",
        "listed": True,
    },
    {
        "username": "halvard.oppdal",
        "name": "Halvard Lien Mellemsæter",
        "municipality": "5021",
        "position": "Plan- og utviklingsrådgjevar",
        "email": "halvard.mellemsaeter@oppdal.kommune.no",
        "phone": "90627341",
        "preferred_language": "nn",
        "listed": True,
    },
    {
        "username": "mari.roros",
        "name": "Mari Haugom Plassen",
        "municipality": "5025",
        "position": "Næringssjef og FoUI-kontakt",
        "email": "mari.plassen@roros.kommune.no",
        "phone": "48260913",
        "preferred_language": "nb",
        "listed": True,
    },
    {
        "username": "arntove.lierne",
        "name": "Arnt Ove Sandmo",
        "municipality": "5042",
        "position": "Rådgjevar i kommunedirektøren sin stab",
        "email": "arnt.ove.sandmo@lierne.kommune.no",
        "phone": "97840526",
        "preferred_language": "nn",
        "listed": False,
    },
    {
        "username": "tone.naroysund",
        "name": "Tone Austad Bratberg",
        "municipality": "5060",
        "position": "Leder for oppvekst og kultur, FoUI-kontakt",
        "email": "tone.bratberg@naroysund.kommune.no",
        "phone": "41539862",
        "preferred_language": "nb",
        "listed": True,
    },
    {
        "username": "gunnhild.surnadal",
        "name": "Gunnhild Ranes Øye",
        "municipality": "1566",
        "position": "Utviklingsrådgjevar",
        "email": "gunnhild.oye@surnadal.kommune.no",
        "phone": "93874105",
        "preferred_language": "",
        "listed": True,
    },
]

RESEARCHERS: list[dict[str, Any]] = [
    {
        "username": "ingrid.saether",
        "name": "Ingrid Flatås Sæther",
        "organisation": "NTNU",
        "position": "Førsteamanuensis, Institutt for samfunnsmedisin og sykepleie",
        "fields_of_interest": (
            "velferdsteknologi, digital hjemmeoppfølging, brukermedvirkning, implementering, kroniske "
            "sykdommer"
        ),
        "research_fields": (
            "Jeg forsker på hvordan kommunale helse- og omsorgstjenester tar i bruk velferdsteknologi, med "
            "vekt på digital hjemmeoppfølging av personer med kroniske sykdommer. Jeg er særlig opptatt av "
            "hva som skjer i tjenesten når teknologien skal inn i daglig drift, og hvordan brukere og "
            "pårørende kan være med fra starten."
        ),
        "methods": (
            "Kvalitative intervjuer, deltakende observasjon og følgeforskning i kommuner som innfører ny "
            "teknologi."
        ),
        "projects": (
            "Leder prosjektet «Hjemme med trygghet» (2023–2026) om digital oppfølging etter utskrivning fra "
            "sykehus, i samarbeid med tre trønderske kommuner."
        ),
        "working_languages": "norsk, engelsk",
        "email": "ingrid.saether@ntnu.no",
        "language": "nb",
        "listed": True,
    },
    {
        "username": "knutivar.grande",
        "name": "Knut Ivar Grande",
        "organisation": "NTNU",
        "position": "Professor i helsetjenesteforskning, Institutt for samfunnsmedisin og sykepleie",
        "fields_of_interest": (
            "samhandling kommune–sykehus, øyeblikkelig hjelp døgnopphold, pasientforløp, helseøkonomi, "
            "samhandlingsreformen"
        ),
        "research_fields": (
            "Forskningen min handler om samhandlingen mellom kommunehelsetjenesten og "
            "spesialisthelsetjenesten. Jeg har studert bruken av kommunale akutte døgnplasser (KAD) og "
            "hvordan pasientforløp for eldre med sammensatte behov kan organiseres slik at færre blir "
            "liggende på feil nivå."
        ),
        "methods": (
            "Analyser av registerdata fra KPR og NPR, kostnadsanalyser og casestudier av interkommunale "
            "løsninger."
        ),
        "projects": (
            "Prosjektleder for «KAD i distrikt», om belegg og kvalitet i små kommunale akuttenheter, og "
            "deltaker i følgeforskningen på felles pasientjournal i Midt-Norge."
        ),
        "working_languages": "norsk, engelsk",
        "email": "knut.ivar.grande@ntnu.no",
        "language": "nb",
        "listed": True,
    },
    {
        "username": "sigrid.wiik",
        "name": "Sigrid Nordahl Wiik",
        "organisation": "NTNU",
        "position": "Førsteamanuensis, NTNU Handelshøyskolen",
        "fields_of_interest": (
            "offentlige anskaffelser, innovasjonspartnerskap, leverandørdialog, offentlig økonomi, "
            "innkjøpssamarbeid"
        ),
        "research_fields": (
            "Jeg studerer hvordan kommuner kan bruke innkjøpsmakten sin til å få fram nye løsninger, blant "
            "annet gjennom innovasjonspartnerskap og dialog med markedet før konkurransen lyses ut. Et "
            "sentralt spørsmål er hvordan små kommuner kan gå sammen om anskaffelser uten å miste lokal "
            "tilpasning."
        ),
        "methods": (
            "Casestudier, dokumentanalyse av konkurransegrunnlag og spørreundersøkelser blant offentlige "
            "innkjøpere."
        ),
        "projects": (
            "Deltar i «Smartere innkjøp i Midt-Norge», der kommuner og leverandører utvikler "
            "behovsbeskrivelser for helse- og omsorgsteknologi."
        ),
        "working_languages": "norsk, engelsk",
        "email": "sigrid.wiik@ntnu.no",
        "language": "nb",
        "listed": False,
    },
    {
        "username": "anders.haugen",
        "name": "Anders Kvello Haugen",
        "organisation": "NTNU",
        "position": "Postdoktor, Institutt for datateknologi og informatikk",
        "fields_of_interest": (
            "kunstig intelligens, språkmodeller, digital forvaltning, automatisert saksbehandling, "
            "personvern"
        ),
        "research_fields": (
            "Jeg forsker på bruk av kunstig intelligens i offentlig forvaltning, særlig store språkmodeller "
            "som støtte i saksbehandling og innbyggerdialog. Jeg ser på forklarbarhet, personvern og hvordan "
            "ansatte faktisk bruker verktøyene i arbeidshverdagen."
        ),
        "methods": (
            "Prototyping, brukertester med saksbehandlere og eksperimentell evaluering av modeller på norsk "
            "forvaltningstekst."
        ),
        "projects": (
            "Arbeider i prosjektet «KI-assistent for byggesak», der en kommune og NTNU tester automatisk "
            "sortering og besvarelse av henvendelser."
        ),
        "working_languages": "norsk, engelsk",
        "email": "anders.k.haugen@ntnu.no",
        "language": "nb",
        "listed": True,
    },
    {
        "username": "torbjorn.myklebust",
        "name": "Torbjørn Leira Myklebust",
        "organisation": "NTNU",
        "position": "Førsteamanuensis, Institutt for biologi",
        "fields_of_interest": "marin økologi, lakselus, fjordsystem, villaks, miljøpåverknad frå havbruk",
        "research_fields": (
            "Eg forskar på korleis oppdrettsanlegg påverkar økosystema i fjordane, med særleg vekt på "
            "spreiing av lakselus og verknader på villfisk. Arbeidet kombinerer feltarbeid langs "
            "Trøndelagskysten med modellering av straumar og smittepress."
        ),
        "methods": "Feltprøvetaking, telemetri på villfisk og hydrodynamiske spreiingsmodellar.",
        "projects": (
            "Leiar prosjektet «Lusekart Namsenfjorden» i samarbeid med oppdrettsnæringa og "
            "miljøforvaltninga."
        ),
        "working_languages": "norsk, engelsk",
        "email": "torbjorn.myklebust@ntnu.no",
        "language": "nn",
        "listed": True,
    },
    {
        "username": "hanne.skjervold",
        "name": "Hanne Vollan Skjervold",
        "organisation": "NTNU",
        "position": "Førsteamanuensis i by- og regionplanlegging, Institutt for arkitektur og planlegging",
        "fields_of_interest": (
            "klimatilpasning, arealplanlegging, flom og skred, jordvern, kommuneplanens arealdel"
        ),
        "research_fields": (
            "Jeg forsker på hvordan kommuner tar klimatilpasning inn i arealplanleggingen, fra "
            "kommuneplanens arealdel til enkeltsaker om utbygging i flomutsatte områder. Jeg er også opptatt "
            "av konflikten mellom utbyggingspress og jordvern i vekstkommuner."
        ),
        "methods": (
            "Analyse av planmateriale, intervjuer med planleggere og politikere, og GIS-baserte analyser av "
            "arealbruk."
        ),
        "projects": (
            "Med i «Klimaklok plan», der fem trønderske kommuner prøver ut nye måter å vurdere flom- og "
            "skredfare tidlig i planprosessen."
        ),
        "working_languages": "norsk, engelsk",
        "email": "hanne.skjervold@ntnu.no",
        "language": "nb",
        "listed": True,
    },
    {
        "username": "larsove.singstad",
        "name": "Lars Ove Singstad",
        "organisation": "NTNU",
        "position": "Professor, Institutt for bygg- og miljøteknikk",
        "fields_of_interest": "vassforsyning, avlaupsnett, leidningsfornying, lekkasjar, VA-planlegging",
        "research_fields": (
            "Eg forskar på drift og fornying av kommunale vass- og avlaupsnett, med særleg merksemd på små "
            "kommunar som har gamle leidningar og få fagfolk. Eit hovudspørsmål er korleis ein kan "
            "prioritere kva leidningar som skal skiftast ut først når pengane ikkje strekk til."
        ),
        "methods": (
            "Tilstandsvurdering med sensordata, statistiske levetidsmodellar og tett samarbeid med "
            "driftspersonell."
        ),
        "projects": (
            "Leiar «Lekkasjejakt i distriktet», der tre kommunar testar rimelege sensorar for å finne "
            "lekkasjar på vassnettet."
        ),
        "working_languages": "norsk, engelsk",
        "email": "lars.o.singstad@ntnu.no",
        "language": "nn",
        "listed": True,
    },
    {
        "username": "marit.haugen",
        "name": "Marit Solbakken Haugen",
        "organisation": "NTNU",
        "position": "Førsteamanuensis, Institutt for sosialt arbeid",
        "fields_of_interest": (
            "barnevern, barns medverknad, tidleg innsats, familiearbeid, tverrfagleg samarbeid"
        ),
        "research_fields": (
            "Eg forskar på barnevernstenesta i kommunane, særleg korleis barn og foreldre kan medverke i "
            "eigne saker. Etter barnevernsreforma er eg òg oppteken av samarbeidet mellom barnevern, skule, "
            "helsestasjon og NAV om tidleg hjelp til familiar."
        ),
        "methods": "Kvalitative intervju med barn, foreldre og tilsette, og dokumentanalyse av saksmapper.",
        "projects": (
            "Er med i «Saman før det blir barnevernssak», eit samarbeid med to kommunar om tverrfaglege "
            "familieteam."
        ),
        "working_languages": "norsk, engelsk",
        "email": "marit.s.haugen@ntnu.no",
        "language": "nn",
        "listed": True,
    },
    {
        "username": "even.strom",
        "name": "Even Lund Strøm",
        "organisation": "NTNU",
        "position": "Førsteamanuensis i tjenestedesign, Institutt for design",
        "fields_of_interest": "tjenestedesign, brukerreiser, samskaping, innbyggerinvolvering, prototyping",
        "research_fields": (
            "Jeg jobber med tjenestedesign i offentlig sektor: hvordan kommuner kan kartlegge innbyggernes "
            "opplevelse av tjenestene og utvikle nye løsninger sammen med dem. Jeg er særlig interessert i "
            "hva som skal til for at designmetoder blir mer enn en workshop og faktisk endrer tjenestene."
        ),
        "methods": "Brukerreiser, samskapingsverksteder, prototyping og aksjonsforskning.",
        "projects": (
            "Veileder studentprosjekter i trønderske kommuner og leder «Innbyggerreisen», om nye innbyggeres "
            "første møte med kommunen."
        ),
        "working_languages": "norsk, engelsk",
        "email": "even.strom@ntnu.no",
        "language": "nb",
        "listed": True,
    },
    {
        "username": "kristin.vinje",
        "name": "Kristin Rygg Vinje",
        "organisation": "HUNT forskningssenter (NTNU)",
        "position": "Forsker, HUNT forskningssenter",
        "fields_of_interest": "folkehelse, epidemiologi, levekår, sosial ulikhet i helse, folkehelseoversikt",
        "research_fields": (
            "Jeg bruker data fra Helseundersøkelsen i Trøndelag til å beskrive helse og levekår i kommunene, "
            "og til å finne ut hvilke grupper som faller utenfor. Målet er at kommunene skal kunne bruke "
            "tallene i sitt eget folkehelsearbeid og i oversiktsdokumentet etter folkehelseloven."
        ),
        "methods": (
            "Epidemiologiske analyser av kohortdata, kobling mot nasjonale registre og småområdestatistikk."
        ),
        "projects": (
            "Prosjektleder for «Folkehelseprofil med HUNT», som lager kommunevise analyser sammen med "
            "folkehelsekoordinatorer."
        ),
        "working_languages": "norsk, engelsk",
        "email": "kristin.vinje@ntnu.no",
        "language": "nb",
        "listed": True,
    },
    {
        "username": "eli.fossum",
        "name": "Eli Storhaug Fossum",
        "organisation": "HUNT forskningssenter (NTNU)",
        "position": "Postdoktor, HUNT forskningssenter",
        "fields_of_interest": "psykisk helse hos ungdom, Ung-HUNT, skulefråvær, einsemd, søvn",
        "research_fields": (
            "Eg forskar på psykisk helse blant ungdom i Trøndelag med data frå Ung-HUNT. Eg ser særleg på "
            "samanhengen mellom einsemd, søvn, skjermbruk og fråvær frå skulen, og på kva som skil ungdom i "
            "bygd og by."
        ),
        "methods": "Longitudinelle analysar av spørjeskjemadata og kopling til utdanningsregister.",
        "projects": "Arbeider i «Ung i bygda», som følgjer ungdom frå ungdomsskulen til vaksen alder.",
        "working_languages": "norsk, engelsk",
        "email": "eli.fossum@ntnu.no",
        "language": "nn",
        "listed": True,
    },
    {
        "username": "geirove.lysklett",
        "name": "Geir Ove Lysklett",
        "organisation": "HUNT forskningssenter (NTNU)",
        "position": "Seniorforsker, HUNT forskningssenter",
        "fields_of_interest": "aldring, fysisk funksjon, demens, eldre som bor hjemme, ernæring",
        "research_fields": (
            "Jeg forsker på aldring og helse, blant annet hva som gjør at eldre klarer seg lenger i eget "
            "hjem. Jeg følger fysisk aktivitet, ernæring og kognitiv svikt over tid."
        ),
        "methods": "Kohortstudier med gjentatte målinger og funksjonstester.",
        "projects": "Medarbeider i «Aktiv lenger», som kobler HUNT-data med kommunale pleie- og omsorgsdata.",
        "working_languages": "norsk, engelsk",
        "email": "geir.o.lysklett@ntnu.no",
        "language": "nb",
        "listed": False,
    },
    {
        "username": "tove.wahl",
        "name": "Tove Halsan Wahl",
        "organisation": "Nord universitet",
        "position": "Dosent, Fakultet for sykepleie og helsevitenskap, Namsos",
        "fields_of_interest": (
            "rekruttering, sykepleiere, heltidskultur, turnus, arbeidsmiljø, desentralisert utdanning"
        ),
        "research_fields": (
            "Jeg forsker på hvordan distriktskommuner kan rekruttere og beholde sykepleiere og "
            "helsefagarbeidere. Temaene er heltidskultur, turnusordninger, desentralisert utdanning og hva "
            "som får nyutdannede til å bli værende."
        ),
        "methods": (
            "Spørreundersøkelser blant ansatte, intervjuer med ledere og oppfølging av studentkull over tid."
        ),
        "projects": (
            "Leder «Bli i Namdalen», et samarbeid med fem kommuner om praksisplasser, lønnet utdanning og "
            "mentorordninger for nyutdannede."
        ),
        "working_languages": "norsk, engelsk",
        "email": "tove.h.wahl@nord.no",
        "language": "nb",
        "listed": True,
    },
    {
        "username": "aud.kvalo",
        "name": "Aud Reppe Kvalø",
        "organisation": "Nord universitet",
        "position": "Førsteamanuensis, Fakultet for sykepleie og helsevitskap, Levanger",
        "fields_of_interest": "eldreomsorg, demens, pårørande, heimetenester, dagaktivitetstilbod, avlasting",
        "research_fields": (
            "Eg forskar på omsorg for eldre som bur heime, særleg personar med demens og pårørande deira. Eg "
            "er oppteken av korleis heimetenestene og dagtilbod kan gje avlasting slik at folk kan bu lenger "
            "i eigen heim."
        ),
        "methods": "Intervju, fokusgrupper og observasjon i heimetenesta.",
        "projects": (
            "Med i «Pårørandeskulen i Innherred» og i eit nordisk nettverk om demensvenlege lokalsamfunn."
        ),
        "working_languages": "norsk, svensk, engelsk",
        "email": "aud.r.kvalo@nord.no",
        "language": "nn",
        "listed": True,
    },
    {
        "username": "rune.moe",
        "name": "Rune Flasnes Moe",
        "organisation": "Nord universitet",
        "position": "Universitetslektor, Fakultet for lærerutdanning og kunst- og kulturfag",
        "fields_of_interest": (
            "lærerutdanning, naturfag, havbruk i skolen, utdanningsvalg, yrkesfag, skole–arbeidsliv"
        ),
        "research_fields": (
            "Jeg forsker på naturfagundervisning og hvordan skoler langs kysten kan bruke havbruksnæringen "
            "som læringsarena. Jeg er også opptatt av hvordan slike samarbeid påvirker elevenes valg av "
            "yrkesfag og realfag."
        ),
        "methods": "Klasseromsforskning, lærerintervjuer og designbasert utvikling av undervisningsopplegg.",
        "projects": (
            "Faglig ansvarlig for «Merd og matte», der ungdomsskoler og oppdrettsselskaper på kysten "
            "utvikler praksisnære undervisningsopplegg."
        ),
        "working_languages": "norsk",
        "email": "rune.f.moe@nord.no",
        "language": "nb",
        "listed": True,
    },
    {
        "username": "jorgen.kolstad",
        "name": "Jørgen Hegre Kolstad",
        "organisation": "Nord universitet",
        "position": "Førsteamanuensis, Handelshøgskolen ved Nord universitet",
        "fields_of_interest": (
            "entreprenørskap, næringsutvikling, kommunal næringspolitikk, gründere, regional utvikling"
        ),
        "research_fields": (
            "Jeg forsker på hvordan kommuner og regionråd arbeider med næringsutvikling, fra strategiske "
            "næringsplaner til førstelinjetjeneste for gründere. Et sentralt spørsmål er hvordan små "
            "kommuner kan samordne seg uten at alle konkurrerer om de samme bedriftene."
        ),
        "methods": (
            "Komparative casestudier, nettverksanalyse og intervjuer med næringssjefer og bedriftsledere."
        ),
        "projects": (
            "Deltar i «Næringskraft Namdal», om samordning av næringsutviklere på tvers av kommunegrensene."
        ),
        "working_languages": "norsk, engelsk",
        "email": "jorgen.h.kolstad@nord.no",
        "language": "nb",
        "listed": True,
    },
    {
        "username": "olamikkel.bjorgvik",
        "name": "Ola Mikkel Bjørgvik",
        "organisation": "Nord universitet",
        "position": "Førsteamanuensis, Fakultet for biovitskap og akvakultur, Steinkjer",
        "fields_of_interest": "landbruk, bioøkonomi, grovfôr, lokalmat, jordvern, restråstoff",
        "research_fields": (
            "Eg forskar på bioøkonomi i landbruket, frå grovfôrproduksjon til korleis restråstoff kan bli "
            "nye produkt. Eg er særleg oppteken av korleis bygdene kan halde meir av verdiskapinga heime i "
            "staden for å vere reine råvareleverandørar."
        ),
        "methods": "Feltforsøk, verdikjedeanalysar og verkstader med bønder og næringsaktørar.",
        "projects": "Leiar «Grønt i Namdalen», eit forprosjekt om felles strategi for bioøkonomi i regionen.",
        "working_languages": "norsk, engelsk",
        "email": "ola.m.bjorgvik@nord.no",
        "language": "nn",
        "listed": True,
    },
    {
        "username": "camilla.dahl",
        "name": "Camilla Eggen Dahl",
        "organisation": "Nord universitet",
        "position": "Universitetslektor i idrett og fysisk aktivitet, Levanger",
        "fields_of_interest": (
            "fysisk aktivitet, friluftsliv, barn og unge, nærmiljø, folkehelse, lavterskeltilbud"
        ),
        "research_fields": (
            "Jeg forsker på fysisk aktivitet blant barn og unge, og hvordan nærmiljøet, skolegården og "
            "fritidstilbudet påvirker hvor mye de beveger seg. Jeg er opptatt av lavterskeltilbud som når "
            "dem som ikke deltar i organisert idrett."
        ),
        "methods": "Aktivitetsmålere, kartlegging av nærmiljø og intervjuer med ungdom.",
        "projects": (
            "Med i «Aktiv skolevei», et samarbeid med kommuner på Innherred om trygg og aktiv transport til "
            "skolen."
        ),
        "working_languages": "norsk, engelsk",
        "email": "camilla.e.dahl@nord.no",
        "language": "nb",
        "listed": True,
    },
    {
        "username": "amina.holm",
        "name": "Amina Yusuf Holm",
        "organisation": "Nord universitet",
        "position": "Førsteamanuensis, Fakultet for samfunnsvitenskap",
        "fields_of_interest": (
            "integrering, flyktninger, introduksjonsprogram, arbeidsinkludering, norskopplæring, bosetting"
        ),
        "research_fields": (
            "Jeg forsker på bosetting og integrering av flyktninger i mindre kommuner, med vekt på "
            "overgangen fra introduksjonsprogram til arbeid. Jeg ser også på rollen til frivillige "
            "organisasjoner og lokalt næringsliv."
        ),
        "methods": (
            "Intervjuer med deltakere over flere år, registerdata og samarbeid med flyktningtjenester."
        ),
        "projects": "Prosjektleder for «Fra intro til jobb», om språkpraksis i bedrifter i Trøndelag.",
        "working_languages": "norsk, engelsk, somali",
        "email": "amina.y.holm@nord.no",
        "language": "nb",
        "listed": False,
    },
    {
        "username": "heidi.bratt",
        "name": "Heidi Kvernmo Bratt",
        "organisation": "Nord universitet",
        "position": "Professor i innovasjonsleiing, Fakultet for samfunnsvitskap",
        "fields_of_interest": (
            "samskaping, offentleg innovasjon, innovasjonsleiing, medarbeidardriven innovasjon, kommunal "
            "utvikling"
        ),
        "research_fields": (
            "Eg forskar på samskaping mellom kommunar, innbyggjarar, frivillige og næringsliv, og på kva "
            "slags leiing som skal til for at nye idear faktisk blir tekne i bruk. Eg har særleg studert "
            "innovasjonsarbeid i små kommunar med få utviklingsressursar."
        ),
        "methods": "Aksjonsforsking, casestudiar og følgjeforsking i kommunale utviklingsprosjekt.",
        "projects": (
            "Fagleg leiar for «Innovasjonskraft i Trøndelag», eit nettverk der kommunar og forskarar "
            "utviklar prosjekt saman."
        ),
        "working_languages": "norsk, engelsk",
        "email": "heidi.k.bratt@nord.no",
        "language": "nn",
        "listed": True,
    },
    {
        "username": "bjornar.holand",
        "name": "Bjørnar Tangstad Holand",
        "organisation": "Nord universitet",
        "position": "Førsteamanuensis i samfunnsgeografi",
        "fields_of_interest": (
            "fråflytting, distriktsutvikling, unge vaksne, busetjing, bustadmarknad, stadutvikling"
        ),
        "research_fields": (
            "Eg forskar på kvifor unge vaksne flyttar frå eller tilbake til små kommunar, og kva rolle "
            "bustader, arbeid og sosiale nettverk spelar. Eg ser òg på korleis kommunar kan bruke "
            "stadutvikling for å bli meir attraktive."
        ),
        "methods": "Registerbaserte flyttestudiar, spørjeundersøkingar og intervju med tilbakeflyttarar.",
        "projects": "Leiar «Heim att?», ein studie av tilbakeflytting til indre Namdal og fjellregionen.",
        "working_languages": "norsk, engelsk",
        "email": "bjornar.t.holand@nord.no",
        "language": "nn",
        "listed": True,
    },
    {
        "username": "berit.ronning",
        "name": "Berit Solem Rønning",
        "organisation": "SINTEF",
        "position": "Seniorforsker, SINTEF Digital, teknologiledelse",
        "fields_of_interest": (
            "medarbeiderdrevet innovasjon, tjenesteinnovasjon, organisasjonsutvikling, innovasjonsledelse"
        ),
        "research_fields": (
            "Jeg forsker på hvordan ansatte kan drive fram forbedringer i egen arbeidshverdag, og hvordan "
            "ledere kan legge til rette for det. Mye av arbeidet skjer sammen med kommuner innen helse, "
            "oppvekst og teknisk drift."
        ),
        "methods": "Aksjonsforskning, dialogkonferanser og evaluering av innovasjonsprosesser.",
        "projects": (
            "Har ledet flere prosjekter om medarbeiderdrevet innovasjon i kommuner, sist «Gode grep i "
            "hverdagen» med fire kommuner i Trøndelag."
        ),
        "working_languages": "norsk, engelsk",
        "email": "berit.ronning@sintef.no",
        "language": "nb",
        "listed": True,
    },
    {
        "username": "stian.vang",
        "name": "Stian Myrvold Vang",
        "organisation": "SINTEF",
        "position": "Forsker, SINTEF Digital, helse",
        "fields_of_interest": (
            "velferdsteknologi, responssenter, interoperabilitet, referansearkitektur, trygghetsalarmer"
        ),
        "research_fields": (
            "Jeg jobber med tekniske og organisatoriske sider ved responssentre og velferdsteknologiske "
            "løsninger. Et viktig tema er hvordan systemer fra ulike leverandører kan snakke sammen, og "
            "hvordan varsler håndteres på tvers av kommuner."
        ),
        "methods": "Systemarkitektur, kravspesifikasjon, brukertesting og evaluering av pilotinstallasjoner.",
        "projects": (
            "Teknisk prosjektleder i «Felles respons Trøndelag», et forprosjekt om interkommunalt "
            "responssenter."
        ),
        "working_languages": "norsk, engelsk",
        "email": "stian.vang@sintef.no",
        "language": "nb",
        "listed": True,
    },
    {
        "username": "jorunn.berntsen",
        "name": "Jorunn Aas Berntsen",
        "organisation": "SINTEF",
        "position": "Forskningsleder, SINTEF Community, energi i bygninger",
        "fields_of_interest": (
            "energieffektivisering, bygningsvern, verneverdige bygg, lokal energi, solenergi"
        ),
        "research_fields": (
            "Jeg forsker på energieffektivisering i eksisterende bygg, også verneverdige trehus der vanlige "
            "tiltak ikke passer. Jeg ser på hvordan hensynet til kulturminner og klimamålene kan forenes."
        ),
        "methods": "Målinger i bygg, energisimuleringer og livsløpsanalyser.",
        "projects": (
            "Med i «Varme hus i gamle byer», sammen med kommuner som har verneverdig trehusbebyggelse."
        ),
        "working_languages": "norsk, engelsk",
        "email": "jorunn.berntsen@sintef.no",
        "language": "nb",
        "listed": False,
    },
    {
        "username": "petter.rein",
        "name": "Petter Hovstad Rein",
        "organisation": "SINTEF",
        "position": "Forsker, SINTEF Community, vann og miljø",
        "fields_of_interest": (
            "overvann, naturbaserte løsninger, klimatilpasning, blågrønne strukturer, ekstremnedbør"
        ),
        "research_fields": (
            "Jeg forsker på håndtering av overvann og kraftig nedbør i tettsteder, med vekt på naturbaserte "
            "løsninger som regnbed og gjenåpnede bekker. Jeg er også opptatt av hvordan kommunen kan dele "
            "ansvaret med grunneiere og utbyggere."
        ),
        "methods": "Hydrologisk modellering, feltmålinger og kost-nytte-vurderinger.",
        "projects": "Deltar i «Regnbed i sentrum», der to byer tester løsninger i gater og skolegårder.",
        "working_languages": "norsk, engelsk",
        "email": "petter.rein@sintef.no",
        "language": "nb",
        "listed": True,
    },
    {
        "username": "marianne.husby",
        "name": "Marianne Gjære Husby",
        "organisation": "Trøndelag Forskning og Utvikling",
        "position": "Forsker, kommunal utvikling",
        "fields_of_interest": (
            "kommunal FoU, følgeforskning, interkommunalt samarbeid, kompetansemegling, evaluering"
        ),
        "research_fields": (
            "Jeg arbeider med forskning og utvikling sammen med kommuner, ofte som følgeforsker i "
            "utviklingsprosjekter. Jeg er opptatt av hvordan kommuner kan formulere egne forskningsspørsmål "
            "og bygge varige samarbeid med kunnskapsmiljøer, i stedet for å bli forsket på."
        ),
        "methods": "Følgeforskning, evaluering, spørreundersøkelser og verkstedmetodikk.",
        "projects": (
            "Prosjektleder for evalueringen av et regionalt innovasjonsnettverk for kommuner, og med i "
            "arbeidet med offentlig ph.d. i to kommuner."
        ),
        "working_languages": "norsk",
        "email": "marianne.husby@tfou.no",
        "language": "nb",
        "listed": True,
    },
    {
        "username": "arve.tronstad",
        "name": "Arve Skjevik Tronstad",
        "organisation": "Trøndelag Forskning og Utvikling",
        "position": "Seniorforsker, næring og reiseliv",
        "fields_of_interest": (
            "reiseliv, lokalmat, opplevelsesnæring, næringsanalyse, destinasjonsutvikling, hytteturisme"
        ),
        "research_fields": (
            "Jeg forsker på reiseliv og lokalmat som næringer i distriktene, og på samspillet mellom "
            "landbruk, reiseliv og kommunal tilrettelegging. Jeg lager også næringsanalyser for kommuner og "
            "regioner, blant annet om betydningen av hytteturisme."
        ),
        "methods": "Næringsstatistikk, intervjuer og besøksundersøkelser.",
        "projects": "Med i «Matopplevelser i Trøndelag» og har laget næringsanalyser for flere regionråd.",
        "working_languages": "norsk, engelsk",
        "email": "arve.tronstad@tfou.no",
        "language": "nb",
        "listed": True,
    },
    {
        "username": "line.hammer",
        "name": "Line Ekre Hammer",
        "organisation": "Trøndelag Forskning og Utvikling",
        "position": "Forsker, samfunn og arbeidsliv",
        "fields_of_interest": (
            "havbruk og lokalsamfunn, arbeidsinnvandring, bosetting langs kysten, arbeidsmarked, boligmangel"
        ),
        "research_fields": (
            "Jeg forsker på hvordan veksten i havbruksnæringen påvirker kystsamfunnene: hvem som flytter "
            "dit, hvor de bor og om de blir værende. Arbeidsinnvandring, boligmangel og behovet for "
            "kommunale tjenester er sentrale temaer."
        ),
        "methods": "Intervjuer, registerdata og lokale spørreundersøkelser.",
        "projects": (
            "Leder «Folk til kysten», om rekruttering og inkludering av arbeidstakere i havbruk i Ytre "
            "Namdal."
        ),
        "working_languages": "norsk, engelsk, polsk",
        "email": "line.hammer@tfou.no",
        "language": "nb",
        "listed": False,
    },
    {
        "username": "sverre.lundemo",
        "name": "Sverre Bye Lundemo",
        "organisation": "Trøndelag Forskning og Utvikling",
        "position": "Forskar, kultur og sivilsamfunn",
        "fields_of_interest": (
            "frivilligheit, lag og organisasjonar, frivilligsentralar, kultur, samarbeid kommune og "
            "frivillig sektor"
        ),
        "research_fields": (
            "Eg forskar på frivillig arbeid og samspelet mellom kommunen og lag og organisasjonar. Kva skjer "
            "når kommunen ønskjer å bruke frivillige i tenestene, og korleis kan ein samarbeide utan at "
            "eldsjelene brenn ut?"
        ),
        "methods": "Kartlegging av lag og organisasjonar, intervju og deltakande observasjon.",
        "projects": (
            "Evaluerer frivilligpolitikken i tre kommunar og er med i prosjektet «Eldsjeler i endring»."
        ),
        "working_languages": "norsk",
        "email": "sverre.lundemo@tfou.no",
        "language": "nn",
        "listed": True,
    },
    {
        "username": "gunvor.dale",
        "name": "Gunvor Hatlevik Dale",
        "organisation": "NORCE",
        "position": "Forskar, Nasjonalt kompetansesenter for legevaktmedisin",
        "fields_of_interest": (
            "legevakt, akuttmedisin i distrikta, kommunale akutte døgnplassar, prehospitale tenester, "
            "beredskap"
        ),
        "research_fields": (
            "Eg forskar på legevakt og akuttberedskap i små kommunar, der avstandane er lange og det er få "
            "legar på vakt. Eg har studert korleis kommunale akutte døgnplassar blir brukte, og korleis det "
            "går med pasientane som blir lagde inn der."
        ),
        "methods": "Registerstudiar, analysar av vaktlogg og intervju med legevaktlegar og sjukepleiarar.",
        "projects": (
            "Med i «Akutt i utkanten», ein studie av legevaktsamarbeid og KAD-senger i bygdekommunar."
        ),
        "working_languages": "norsk, engelsk",
        "email": "gunvor.dale@norceresearch.no",
        "language": "nn",
        "listed": True,
    },
    {
        "username": "eirik.hjelmeland",
        "name": "Eirik Tveit Hjelmeland",
        "organisation": "NORCE",
        "position": "Seniorforskar, klima og miljø",
        "fields_of_interest": "sirkulær økonomi, ombruk, avfall, grøne innkjøp, klimagassrekneskap",
        "research_fields": (
            "Eg forskar på sirkulær økonomi i kommunesektoren: ombruk av møblar og byggematerialar, mindre "
            "avfall og grøne innkjøp. Eg ser på korleis kommunar kan måle effekten av tiltaka i "
            "klimarekneskapen sin."
        ),
        "methods": "Materialstraumanalysar, livsløpsvurderingar og casestudiar.",
        "projects": (
            "Leiar «Ombruk i kommunen», der fleire kommunar testar ein felles ombruksbank for bygg og "
            "inventar."
        ),
        "working_languages": "norsk, engelsk",
        "email": "eirik.hjelmeland@norceresearch.no",
        "language": "nn",
        "listed": True,
    },
    {
        "username": "trine.skarpen",
        "name": "Trine Ødegård Skarpen",
        "organisation": "NORCE",
        "position": "Forsker, samfunnssikkerhet",
        "fields_of_interest": (
            "samfunnssikkerhet, beredskap, risiko- og sårbarhetsanalyse, ekstremvær, krisehåndtering"
        ),
        "research_fields": (
            "Jeg forsker på kommunal beredskap og samfunnssikkerhet, blant annet hvordan ROS-analyser brukes "
            "i planleggingen og hvordan kommunene håndterer ekstremvær. Erfaringene fra pandemien og "
            "flomhendelser er viktige i arbeidet."
        ),
        "methods": "Dokumentanalyse, intervjuer med beredskapskoordinatorer og evaluering av øvelser.",
        "projects": (
            "Deltar i «Robuste kommuner», et nasjonalt prosjekt om helhetlig ROS-analyse etter ekstremvær."
        ),
        "working_languages": "norsk, engelsk",
        "email": "trine.skarpen@norceresearch.no",
        "language": "nb",
        "listed": False,
    },
    {
        "username": "ingvild.boe",
        "name": "Ingvild Eikrem Bøe",
        "organisation": "Høgskulen i Volda",
        "position": "Førsteamanuensis i planlegging",
        "fields_of_interest": (
            "kommuneplanlegging, medverknad, innbyggjardialog, digitale planverktøy, samfunnsdelen"
        ),
        "research_fields": (
            "Eg forskar på kommunal planlegging, særleg korleis innbyggjarar kan medverke i arbeidet med "
            "samfunnsdelen og arealdelen av kommuneplanen. Eg ser òg på korleis digitale verktøy kan nå "
            "grupper som sjeldan møter opp på folkemøte."
        ),
        "methods": "Casestudiar, analyse av høyringsinnspel og utprøving av digitale medverknadsverktøy.",
        "projects": (
            "Med i «Plan for alle», der to kommunar på Nordvestlandet prøver ut nye medverknadsformer."
        ),
        "working_languages": "norsk, engelsk",
        "email": "ingvild.boe@hivolda.no",
        "language": "nn",
        "listed": True,
    },
    {
        "username": "arnfinn.vik",
        "name": "Arnfinn Støylen Vik",
        "organisation": "Høgskulen i Volda",
        "position": "Professor i organisasjon og leiing",
        "fields_of_interest": (
            "tenesteinnovasjon, velferdsleiing, offentleg forvaltning, interkommunalt samarbeid, småkommunar"
        ),
        "research_fields": (
            "Eg forskar på leiing og organisering i kommunale velferdstenester, og på korleis små kommunar "
            "kan samarbeide for å halde oppe fagleg kvalitet. Eg har særleg sett på interkommunale ordningar "
            "innan helse og barnevern."
        ),
        "methods": "Spørjeundersøkingar, casestudiar og analyse av samarbeidsavtalar.",
        "projects": (
            "Leiar «Små kommunar, store oppgåver», om interkommunalt samarbeid på Nordvestlandet og i "
            "Trøndelag."
        ),
        "working_languages": "norsk, engelsk",
        "email": "arnfinn.vik@hivolda.no",
        "language": "nn",
        "listed": True,
    },
    {
        "username": "maren.ulstein",
        "name": "Maren Hjorthol Ulstein",
        "organisation": "Høgskulen i Volda",
        "position": "Universitetslektor, Institutt for pedagogikk",
        "fields_of_interest": (
            "fråfall i vidaregåande, overgang ungdomsskule–vidaregåande, karriererettleiing, hybelbuarar, "
            "yrkesfag"
        ),
        "research_fields": (
            "Eg forskar på overgangen frå ungdomsskule til vidaregåande, og på kvifor nokre elevar sluttar "
            "undervegs. Eg er særleg oppteken av ungdom som må flytte på hybel som 15–16-åringar, og av "
            "kjønnsdelte utdanningsval."
        ),
        "methods": (
            "Intervju med elevar og rådgjevarar, oppfølging av elevkull og analyse av karakter- og "
            "fråværsdata."
        ),
        "projects": (
            "Med i «Trygg på hybel», eit samarbeid mellom fylkeskommune og kommunar om oppfølging av "
            "hybelbuarar."
        ),
        "working_languages": "norsk, engelsk",
        "email": "maren.ulstein@hivolda.no",
        "language": "nn",
        "listed": True,
    },
    {
        "username": "henrik.strand",
        "name": "Henrik Gjelsvik Strand",
        "organisation": "St. Olavs hospital",
        "position": "Overlege og forsker, Klinikk for akutt- og mottaksmedisin",
        "fields_of_interest": (
            "akuttmedisin, sepsis, tidlig varsling, NEWS2, beslutningsstøtte, pasientsikkerhet"
        ),
        "research_fields": (
            "Jeg forsker på tidlig oppdagelse av alvorlig sykdom, særlig sepsis, og på hvordan enkle "
            "varslingsskårer kan brukes i sykehus, ambulanse og kommunehelsetjeneste. Målet er at "
            "sykepleiere i hjemmetjenesten skal fange opp forverring tidligere."
        ),
        "methods": (
            "Kliniske kohortstudier, kvalitetsforbedringsprosjekter og evaluering av "
            "beslutningsstøtteverktøy."
        ),
        "projects": (
            "Leder «Sepsis i tide», et samarbeid mellom sykehus, ambulansetjeneste og kommuner om et felles "
            "observasjonsverktøy."
        ),
        "working_languages": "norsk, engelsk",
        "email": "henrik.strand@stolav.no",
        "language": "nb",
        "listed": True,
    },
    {
        "username": "synnove.kvam",
        "name": "Synnøve Berg Kvam",
        "organisation": "St. Olavs hospital",
        "position": "Spesialsykepleier og ph.d.-kandidat, Avdeling for geriatri",
        "fields_of_interest": (
            "geriatri, utskrivning, pasientforløp for eldre, legemiddelgjennomgang, reinnleggelser"
        ),
        "research_fields": (
            "Jeg undersøker hva som skjer med skrøpelige eldre når de skrives ut fra sykehus til kommunen, "
            "og hvorfor mange blir lagt inn igjen. Jeg ser særlig på informasjonsoverføring og "
            "legemiddelbruk."
        ),
        "methods": "Journalgjennomgang og intervjuer med pasienter, pårørende og sykepleiere.",
        "projects": "Ph.d.-prosjekt i «Trygt hjem», om overgangen fra sykehus til hjemmetjeneste.",
        "working_languages": "norsk",
        "email": "synnove.kvam@stolav.no",
        "language": "nb",
        "listed": False,
    },
    {
        "username": "roar.lein",
        "name": "Roar Sandvik Lein",
        "organisation": "Helse Nord-Trøndelag",
        "position": "Fagsjef og forsker, prehospitale tjenester",
        "fields_of_interest": (
            "ambulansetjeneste, prehospital akuttmedisin, distriktsmedisinske sentre, telemedisin, "
            "samhandling"
        ),
        "research_fields": (
            "Jeg forsker på den akuttmedisinske kjeden i distriktene, fra AMK og ambulanse til legevakt og "
            "distriktsmedisinske sentre. Jeg er opptatt av hvordan videokonsultasjon og telemedisin kan gi "
            "raskere hjelp der avstandene er store."
        ),
        "methods": "Analyse av oppdragsdata, tidsstudier og evaluering av telemedisinske piloter.",
        "projects": "Med i «Video i ambulansen», et pilotprosjekt i Namdalen.",
        "working_languages": "norsk, engelsk",
        "email": "roar.lein@hnt.no",
        "language": "nb",
        "listed": True,
    },
    {
        "username": "kjersti.aalberg",
        "name": "Kjersti Bjerkem Aalberg",
        "organisation": "Helse Nord-Trøndelag",
        "position": "Psykologspesialist og forsker, barne- og ungdomspsykiatrisk poliklinikk",
        "fields_of_interest": (
            "psykisk helse barn og unge, skolevegring, angst, lavterskeltilbud, samhandling BUP og kommune"
        ),
        "research_fields": (
            "Jeg forsker på barn og unge med skolevegring og angst, og på hvordan BUP og kommunale tjenester "
            "som helsestasjon, skolehelsetjeneste og PPT kan samarbeide bedre. Jeg er opptatt av hjelp "
            "tidlig, før problemene blir så store at barnet må henvises."
        ),
        "methods": "Intervensjonsstudier i skoler og kvalitative intervjuer med familier.",
        "projects": (
            "Prosjektleder for «Tilbake til skolen», et samarbeid med fire kommuner om tidlig oppfølging av "
            "elever med høyt fravær."
        ),
        "working_languages": "norsk, engelsk",
        "email": "kjersti.aalberg@hnt.no",
        "language": "nb",
        "listed": True,
    },
    {
        "username": "vegard.forbord",
        "name": "Vegard Hoel Forbord",
        "organisation": "Midt-Norsk Velferdsteknologi AS",
        "position": "FoU-leder",
        "fields_of_interest": (
            "sensorteknologi, digitalt tilsyn, trygghetsalarm, innovasjonspartnerskap, fallvarsling"
        ),
        "research_fields": (
            "Jeg leder utviklingen av sensorbaserte løsninger for digitalt tilsyn om natten i "
            "hjemmetjenesten og på sykehjem. Vi samarbeider med kommuner og forskningsmiljøer om uttesting "
            "og dokumentasjon av effekt."
        ),
        "methods": "Brukertester i kommuner, smidig utvikling og effektmålinger.",
        "projects": "Partner i et innovasjonspartnerskap med tre kommuner om digitalt nattilsyn.",
        "working_languages": "norsk, engelsk",
        "email": "vegard.forbord@velferdsteknologi.example",
        "language": "nb",
        "listed": True,
    },
    {
        "username": "silje.engan",
        "name": "Silje Rostad Engan",
        "organisation": "Trøndersk Tjenestedesign AS",
        "position": "Tjenestedesigner og partner",
        "fields_of_interest": "tjenestedesign, brukerinnsikt, innbyggerdialog, prosessledelse, verksteder",
        "research_fields": (
            "Jeg leder innsiktsarbeid og verksteder for kommuner som vil utvikle tjenestene sammen med "
            "brukerne. Vi har jobbet med alt fra søknadsprosesser i byggesak til nye tilbud for ungdom."
        ),
        "methods": "Dybdeintervjuer, brukerreiser og prototyping.",
        "projects": (
            "Har gjennomført innsiktsprosjekter for flere trønderske kommuner, blant annet om digital "
            "innbyggerdialog."
        ),
        "working_languages": "norsk, engelsk",
        "email": "silje.engan@tjenestedesign.example",
        "language": "nb",
        "listed": False,
    },
]

RESEARCH_GROUPS: list[dict[str, Any]] = [
    {
        "name": "Helsetjenester, samhandling og velferdsteknologi",
        "organisation": "NTNU",
        "description": (
            "Gruppen forsker på hvordan kommunale helse- og omsorgstjenester organiseres og samhandler med "
            "sykehusene. Vi studerer pasientforløp, kommunale akutte døgnplasser og innføring av "
            "velferdsteknologi, og jobber tett med kommuner som ønsker følgeforskning."
        ),
        "keywords": [
            "helsetjenesteforskning", "samhandling", "KAD", "velferdsteknologi", "digital hjemmeoppfølging",
            "pasientforløp",
        ],
        "language": "nb",
        "website": "",
    },
    {
        "name": "Kunstig intelligens i offentlig sektor",
        "organisation": "NTNU",
        "description": (
            "Vi utvikler og evaluerer KI-løsninger for offentlig forvaltning, med vekt på norsk språk, "
            "forklarbarhet og personvern. Gruppen samarbeider med kommuner om forsøk i saksbehandling og "
            "innbyggerdialog."
        ),
        "keywords": [
            "kunstig intelligens", "språkmodeller", "digital forvaltning", "saksbehandling", "personvern",
        ],
        "language": "nb",
        "website": "",
    },
    {
        "name": "Vass- og avlaupssystem",
        "organisation": "NTNU",
        "description": (
            "Gruppa forskar på vassforsyning, avlaupsnett og overvatn i kommunane. Vi arbeider med "
            "tilstandsvurdering og fornying av leidningsnett, og med løysingar som passar for små kommunar "
            "med avgrensa fagmiljø."
        ),
        "keywords": ["vassforsyning", "avlaup", "leidningsfornying", "lekkasjar", "overvatn"],
        "language": "nn",
        "website": "",
    },
    {
        "name": "Marin økologi og havbruksmiljø",
        "organisation": "NTNU",
        "description": (
            "Gruppa studerer økosystema i fjordar og langs kysten, og korleis havbruk påverkar villfisk og "
            "botnmiljø. Vi kombinerer feltarbeid, telemetri og modellering."
        ),
        "keywords": ["marin økologi", "havbruk", "lakselus", "villaks", "fjordsystem"],
        "language": "nn",
        "website": "",
    },
    {
        "name": "Folkehelse og levekår i kommunene",
        "organisation": "HUNT forskningssenter (NTNU)",
        "description": (
            "Vi bruker data fra Helseundersøkelsen i Trøndelag til å beskrive helse, levekår og sosial "
            "ulikhet i kommunene. Gruppen hjelper folkehelsekoordinatorer med å tolke tallene og bruke dem i "
            "planarbeid og tiltak."
        ),
        "keywords": ["folkehelse", "epidemiologi", "HUNT", "levekår", "psykisk helse", "ungdom"],
        "language": "nb",
        "website": "",
    },
    {
        "name": "Helse- og omsorgstjenester i distriktene",
        "organisation": "Nord universitet",
        "description": (
            "Gruppen forsker på rekruttering, kompetanse og kvalitet i helse- og omsorgstjenestene i "
            "distriktskommuner. Sentrale temaer er heltidskultur, eldreomsorg, demens og desentralisert "
            "utdanning av sykepleiere."
        ),
        "keywords": ["rekruttering", "sykepleie", "heltidskultur", "eldreomsorg", "demens", "distrikt"],
        "language": "nb",
        "website": "",
    },
    {
        "name": "Bioøkonomi, landbruk og bygdeutvikling",
        "organisation": "Nord universitet",
        "description": (
            "Gruppa arbeider med verdiskaping frå jord, skog og hav, og med korleis bygdene kan få meir att "
            "av ressursane sine. Vi samarbeider med regionråd og næringsliv om strategiar for bioøkonomi og "
            "lokalmat."
        ),
        "keywords": ["bioøkonomi", "landbruk", "lokalmat", "verdikjeder", "bygdeutvikling", "fråflytting"],
        "language": "nn",
        "website": "",
    },
    {
        "name": "Skole, utdanningsvalg og arbeidsliv",
        "organisation": "Nord universitet",
        "description": (
            "Vi forsker på sammenhengen mellom skole og arbeidsliv, fra naturfag og praksisnær undervisning "
            "i grunnskolen til valg av yrkesfag. Gruppen samarbeider med skoler og lokale bedrifter langs "
            "kysten og på Innherred."
        ),
        "keywords": ["lærerutdanning", "utdanningsvalg", "yrkesfag", "skole–arbeidsliv", "naturfag"],
        "language": "nb",
        "website": "",
    },
    {
        "name": "Medarbeiderdrevet innovasjon og tjenesteutvikling",
        "organisation": "SINTEF",
        "description": (
            "Gruppen hjelper kommuner med å bygge innovasjonskultur der ansatte, ledere og brukere utvikler "
            "tjenestene sammen. Vi kombinerer aksjonsforskning med praktiske verktøy for innovasjonsledelse."
        ),
        "keywords": [
            "medarbeiderdrevet innovasjon", "tjenesteinnovasjon", "innovasjonsledelse",
            "organisasjonsutvikling",
        ],
        "language": "nb",
        "website": "",
    },
    {
        "name": "Kommunal utvikling og regional innovasjon",
        "organisation": "Trøndelag Forskning og Utvikling",
        "description": (
            "Vi gjør anvendt forskning og evaluering sammen med kommuner, regionråd og fylkeskommunen. "
            "Temaene spenner fra næringsutvikling og reiseliv til frivillighet, interkommunalt samarbeid og "
            "kompetansemegling."
        ),
        "keywords": [
            "kommunal innovasjon", "følgeforskning", "næringsutvikling", "reiseliv", "frivillighet",
            "kompetansemegling",
        ],
        "language": "nb",
        "website": "",
    },
    {
        "name": "Legevakt og akuttberedskap i distrikta",
        "organisation": "NORCE",
        "description": (
            "Gruppa forskar på legevakt, kommunale akutte døgnplassar og samspelet med ambulanse og "
            "sjukehus. Vi er særleg opptekne av små kommunar med lange avstandar og få legar på vakt."
        ),
        "keywords": ["legevakt", "akuttmedisin", "KAD", "prehospitale tenester", "distriktsmedisin"],
        "language": "nn",
        "website": "",
    },
    {
        "name": "Planlegging, medverknad og samskaping",
        "organisation": "Høgskulen i Volda",
        "description": (
            "Gruppa forskar på kommunal planlegging og på korleis innbyggjarar, næringsliv og frivillige kan "
            "vere med og forme lokalsamfunnet. Vi prøver ut nye medverknadsformer saman med kommunar på "
            "Nordvestlandet og i Trøndelag."
        ),
        "keywords": ["kommuneplanlegging", "medverknad", "samskaping", "innbyggjardialog", "leiing"],
        "language": "nn",
        "website": "",
    },
    {
        "name": "Akuttmedisin og tidlig varsling",
        "organisation": "St. Olavs hospital",
        "description": (
            "Gruppen forsker på tidlig oppdagelse og behandling av akutt sykdom, særlig sepsis. Vi utvikler "
            "felles observasjonsverktøy for sykehus, ambulanse og kommunale helsetjenester."
        ),
        "keywords": ["akuttmedisin", "sepsis", "tidlig varsling", "beslutningsstøtte", "pasientsikkerhet"],
        "language": "nb",
        "website": "",
    },
]
