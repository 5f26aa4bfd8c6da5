"""Invented, realistic demo cases (bokmål and nynorsk) for real municipalities in Trøndelag and Møre og Romsdal.

Data only; demo.py loads it through the actions. Every case passes the completeness rules.
"""

from __future__ import annotations

CASES: list[dict[str, object]] = [
    {
        "title": "Digitalt tilsyn om natten i hjemmetjenesten",
        "municipalities": ["5006"],
        "year": 2022, "sector": "health", "innovation_type": "service", "category": "long_term",
        "stage": "spread", "language": "nb", "benefit_evidence": "measured",
        "summary": "Steinkjer kommune bruker kamera og sensorer for tilsyn om natten hos noen brukere av "
                   "hjemmetjenesten. Brukeren og familien velger selv om de vil ha det. Nattevakten ser "
                   "bare et bilde når en sensor varsler. Slik slipper mange å bli vekket av besøk.",
        "novelty": "Før kjørte nattpatruljen hjem til alle brukere med tilsyn. Nå er tilsynet digitalt for "
                   "dem som ønsker det. Besøk skjer bare når det trengs.",
        "results": "Brukerne sover bedre, sier de selv. Nattpatruljen kjører om lag 30 prosent færre mil. "
                   "Tiden brukes på dem som trenger mest hjelp. Ingen alvorlige hendelser er meldt.",
        "partners": "Velferdsteknologisk knutepunkt i Trøndelag, leverandør av sensorer, brukerrådet.",
        "contact": "Ola Nordmo, FoUI-kontakt, ola.nordmo@example.no",
        "links": "https://www.steinkjer.kommune.no",
    },
    {
        "title": "Felles akutt døgnenhet for kommunene i Namdalen",
        "municipalities": ["5007"],
        "year": 2019, "sector": "health", "innovation_type": "organisation", "category": "long_term",
        "stage": "implemented", "language": "nb", "benefit_evidence": "measured",
        "summary": "Kommunene i Namdalen driver sammen en kommunal akutt døgnenhet, KAD. Pasienter som er "
                   "syke, men ikke trenger sykehus, får hjelp nær hjemmet. Legene på sykehuset og i kommunen "
                   "avtaler hvem som skal dit. Enheten ligger i Namsos.",
        "novelty": "Hver kommune hadde før få eller ingen senger for akutt hjelp. Nå deler kommunene på "
                   "plassene og på fagfolk. Det er nytt at så mange små kommuner driver dette sammen.",
        "results": "Færre eldre blir lagt inn på sykehus for kort tid. Belegget i enheten var 78 prosent i "
                   "fjor. Pasientene sier at de er trygge. Kommunene deler kostnadene etter bruk.",
        "partners": "Helse Nord-Trøndelag, Sykehuset Namsos, nabokommunene i Namdalen.",
        "contact": "Siri Bakkan, FoUI-kontakt, siri.bakkan@example.no",
        "links": "https://www.namsos.kommune.no",
    },
    {
        "title": "Samarbeid mellom ungdomsskole og videregående skole",
        "municipalities": ["5035"],
        "year": 2023, "sector": "education", "innovation_type": "process", "category": "long_term",
        "stage": "testing", "language": "nb", "benefit_evidence": "expected",
        "summary": "Elever i 10. klasse i Stjørdal får prøve fag på videregående skole før de søker. Lærere "
                   "fra begge skolene planlegger dagene sammen. Målet er at flere skal velge riktig linje og "
                   "fullføre skolen. Vi tester nå med to skoler.",
        "novelty": "Overgangen mellom skolene var før et brudd. Nå har lærerne faste møter. Elevene får "
                   "se hva de går til, og lærerne vet mer om hvem som kommer.",
        "results": "Vi venter at færre elever bytter linje det første året. Elevene sier at de føler seg "
                   "tryggere. Vi måler fullføring når de første elevene er ferdige.",
        "partners": "Trøndelag fylkeskommune, Ole Vig videregående skole, Nord universitet.",
        "contact": "Marte Lian, rådgiver oppvekst, marte.lian@example.no",
        "links": "https://www.stjordal.kommune.no",
    },
    {
        "title": "Beholdere for håndsprit laget sammen med lokal bedrift",
        "municipalities": ["5025"],
        "year": 2020, "sector": "technical", "innovation_type": "product", "category": "emergency",
        "stage": "implemented", "language": "nb", "benefit_evidence": "measured",
        "summary": "Da skoler og barnehager åpnet igjen våren 2020, fantes det nesten ikke beholdere for "
                   "håndsprit å få kjøpt. Røros kommune og en lokal bedrift laget derfor egne beholdere med "
                   "kommunens logo. De ble satt opp på alle skoler og barnehager.",
        "novelty": "Kommunen løste et akutt behov sammen med næringslivet på stedet. Bedriften brukte det den "
                   "kunne fra før til noe helt nytt. Det tok bare noen uker.",
        "results": "Alle skoler og barnehager hadde håndsprit da de åpnet. Senere fikk også andre deler av "
                   "kommunen beholdere. Bedriften fikk nye kunder i nabokommunene.",
        "partners": "Røros produkter, skoler og barnehager i Røros.",
        "contact": "Per Haugen, teknisk sjef, per.haugen@example.no",
        "links": "https://roros.kommune.no",
    },
    {
        "title": "Trening på video for pasienter i rehabilitering",
        "municipalities": ["5006"],
        "year": 2020, "sector": "health", "innovation_type": "service", "category": "preparedness",
        "stage": "testing", "language": "nb", "benefit_evidence": "expected",
        "summary": "Enhet rehabilitering i Steinkjer tester trening på video. Pasientene trener hjemme mens "
                   "fysioterapeuten ser og veileder dem på skjermen. Tiltaket var planlagt, men kom i gang "
                   "da pandemien stengte treningssalen.",
        "novelty": "Før måtte alle møte opp i salen. Nå kan mange trene hjemme. På sikt kan flere grupper få "
                   "tilbudet, også for å forebygge.",
        "results": "Pasientene trener like ofte som før. De sparer reisetid. Vi venter at flere kan få hjelp "
                   "uten at vi må ansette flere.",
        "partners": "Fysioterapeuter i kommunen, NTNU, brukerrådet.",
        "contact": "Ola Nordmo, FoUI-kontakt, ola.nordmo@example.no",
        "links": "https://www.steinkjer.kommune.no",
    },
    {
        "title": "Chat som svarer innbyggerne hele døgnet",
        "municipalities": ["5001"],
        "year": 2021, "sector": "admin", "innovation_type": "communication", "category": "long_term",
        "stage": "spread", "language": "nb", "benefit_evidence": "measured",
        "summary": "Trondheim kommune har en chat på nettsidene som svarer på vanlige spørsmål. Den kan svare "
                   "om skolerute, avfall, byggesak og mye mer. Når den ikke vet svaret, sender den saken "
                   "videre til en person på servicetorget.",
        "novelty": "Innbyggerne kan få svar når de vil, ikke bare når servicetorget er åpent. Svarene lages "
                   "sammen med fagfolkene som kan temaet best.",
        "results": "Chatten svarer på rundt 4000 spørsmål i måneden. Telefonkøen er kortere. Flere andre "
                   "kommuner bruker nå den samme løsningen.",
        "partners": "KS, en leverandør av chat, flere kommuner i Trøndelag.",
        "contact": "Ingrid Moe, digitaliseringsrådgiver, ingrid.moe@example.no",
        "links": "https://www.trondheim.kommune.no",
    },
    {
        "title": "Innovativ anskaffelse av elektriske arbeidsbåter",
        "municipalities": ["5001", "5014"],
        "year": 2024, "sector": "technical", "innovation_type": "process", "category": "long_term",
        "stage": "testing", "language": "nb", "benefit_evidence": "expected",
        "summary": "Trondheim og Frøya kjøper arbeidsbåter på en ny måte. I stedet for å beskrive båten i "
                   "detalj, beskrev kommunene behovet. Leverandørene fikk selv foreslå løsninger. To båter med "
                   "batteri blir nå testet i drift.",
        "novelty": "Kommunene hadde en dialog med markedet før konkurransen. Det var nytt å kjøpe en løsning "
                   "som ikke fantes ferdig. Kravene handlet om utslipp og drift, ikke om teknikk.",
        "results": "Vi venter lavere utslipp og lavere kostnader til drivstoff. Lokale verft fikk vist hva de "
                   "kan. Vi måler bruk og kostnader gjennom ett år.",
        "partners": "Nasjonalt program for leverandørutvikling, lokale verft, SINTEF.",
        "contact": "Jon Aune, innkjøpsrådgiver, jon.aune@example.no",
        "links": "https://www.trondheim.kommune.no\nhttps://www.froya.kommune.no",
    },
    {
        "title": "Frivillige kjører eldre til aktiviteter",
        "municipalities": ["5021"],
        "year": 2022, "sector": "culture", "innovation_type": "service", "category": "long_term",
        "stage": "implemented", "language": "nb", "benefit_evidence": "measured",
        "summary": "Frivilligsentralen i Oppdal har startet en ordning der frivillige kjører eldre til "
                   "kultur, trening og lag. Eldre bestiller tur på telefon eller i en enkel app. Kommunen "
                   "dekker bensin og forsikring.",
        "novelty": "Mange eldre uten bil kom seg ikke ut. Nå gjør frivillige og kommunen dette sammen. "
                   "Appen er laget slik at den er lett å bruke også for dem som sjelden bruker mobil.",
        "results": "Over 60 eldre har brukt ordningen. De har fått flere turer ut hver måned. Frivillige "
                   "forteller at de liker oppgaven. Ordningen koster lite.",
        "partners": "Oppdal frivilligsentral, pensjonistforeningen, lag og foreninger.",
        "contact": "Randi Bakke, leder av frivilligsentralen, randi.bakke@example.no",
        "links": "https://oppdal.kommune.no",
    },
    {
        "title": "Strategi for bioøkonomi i kystkommunene",
        "municipalities": ["5060", "5014"],
        "year": 2025, "sector": "business", "innovation_type": "organisation", "category": "long_term",
        "stage": "idea", "language": "nb", "benefit_evidence": "expected",
        "summary": "Nærøysund og Frøya vil lage en felles plan for bioøkonomi. Havbruk gir mye restråstoff "
                   "som kan bli til nye varer. Kommunene vil samle bedrifter, forskere og skoler for å finne "
                   "hva som kan lages her.",
        "novelty": "Kommunene tar en ny rolle som pådriver for næring. De går sammen i stedet for å jobbe hver "
                   "for seg. Ideen kom fra et verksted om behov i regionen.",
        "results": "Vi venter nye jobber og mindre avfall fra havbruk. Først skal vi kartlegge hva som finnes. "
                   "Planen skal være klar om ett år.",
        "partners": "Havbruksnæringen, NTNU, Trøndelag fylkeskommune, Innovasjon Norge.",
        "contact": "Eva Strand, næringssjef, eva.strand@example.no",
        "links": "https://www.naroysund.kommune.no",
    },
    {
        "title": "Folkehelselab for unge i Levanger",
        "municipalities": ["5037"],
        "year": 2023, "sector": "health", "innovation_type": "process", "category": "long_term",
        "stage": "testing", "language": "nb", "benefit_evidence": "expected",
        "summary": "Levanger har laget et folkehelselab der unge selv finner løsninger på det som plager dem. "
                   "De unge møtes hver måned med ansatte fra kommunen. De tester små tiltak i skolen og i "
                   "fritiden, og ser hva som virker.",
        "novelty": "Tiltak for unge ble før laget av voksne. Nå er de unge med fra start. Vi prøver mange små "
                   "ting i stedet for én stor plan.",
        "results": "Tolv tiltak er testet. Tre av dem er tatt i bruk i alle skoler. Vi venter bedre trivsel. "
                   "Ungdata viser hvordan det går over tid.",
        "partners": "Nord universitet, ungdomsrådet, skolene i Levanger.",
        "contact": "Hanne Eide, folkehelsekoordinator, hanne.eide@example.no",
        "links": "https://www.levanger.kommune.no",
    },
    {
        "title": "Digital søknad om startlån",
        "municipalities": ["5035", "5037"],
        "year": 2024, "sector": "social", "innovation_type": "process", "category": "long_term",
        "stage": "implemented", "language": "nb", "benefit_evidence": "measured",
        "summary": "Stjørdal og Levanger har tatt i bruk en digital søknad om startlån. Søkeren logger inn og "
                   "henter selv inn tall fra skatt og bank. Saksbehandleren får alt på ett sted og kan svare "
                   "raskere.",
        "novelty": "Før kom søknadene på papir, ofte med vedlegg som manglet. Nå er søknaden komplett når den "
                   "kommer inn. Kommunene deler løsningen.",
        "results": "Tiden fra søknad til svar gikk ned fra seks til to uker. Færre søknader må sendes tilbake. "
                   "Søkerne gir høy score i en kort undersøkelse.",
        "partners": "Husbanken, KS, NAV.",
        "contact": "Lars Vik, leder for tildeling, lars.vik@example.no",
        "links": "https://www.husbanken.no",
    },
    # --- nynorsk ---
    {
        "title": "Velferdsteknologi gjer at fleire kan bu heime",
        "municipalities": ["1566"],
        "year": 2021, "sector": "health", "innovation_type": "product", "category": "long_term",
        "stage": "implemented", "language": "nn", "benefit_evidence": "measured",
        "summary": "Surnadal kommune har teke i bruk medisindispenserar og digitale tryggleiksalarmar. "
                   "Dispenseren minner brukaren på medisinen og varslar om noko er gale. Fleire kan bu "
                   "trygt heime lenger.",
        "novelty": "Før kom heimetenesta heim til mange berre for å gje medisin. No gjer brukaren det sjølv, "
                   "med hjelp frå dispenseren. Tenesta vart planlagd saman med brukarane.",
        "results": "Heimetenesta har spart om lag 20 besøk kvar dag. Brukarane seier at dei er nøgde. "
                   "Ingen feil med medisin er melde sidan start.",
        "partners": "Velferdsteknologiprogrammet, leverandør av dispensarar, eldrerådet.",
        "contact": "Eir Haugen, FoUI-kontakt, eir.haugen@example.no",
        "links": "https://www.surnadal.kommune.no",
    },
    {
        "title": "Folkehelse i kvardagen: turvegar for alle",
        "municipalities": ["1566"],
        "year": 2024, "sector": "technical", "innovation_type": "service", "category": "long_term",
        "stage": "testing", "language": "nn", "benefit_evidence": "expected",
        "summary": "Surnadal lagar turvegar som passar for alle, òg for dei som går med rullator. Innbyggjarane "
                   "har sjølve peika ut kvar vegane skal gå. Langs vegane er det benker og skilt med "
                   "tips om trening.",
        "novelty": "Teknisk eining og folkehelse jobbar no saman frå start. Innbyggjarane var med og teikna "
                   "kartet. Det er nytt for kommunen å planlegge slik.",
        "results": "Vi ventar at fleire eldre går tur kvar veke. Tellarar langs vegane viser bruken. Dei "
                   "første tala er gode.",
        "partners": "Frivilligsentralen, idrettslaget, Møre og Romsdal fylkeskommune.",
        "contact": "Eir Haugen, FoUI-kontakt, eir.haugen@example.no",
        "links": "https://www.surnadal.kommune.no",
    },
    {
        "title": "Felles skulebibliotek for grunnskule og vidaregåande",
        "municipalities": ["1577", "1520"],
        "year": 2022, "sector": "education", "innovation_type": "organisation", "category": "long_term",
        "stage": "implemented", "language": "nn", "benefit_evidence": "measured",
        "summary": "Volda og Ørsta har laga eit felles skulebibliotek for grunnskulen og den vidaregåande "
                   "skulen. Ein bibliotekar har ansvar for alle skulane. Bøkene flyttar mellom skulane "
                   "etter behov.",
        "novelty": "Kvar skule hadde før sitt eige, lite bibliotek. No deler skulane på bøker og fagfolk. "
                   "Elevane får hjelp av ein bibliotekar med tid til dei.",
        "results": "Utlånet auka med 40 prosent det første året. Elevane les meir. Kommunane brukar mindre "
                   "pengar på bøker enn før.",
        "partners": "Møre og Romsdal fylkeskommune, Høgskulen i Volda.",
        "contact": "Sigrid Rotevatn, rektor, sigrid.rotevatn@example.no",
        "links": "https://www.volda.kommune.no\nhttps://www.orsta.kommune.no",
    },
    {
        "title": "Innovativt innkjøp av mat til sjukeheimane",
        "municipalities": ["1516"],
        "year": 2023, "sector": "health", "innovation_type": "process", "category": "long_term",
        "stage": "spread", "language": "nn", "benefit_evidence": "measured",
        "summary": "Ulstein kommune kjøpte mat til sjukeheimane på ein ny måte. Kommunen snakka med bønder og "
                   "små firma før konkurransen. Krava handla om smak, lokal mat og lite svinn.",
        "novelty": "Før var det berre pris som talte. No tel òg kvalitet og kor maten kjem frå. Små lokale "
                   "firma kunne gje tilbod for første gong.",
        "results": "Svinnet gjekk ned med ein tredel. Bebuarane et meir. To nabokommunar brukar no same "
                   "metode.",
        "partners": "Leverandørutviklingsprogrammet, lokale bønder, kjøkkenet på sjukeheimen.",
        "contact": "Knut Eiken, innkjøpssjef, knut.eiken@example.no",
        "links": "https://www.ulstein.kommune.no",
    },
    {
        "title": "Frivillige handla for dei som sat i karantene",
        "municipalities": ["1535"],
        "year": 2020, "sector": "social", "innovation_type": "organisation", "category": "emergency",
        "stage": "implemented", "language": "nn", "benefit_evidence": "measured",
        "summary": "Då pandemien kom, sette Vestnes kommune opp ei ordning der frivillige handla mat og "
                   "medisin for folk i karantene. Kommunen tok imot bestillingar på telefon. Frivillige køyrde "
                   "varene heim på døra.",
        "novelty": "Kommunen og frivillige lag samarbeidde på ein ny måte, på berre nokre dagar. Ordninga "
                   "vart styrt frå kommunen, men driven av frivillige.",
        "results": "Over 300 hushald fekk hjelp. Ingen måtte bryte karantene for å handle. Laga har halde "
                   "fram med å samarbeide etter pandemien.",
        "partners": "Raude Kross, idrettslaget, butikkane i Vestnes.",
        "contact": "Bjørn Nes, beredskapskoordinator, bjorn.nes@example.no",
        "links": "https://www.vestnes.kommune.no",
    },
    {
        "title": "Digital heimeundervisning dei første vekene av pandemien",
        "municipalities": ["1520"],
        "year": 2020, "sector": "education", "innovation_type": "communication", "category": "emergency",
        "stage": "spread", "language": "nn", "benefit_evidence": "expected",
        "summary": "Då skulane stengde i mars 2020, laga Ørsta ein plan for heimeundervisning på fire dagar. "
                   "Alle elevar fekk nettbrett. Lærarane hadde møte med klassen på video kvar morgon.",
        "novelty": "Skulane hadde ikkje prøvd undervisning på video før. Lærarane lærte av kvarandre i korte "
                   "kurs kvar dag. Foreldra fekk ei fast side med informasjon.",
        "results": "Dei fleste elevane deltok kvar dag. Lærarane brukar framleis mykje av det dei lærte. Vi "
                   "ventar at skulane står betre rusta ved neste krise.",
        "partners": "Foreldreutvalet, IKT-tenesta i regionen.",
        "contact": "Sigrid Rotevatn, rektor, sigrid.rotevatn@example.no",
        "links": "https://www.orsta.kommune.no",
    },
]
