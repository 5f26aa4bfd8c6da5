"""Demo content for needs: what municipalities want help with, and a call for topics.

The texts are written for the demo, inspired by the themes of a 2016 mobilisation project for
municipal research and innovation in Nord-Trøndelag. Municipalities are real; the needs are
invented and say nothing about what these municipalities have actually reported. Some needs are
deliberately shared by several municipalities in different words, so that clustering has
something to find. `in_call` marks answers to the open call in `CALL`.
"""

from typing import Any

NEEDS = [
    {
        "municipality": "5006",
        "title": "Tidlig oppdagelse av sepsis i hjemmetjenesten",
        "description": (
            "Hjemmesykepleien møter jevnlig brukere som blir akutt dårlige, og det er ikke alltid lett å se "
            "forskjell på en vanlig infeksjon og begynnende blodforgiftning. I dag har vi ingen felles "
            "rutine for hvilke målinger som skal tas, og legevakt, ambulanse og sykehus bruker andre skalaer "
            "enn oss. Vi vil prøve ut et enkelt observasjonsverktøy som alle ledd i kjeden forstår, gjerne "
            "med digital støtte på nettbrett. Vi trenger hjelp til å velge verktøy, lære opp de ansatte og "
            "måle om det faktisk gjør en forskjell."
        ),
        "why_it_matters": (
            "Sepsis kan utvikle seg raskt, og noen timer tidligere behandling kan redde liv og spare lange "
            "sykehusopphold."
        ),
        "who_is_affected": "Eldre og kronisk syke med hjemmetjenester, hjemmesykepleiere, legevakt",
        "sector": "health",
        "desired_outcome": (
            "En felles, utprøvd rutine for tidlig varsling mellom hjemmetjeneste, legevakt, ambulanse og "
            "sykehus."
        ),
        "status": "brokering",
        "language": "nb",
        "in_call": True,
    },
    {
        "municipality": "5006",
        "title": "Overvann og oversvømmelser i sentrum",
        "description": (
            "Steinkjer sentrum ligger lavt ved elva, og kraftige regnskyll gir oftere vann i kjellere og et "
            "overbelastet avløpsnett. Kommunen skal planlegge nye utbyggingsområder samtidig som gamle "
            "ledninger må skiftes ut. Vi ønsker kunnskap om hvilke løsninger for åpen overvannshåndtering "
            "som fungerer i vårt klima med tele og snøsmelting. Vi lurer også på hvordan ansvar og kostnader "
            "kan deles med private grunneiere."
        ),
        "why_it_matters": (
            "Skadene etter styrtregn øker, og feil valg nå binder opp investeringer i flere tiår."
        ),
        "who_is_affected": "Innbyggere og næringsdrivende i sentrum, teknisk drift, planavdelingen",
        "sector": "technical",
        "desired_outcome": (
            "Et kunnskapsgrunnlag for en overvannsstrategi med anbefalte løsninger og pilotområder."
        ),
        "status": "submitted",
        "language": "nb",
        "in_call": False,
    },
    {
        "municipality": "5006",
        "title": "Flyktninger raskere ut i arbeid",
        "description": (
            "Mange av dem som bosettes hos oss fullfører introduksjonsprogrammet uten å ha fått fast jobb. "
            "Samtidig sier lokale bedrifter at de mangler folk, særlig i landbruk, bygg og omsorg. Vi vil "
            "finne ut hvorfor koblingen ikke skjer, og teste en modell der mer av norskopplæringen foregår "
            "på arbeidsplassen. Frivillige lag kan også være viktige for å bygge nettverk."
        ),
        "why_it_matters": (
            "Arbeid er den viktigste veien til inkludering, og kommunen trenger arbeidskraften."
        ),
        "who_is_affected": "Nyankomne flyktninger, NAV, voksenopplæringen, lokale arbeidsgivere",
        "sector": "social",
        "desired_outcome": "En utprøvd modell for arbeidsrettet norskopplæring i samarbeid med næringslivet.",
        "status": "submitted",
        "language": "nb",
        "in_call": False,
    },
    {
        "municipality": "5007",
        "title": "Vi får ikke tak i sykepleiere",
        "description": (
            "Vi lyser ut sykepleierstillinger gang på gang uten kvalifiserte søkere, og flere nyutdannede "
            "slutter etter kort tid. Sykehjem og hjemmetjeneste dekker hullene med vikarbyrå og overtid, noe "
            "som er dyrt og sliter på de faste ansatte. Vi lurer på hva som faktisk får sykepleiere til å "
            "bli: lønn, turnus, faglig utvikling eller bolig og jobb til partneren. Vi ønsker å samarbeide "
            "med utdanningen i Namsos om praksis og mentorordninger."
        ),
        "why_it_matters": "Uten nok sykepleiere kan vi ikke gi forsvarlige tjenester til stadig flere eldre.",
        "who_is_affected": "Sykehjem, hjemmetjenesten, ansatte og brukere",
        "sector": "health",
        "desired_outcome": (
            "Kunnskap om hvilke tiltak som virker, og en plan vi kan prøve ut sammen med nabokommunene."
        ),
        "status": "submitted",
        "language": "nb",
        "in_call": True,
    },
    {
        "municipality": "5007",
        "title": "Kommunen som næringsutvikler",
        "description": (
            "Kommunene i Namdalen har hver sine næringskonsulenter, men vi jobber lite sammen og konkurrerer "
            "tidvis om de samme etableringene. Det mangler en felles strategi og en oversikt over hva hver "
            "kommune faktisk bruker tid og penger på. Vi vil undersøke hvordan næringsarbeidet kan samordnes "
            "på tvers av kommunegrensene, og hvordan de mange små bedriftene kan trekkes med i planarbeidet. "
            "Erfaringer fra andre regioner vil være nyttige."
        ),
        "why_it_matters": (
            "Næringsutvikling er en viktig kommunal rolle, men ressursene er små og spredt på mange hender."
        ),
        "who_is_affected": "Næringsavdelinger i namdalskommunene, lokale bedrifter, gründere",
        "sector": "business",
        "desired_outcome": (
            "En modell for interkommunal samordning av næringsarbeidet med tydelig rollefordeling."
        ),
        "status": "brokering",
        "language": "nb",
        "in_call": False,
    },
    {
        "municipality": "5007",
        "title": "Felles strategi for bioøkonomi i Namdalen",
        "description": (
            "Namdalen har sterke miljøer innen skog, jordbruk og havbruk, men mye av råstoffet sendes ut av "
            "regionen før det foredles. Regionrådet har vedtatt at det skal lages en felles "
            "bioøkonomistrategi, og Namsos har påtatt seg å lede arbeidet. Vi trenger hjelp til å kartlegge "
            "ressursene, vurdere hvilke verdikjeder som har størst potensial og finne ut hva kommunene "
            "konkret kan gjøre, for eksempel gjennom arealplanlegging og tilrettelegging av næringsarealer."
        ),
        "why_it_matters": "Mer lokal foredling gir arbeidsplasser og gjør regionen mindre sårbar.",
        "who_is_affected": "Landbruk, skognæring, havbruk, regionrådet, kommunene i Namdalen",
        "sector": "business",
        "desired_outcome": "Et faglig grunnlag for en bioøkonomistrategi som kommunestyrene kan vedta.",
        "status": "submitted",
        "language": "nb",
        "in_call": False,
    },
    {
        "municipality": "5001",
        "title": "Digital hjemmeoppfølging av kronisk syke",
        "description": (
            "Vi har testet digital hjemmeoppfølging for personer med KOLS og hjertesvikt, der pasienten "
            "måler blodtrykk, puls og oksygenmetning hjemme og svarer på spørsmål på nettbrett. Erfaringene "
            "er gode, men vi vet for lite om hvem som har mest nytte av tilbudet, og om det faktisk gir "
            "færre innleggelser. Nå skal tjenesten skaleres opp. Vi trenger en uavhengig evaluering og hjelp "
            "til å lage gode kriterier for hvem som skal få tilbudet."
        ),
        "why_it_matters": (
            "Flere eldre med kroniske sykdommer skal bo hjemme, og det er få ledige senger på sykehuset."
        ),
        "who_is_affected": "Personer med kroniske sykdommer, hjemmetjenesten, fastleger, pårørende",
        "sector": "health",
        "desired_outcome": (
            "En evaluering av gevinstene og tydelige inklusjonskriterier før tjenesten utvides."
        ),
        "status": "submitted",
        "language": "nb",
        "in_call": False,
    },
    {
        "municipality": "5001",
        "title": "Innovative anskaffelser av omsorgsteknologi",
        "description": (
            "Når vi kjøper teknologi til helse og omsorg, ender vi ofte med å beskrive gårsdagens løsninger "
            "i konkurransegrunnlaget. Vi ønsker å bruke leverandørdialog og innovasjonspartnerskap mer, men "
            "innkjøpsavdelingen og fagtjenestene mangler en felles metodikk. Flere nabokommuner vil være "
            "med, og vi trenger kunnskap om hvordan et felles innkjøp kan organiseres uten at de små "
            "kommunene blir passasjerer."
        ),
        "why_it_matters": (
            "Anskaffelsene vi gjør nå, bestemmer hva slags tjenester vi kan gi i mange år framover."
        ),
        "who_is_affected": "Innkjøpsavdelingen, helse- og velferdstjenestene, nabokommuner, leverandører",
        "sector": "admin",
        "desired_outcome": (
            "En prøvd metodikk for behovsbeskrivelse og felles innovative anskaffelser i regionen."
        ),
        "status": "submitted",
        "language": "nb",
        "in_call": False,
    },
    {
        "municipality": "5001",
        "title": "Kunstig intelligens som hjelp i saksbehandlingen",
        "description": (
            "Byggesak og andre tjenester får mange henvendelser som kunne vært sortert og besvart raskere. "
            "Vi vurderer å ta i bruk språkmodeller som foreslår svar og finner relevante regler, men er "
            "usikre på personvern, kvalitet og hvordan de ansatte vil oppleve det. Før vi går videre vil vi "
            "ha hjelp til å designe et forsøk som måler både nytte og risiko."
        ),
        "why_it_matters": (
            "Saksbehandlingstiden er lang, og kommunen må bruke ny teknologi på en ansvarlig måte."
        ),
        "who_is_affected": "Saksbehandlere, innbyggere som søker om tillatelser",
        "sector": "admin",
        "desired_outcome": "Et forsvarlig opplegg for å prøve ut KI-støtte i saksbehandlingen.",
        "status": "draft",
        "language": "nb",
        "in_call": False,
    },
    {
        "municipality": "5035",
        "title": "Interkommunalt responssenter for trygghetsalarmer",
        "description": (
            "Stjørdal bygger nytt helsehus og vurderer å ta en regional rolle med et responssenter som tar "
            "imot alarmer og varsler fra velferdsteknologi i flere kommuner. I dag bruker kommunene ulike "
            "leverandører, og systemene snakker ikke sammen. Vi vet for lite om hvilke behov nabokommunene "
            "har, hva senteret bør gjøre selv og hva som må løses lokalt. Vi lurer også på hva det koster å "
            "være tidlig ute før nasjonale løsninger er på plass."
        ),
        "why_it_matters": (
            "Stadig flere brukere med alarmer og sensorer krever en trygg mottakstjeneste hele døgnet."
        ),
        "who_is_affected": "Brukere med trygghetsalarm, hjemmetjenesten, nabokommuner, legevakt",
        "sector": "health",
        "desired_outcome": (
            "Et beslutningsgrunnlag for organisering, innhold og økonomi i et felles responssenter."
        ),
        "status": "brokering",
        "language": "nb",
        "in_call": True,
    },
    {
        "municipality": "5035",
        "title": "Hjelp til familier før barnevernet kobles inn",
        "description": (
            "Barnevernsreformen gir kommunen større ansvar for forebygging, men hjelpen til familier er "
            "fortsatt spredt på mange instanser. Foreldre forteller at de må gjenta historien sin for "
            "helsestasjon, skole, PPT og NAV. Vi vil prøve ut et tverrfaglig familieteam med én fast "
            "kontaktperson, og trenger forskere som kan følge arbeidet og se hva som virker for barna."
        ),
        "why_it_matters": "Tidlig og samordnet hjelp kan hindre at små problemer blir store og tunge saker.",
        "who_is_affected": "Barn og familier, helsestasjon, skole, barnevern, NAV",
        "sector": "social",
        "desired_outcome": "En evaluert modell for tverrfaglig familiestøtte.",
        "status": "submitted",
        "language": "nb",
        "in_call": False,
    },
    {
        "municipality": "5037",
        "title": "Laboratorium for folkehelse",
        "description": (
            "Regionen har sterke fagmiljøer innen folkehelse, blant annet gjennom HUNT, men kommunen klarer "
            "i liten grad å bruke kunnskapen i det daglige arbeidet. Folkehelse er alles ansvar, men mange "
            "enheter ser ikke hva deres egen rolle er. Vi ønsker et «laboratorium» der lokale data, forskere "
            "og kommunale tjenester sammen prøver ut tiltak, dokumenterer hva som virker og sprer metodene "
            "til andre kommuner."
        ),
        "why_it_matters": (
            "Folkehelseutfordringene krever at hele kommunen trekker i samme retning, ikke bare "
            "helsesektoren."
        ),
        "who_is_affected": "Alle sektorer i kommunen, innbyggere, frivillige organisasjoner",
        "sector": "health",
        "desired_outcome": (
            "En varig arena der kommunen og forskningsmiljøer utvikler og tester folkehelsetiltak sammen."
        ),
        "status": "matched",
        "language": "nb",
        "in_call": False,
    },
    {
        "municipality": "5037",
        "title": "Høyt skolefravær og elever som blir hjemme",
        "description": (
            "Vi ser flere elever med mye fravær, og noen som i perioder ikke kommer på skolen i det hele "
            "tatt. Bak fraværet ligger ofte angst, mobbing eller vansker hjemme, og skolen oppdager det "
            "gjerne for sent. Vi har ikke gode nok rutiner for å registrere og følge opp fravær tidlig, og "
            "samarbeidet med helsesykepleier og BUP er avhengig av enkeltpersoner. Vi vil utvikle en felles "
            "modell for tidlig innsats."
        ),
        "why_it_matters": (
            "Elever som faller ut av ungdomsskolen har stor risiko for ikke å fullføre videregående."
        ),
        "who_is_affected": "Elever i grunnskolen og foresatte, lærere, helsesykepleiere, PPT",
        "sector": "education",
        "desired_outcome": (
            "En rutine for tidlig oppdagelse og oppfølging av fravær som er prøvd ut på flere skoler."
        ),
        "status": "submitted",
        "language": "nb",
        "in_call": True,
    },
    {
        "municipality": "5038",
        "title": "Heltidskultur i helse og omsorg",
        "description": (
            "Mer enn halvparten av helsefagarbeiderne våre jobber deltid, mange ufrivillig, samtidig som vi "
            "mangler folk i helgene. Vi har prøvd langvakter og årsturnus i enkelte avdelinger med blandede "
            "erfaringer. Vi vil forstå hva som skal til for at flere kan og vil jobbe heltid, og hvordan "
            "turnusen kan legges opp uten at kvaliteten for beboerne blir dårligere."
        ),
        "why_it_matters": (
            "Små stillinger gjør det vanskelig å rekruttere, og brukerne møter for mange ulike ansatte."
        ),
        "who_is_affected": "Helsefagarbeidere, sykepleiere, ledere, beboere på sykehjem",
        "sector": "health",
        "desired_outcome": "Flere ansatte i hele stillinger og en evaluert turnusmodell.",
        "status": "submitted",
        "language": "nb",
        "in_call": False,
    },
    {
        "municipality": "5038",
        "title": "Bedre overgang fra ungdomsskole til videregående",
        "description": (
            "Den videregående skolen vet lite om elevene som kommer fra våre ungdomsskoler, og vi vet lite "
            "om hvordan det går med dem etterpå. Informasjon om tilrettelegging og behov forsvinner ofte i "
            "overgangen. Vi ønsker et tettere samarbeid med fylkeskommunen om overføring av informasjon, "
            "karriereveiledning og tiltak for elever i faresonen, og vil se nærmere på erfaringer med "
            "IKO-modellen. Vi vil også forstå hvorfor yrkesvalgene fortsatt er så kjønnsdelte."
        ),
        "why_it_matters": "Frafall i videregående henger tett sammen med svake overganger og feilvalg.",
        "who_is_affected": "Elever på 9. og 10. trinn, rådgivere, videregående skoler, foresatte",
        "sector": "education",
        "desired_outcome": (
            "En felles rutine for overgang og oppfølging mellom kommunen og de videregående skolene."
        ),
        "status": "submitted",
        "language": "nb",
        "in_call": True,
    },
    {
        "municipality": "5038",
        "title": "Frivilligheita som ressurs i lokalsamfunnet",
        "description": (
            "Verdal har eit rikt lag- og organisasjonsliv, men fleire lag slit med å få nye folk inn i styre "
            "og dugnad. Samstundes ønskjer kommunen å samarbeide meir med frivillige, til dømes om "
            "aktivitetar for eldre og nye innbyggjarar. Vi veit for lite om kva dei frivillige sjølve treng "
            "frå kommunen, og korleis vi kan støtte utan å styre. Vi vil kartleggje frivilligheita og prøve "
            "ut ein ny samarbeidsmodell med frivilligsentralen."
        ),
        "why_it_matters": (
            "Frivillige gjer ein stor innsats for trivsel og folkehelse, men eldsjelene blir færre."
        ),
        "who_is_affected": "Lag og organisasjonar, frivilligsentralen, eldre, nye innbyggjarar",
        "sector": "culture",
        "desired_outcome": "Ein frivilligpolitikk som er utvikla saman med laga og prøvd ut i praksis.",
        "status": "submitted",
        "language": "nn",
        "in_call": False,
    },
    {
        "municipality": "5053",
        "title": "Lokalmat, reiseliv og grønn omsorg",
        "description": (
            "Inderøy er kjent for lokalmat og Den Gyldne Omvei, og mange små bedrifter lever av "
            "kombinasjonen landbruk og besøksnæring. Vi tror det ligger uutnyttede muligheter i å koble "
            "dette med helse, for eksempel Inn på tunet-tilbud for personer med demens eller ungdom som "
            "trenger arbeidstrening. Vi trenger kunnskap om forretningsmodeller, kvalitetskrav og hvordan "
            "kommunen kan kjøpe slike tjenester."
        ),
        "why_it_matters": (
            "Samspill mellom landbruk, reiseliv og helse kan gi både nye arbeidsplasser og bedre tjenester."
        ),
        "who_is_affected": "Gårdbrukere og småbedrifter, helse- og omsorgstjenesten, brukere",
        "sector": "business",
        "desired_outcome": "En pilot der kommunen kjøper grønne omsorgstjenester fra lokale gårder.",
        "status": "submitted",
        "language": "nb",
        "in_call": False,
    },
    {
        "municipality": "5053",
        "title": "Korleis kan ein liten kommune drive med forsking og utvikling?",
        "description": (
            "Kommunen vår har mange gode idear, men ingen som har utviklingsarbeid som hovudoppgåve, og "
            "drifta går alltid først. Vi har lite røynsle med å formulere forskingsspørsmål og med å søkje "
            "midlar frå til dømes Forskingsrådet eller regionale fond. Vi er interesserte i delte stillingar "
            "med universitet, offentleg ph.d. og hospitering, men veit ikkje kvar vi skal byrje. Vi ønskjer "
            "å samarbeide med andre små kommunar slik at vi kan dele på ressursane."
        ),
        "why_it_matters": (
            "Utan eigen FoU-kompetanse blir småkommunane forska på i staden for å forske saman med andre."
        ),
        "who_is_affected": "Kommuneleiinga, tilsette med utviklingsoppgåver, nabokommunar",
        "sector": "admin",
        "desired_outcome": (
            "Ein konkret plan for FoU-samarbeid, til dømes ei delt stilling med eit forskingsmiljø."
        ),
        "status": "submitted",
        "language": "nn",
        "in_call": True,
    },
    {
        "municipality": "5022",
        "title": "Akutte døgnplassar (KAD) i fjellregionen",
        "description": (
            "Rennebu har nokre få KAD-senger saman med nabokommunane, og det er lang veg til sjukehuset i "
            "Trondheim. Belegget varierer mykje, og legane er usikre på kva pasientar som trygt kan leggjast "
            "inn lokalt. Om natta er det ofte berre éin sjukepleiar på vakt i heile kommunen. Vi ønskjer å "
            "vite meir om kven som blir lagde inn, korleis det går med dei, og korleis samarbeidet med "
            "legevakt, ambulanse og sjukehus kan bli betre."
        ),
        "why_it_matters": "Gode lokale akuttplassar sparer eldre for lange og belastande transportar.",
        "who_is_affected": "Eldre og kronisk sjuke, legevakt, sjukepleiarar, nabokommunar",
        "sector": "health",
        "desired_outcome": (
            "Betre kriterium for innlegging og ein felles kvalitetsplan for KAD-sengene i regionen."
        ),
        "status": "brokering",
        "language": "nn",
        "in_call": False,
    },
    {
        "municipality": "5022",
        "title": "Gamle vassleidningar og store lekkasjar",
        "description": (
            "Store delar av leidningsnettet vårt er frå 1960- og 70-talet, og vi mistar truleg meir enn ein "
            "tredjedel av vatnet gjennom lekkasjar. Vi har berre to fagfolk på vatn og avlaup og lite "
            "oversikt over tilstanden på røyra. Vi treng hjelp til å prioritere kva som skal skiftast ut "
            "først, og vil gjerne teste sensorar eller andre rimelege metodar for å finne lekkasjar. Kanskje "
            "kan fleire småkommunar gå saman om eit slikt prosjekt."
        ),
        "why_it_matters": (
            "Utskifting er svært dyrt, og feil prioritering kan gje høge gebyr for innbyggjarane."
        ),
        "who_is_affected": "Alle abonnentar, teknisk drift, kommuneøkonomien",
        "sector": "technical",
        "desired_outcome": "Ein prioritert fornyingsplan basert på betre data om tilstanden i nettet.",
        "status": "submitted",
        "language": "nn",
        "in_call": False,
    },
    {
        "municipality": "5021",
        "title": "Fleire ungdomar skal fullføre vidaregåande",
        "description": (
            "Oppdal har eigen vidaregåande skule, men mange vel utdanningsprogram som berre finst andre "
            "stader og må bu på hybel frå dei er 16 år. Vi ser at ein del av desse sluttar i løpet av det "
            "første året. Kommunen og fylkeskommunen manglar ein felles måte å følgje opp ungdomane på. Vi "
            "vil finne ut kva som gjer at nokre klarer seg og andre ikkje, og prøve ut betre oppfølging i "
            "overgangen."
        ),
        "why_it_matters": "Å fullføre vidaregåande er avgjerande for arbeid og helse seinare i livet.",
        "who_is_affected": "Ungdom 15–19 år, føresette, rådgjevarar, vidaregåande skular",
        "sector": "education",
        "desired_outcome": "Ein felles oppfølgingsmodell for elevar som flyttar på hybel.",
        "status": "submitted",
        "language": "nn",
        "in_call": False,
    },
    {
        "municipality": "5021",
        "title": "Hyttekommune: kva kostar og kva gjev fritidsbustadene?",
        "description": (
            "Oppdal har svært mange fritidsbustader, og i høgsesongen er det langt fleire menneske i "
            "kommunen enn det bur her. Vatn, avlaup, renovasjon, legevakt og vegar blir dimensjonerte etter "
            "dei fastbuande, medan skatteinntektene ikkje følgjer hyttefolket. Samstundes gjev turismen "
            "arbeidsplassar og liv i sentrum. Vi treng kunnskap om dei reelle kostnadene og gevinstane ved "
            "hytteturismen, og om korleis hytteeigarane kan bli meir involverte i lokalsamfunnet."
        ),
        "why_it_matters": (
            "Kommunen må planleggje infrastruktur og tenester for langt fleire enn innbyggjartalet tilseier."
        ),
        "who_is_affected": "Innbyggjarar, hytteeigarar, reiselivsbedrifter, teknisk sektor, legevakt",
        "sector": "business",
        "desired_outcome": (
            "Ein analyse av kva hytteturismen betyr for kommunen, som grunnlag for planlegging og dialog."
        ),
        "status": "submitted",
        "language": "nn",
        "in_call": False,
    },
    {
        "municipality": "5021",
        "title": "Innbyggjardialog i arbeidet med kommuneplanen",
        "description": (
            "Vi skal revidere samfunnsdelen av kommuneplanen og ønskjer at fleire enn dei vanlege stemmene "
            "skal bli høyrde. På folkemøta kjem stort sett dei same, og ungdom, tilflyttarar og hytteeigarar "
            "er nesten fråverande. Vi vil prøve ut nye former for medverknad, til dømes digitale verktøy og "
            "samskapingsverkstader, og treng hjelp til å vurdere kva som faktisk gjev betre planar."
        ),
        "why_it_matters": "Planar som innbyggjarane kjenner seg att i, er lettare å gjennomføre.",
        "who_is_affected": "Innbyggjarar, ungdomsrådet, politikarar, planavdelinga",
        "sector": "admin",
        "desired_outcome": "Ein medverknadsmodell som er prøvd ut i revisjonen av samfunnsdelen.",
        "status": "submitted",
        "language": "nn",
        "in_call": False,
    },
    {
        "municipality": "5025",
        "title": "Trygg akutthjelp når sjukehuset er langt unna",
        "description": (
            "Røros samarbeider med nabokommunane om legevakt, og avstandane til sjukehus er lange. Om "
            "vinteren kan vêret stengje vegar og hindre luftambulansen i å lande. Vi har kommunale akutte "
            "døgnplassar, men dei blir brukte ulikt av legane. Vi vil sjå på korleis videokonsultasjon med "
            "spesialist, betre utstyr og felles øvingar med ambulansetenesta kan gje ein tryggare "
            "akuttberedskap."
        ),
        "why_it_matters": (
            "Innbyggjarane og dei mange tilreisande skal vere trygge sjølv om sjukehuset er langt unna."
        ),
        "who_is_affected": "Innbyggjarar og turistar, legevakt, ambulanse, nabokommunar",
        "sector": "health",
        "desired_outcome": "Ein plan for tryggare akuttberedskap der telemedisin og felles trening inngår.",
        "status": "submitted",
        "language": "nn",
        "in_call": False,
    },
    {
        "municipality": "5025",
        "title": "Unge voksne som vil bo på Røros",
        "description": (
            "Mange unge fra Røros ønsker å flytte tilbake etter utdanning, men finner verken passende bolig "
            "eller jobb til begge i et par. Boligmarkedet domineres av eneboliger og verneverdig bebyggelse, "
            "og utleiemarkedet er lite. Vi vil forstå hva som avgjør om unge voksne etablerer seg her, og "
            "teste tiltak som fellesskapsboliger, kontorfellesskap for fjernarbeidere og samarbeid med "
            "næringslivet om å rekruttere par."
        ),
        "why_it_matters": "Uten tilflytting av unge voksne får kommunen færre barn og mangler arbeidskraft.",
        "who_is_affected": "Unge voksne, tilbakeflyttere, arbeidsgivere, boligbyggere",
        "sector": "business",
        "desired_outcome": (
            "Kunnskap om hva som trekker unge voksne hit, og en pakke tiltak som kan prøves ut."
        ),
        "status": "submitted",
        "language": "nb",
        "in_call": True,
    },
    {
        "municipality": "5025",
        "title": "Mindre energibruk i verneverdige bygninger",
        "description": (
            "Røros har en bygningsmasse med stor kulturhistorisk verdi, der mange hus er dårlig isolert og "
            "dyre å varme opp. Vanlige tiltak som nye vinduer og etterisolering kommer ofte i konflikt med "
            "vernehensyn. Vi trenger kunnskap om løsninger som reduserer energibruken uten å skade "
            "kulturminneverdiene, og om hvordan kommunen best kan veilede huseierne."
        ),
        "why_it_matters": (
            "Høye strømpriser og klimamål rammer eiere av gamle hus, samtidig som verneverdiene må tas vare "
            "på."
        ),
        "who_is_affected": (
            "Huseiere i den verneverdige bebyggelsen, byggesak og kulturminneforvaltning i kommunen"
        ),
        "sector": "technical",
        "desired_outcome": "En veileder med utprøvde energitiltak som vernemyndighetene kan godta.",
        "status": "submitted",
        "language": "nb",
        "in_call": False,
    },
    {
        "municipality": "5042",
        "title": "Få tak i helsepersonell i ein liten innlandskommune",
        "description": (
            "Lierne har om lag 1300 innbyggjarar og lang veg til større byar. Vi har hatt ledige "
            "sjukepleiarstillingar lenge og er avhengige av vikarar som pendlar inn for korte periodar. Vi "
            "har prøvd rekrutteringsbonus og gratis bustad, men det har ikkje vore nok. Vi vil finne ut "
            "korleis vi kan utdanne våre eigne, til dømes gjennom desentralisert sjukepleiarutdanning, og "
            "korleis vi kan samarbeide med nabokommunane om stillingar og fagmiljø."
        ),
        "why_it_matters": "Utan stabil bemanning kan vi ikkje gje trygge helse- og omsorgstenester.",
        "who_is_affected": "Eldre og pasientar, tilsette i helse og omsorg",
        "sector": "health",
        "desired_outcome": (
            "Ein langsiktig rekrutteringsplan med utdanning nær heimen og interkommunale stillingar."
        ),
        "status": "submitted",
        "language": "nn",
        "in_call": False,
    },
    {
        "municipality": "5042",
        "title": "Få ungdomen heim att",
        "description": (
            "Folketalet i Lierne har gått ned i mange år, og det er særleg unge kvinner som flyttar og ikkje "
            "kjem tilbake. Vi har ledige jobbar innan landbruk, helse og reiseliv, men manglar bustader og "
            "fritidstilbod som appellerer til unge vaksne. Vi ønskjer å forstå betre kva som skal til for at "
            "folk vel å flytte heim att, og korleis kommunen kan samarbeide med næringslivet om å skape "
            "attraktive arbeidsplassar."
        ),
        "why_it_matters": "Fråflyttinga trugar skulen, butikken og tenestetilbodet i bygdene.",
        "who_is_affected": "Ungdom og unge vaksne, næringslivet, kommunen",
        "sector": "business",
        "desired_outcome": (
            "Ein strategi for tilbakeflytting som byggjer på kunnskap om kva unge vaksne legg vekt på."
        ),
        "status": "submitted",
        "language": "nn",
        "in_call": False,
    },
    {
        "municipality": "5060",
        "title": "Hybelboere som faller fra videregående",
        "description": (
            "Mange av ungdommene fra øyene og grendene må bo på hybel fra de er 15–16 år for å gå på "
            "videregående. Vi ser at frafallet er høyere blant disse, og at mange sliter med ensomhet, "
            "dårlig økonomi og lite voksenkontakt. Vi vil finne ut hvilken oppfølging som virker, og om "
            "samarbeid med havbruksnæringen om lærlingplasser kan gi ungdommene et mål å jobbe mot."
        ),
        "why_it_matters": (
            "Hver elev som fullfører betyr mye for ungdommen selv og for rekrutteringen til lokalt "
            "næringsliv."
        ),
        "who_is_affected": (
            "Ungdom fra øyene og distriktene, foresatte, videregående skoler, lokale bedrifter"
        ),
        "sector": "education",
        "desired_outcome": "Bedre oppfølging av hybelboere og flere lærlingplasser lokalt.",
        "status": "submitted",
        "language": "nb",
        "in_call": False,
    },
    {
        "municipality": "5060",
        "title": "Akutt helsehjelp når båten ikke går",
        "description": (
            "Noen av øysamfunnene våre har bare båtforbindelse, og om vinteren kan været gjøre at ambulanse "
            "og lege ikke kommer fram på flere timer. Ofte er det hjemmesykepleien eller frivillige "
            "førstehjelpere som er først på stedet. Vi ønsker en bedre lokal akuttberedskap med opplæring, "
            "utstyr og videokontakt med lege, og trenger hjelp til å vurdere hvilke løsninger som gir mest "
            "trygghet for pengene."
        ),
        "why_it_matters": "Innbyggerne på øyene skal ha trygg tilgang til akutt helsehjelp uansett vær.",
        "who_is_affected": "Innbyggere på øyene, hjemmesykepleien, legevakt, frivillige",
        "sector": "health",
        "desired_outcome": "En modell for lokal akuttberedskap, prøvd ut på én øy.",
        "status": "submitted",
        "language": "nb",
        "in_call": False,
    },
    {
        "municipality": "5060",
        "title": "Arbeidsinnvandrere i havbruk og fiskeindustri",
        "description": (
            "Havbruks- og fiskeindustrien hos oss har vokst mye, og mange av de ansatte kommer fra andre "
            "land. Flere bor her i årevis uten å lære norsk eller bli kjent i lokalsamfunnet, og barna "
            "trenger ekstra språkstøtte i barnehage og skole. Kommunen har ikke et systematisk tilbud til "
            "denne gruppen, fordi de ikke omfattes av introduksjonsprogrammet. Vi vil finne ut hva "
            "arbeidsinnvandrerne selv ønsker, og hvordan kommunen og bedriftene sammen kan gjøre det lettere "
            "å slå seg ned."
        ),
        "why_it_matters": (
            "Både næringen og kommunen er avhengige av at disse familiene trives og blir værende."
        ),
        "who_is_affected": "Arbeidsinnvandrere og familiene deres, bedrifter, barnehager, skoler",
        "sector": "social",
        "desired_outcome": (
            "Et samarbeid med næringslivet om norskopplæring og inkludering av arbeidsinnvandrere."
        ),
        "status": "submitted",
        "language": "nb",
        "in_call": False,
    },
    {
        "municipality": "1566",
        "title": "Rekruttering av sjukepleiarar og helsefagarbeidarar",
        "description": (
            "Kommunen vår merkar at det blir stadig vanskelegare å få kvalifiserte søkjarar til stillingar i "
            "heimetenesta og på sjukeheimen. Mange av dei tilsette nærmar seg pensjonsalder, og få unge vel "
            "helse- og oppvekstfag på vidaregåande. Vi ønskjer å sjå på heile kjeda: frå lærlingar og "
            "helsefagarbeidarar, via vidareutdanning, til korleis vi held på dei erfarne. Vi vil gjerne lære "
            "av kommunar som har lukkast med heiltidskultur."
        ),
        "why_it_matters": (
            "Talet på eldre over 80 år vil auke kraftig dei neste tiåra, medan talet på yrkesaktive går ned."
        ),
        "who_is_affected": "Tilsette og leiarar i helse og omsorg, eldre og pårørande",
        "sector": "health",
        "desired_outcome": (
            "Ein rekrutteringsstrategi med konkrete tiltak vi kan prøve ut saman med andre kommunar."
        ),
        "status": "submitted",
        "language": "nn",
        "in_call": True,
    },
    {
        "municipality": "1566",
        "title": "Digitalt tilsyn om natta",
        "description": (
            "I dag køyrer heimetenesta lange turar om natta for å sjå til brukarar som bur spreidd. Mange av "
            "besøka er berre for å sjekke at alt er i orden, og nokre brukarar blir vekte utan grunn. Vi vil "
            "prøve ut sensorar som kan varsle ved fall eller uro, men er usikre på personvern, samtykke og "
            "korleis dei tilsette skal handtere varsla. Vi treng eit forskingsmiljø som kan følgje "
            "utprøvinga og hjelpe oss å vurdere gevinstane."
        ),
        "why_it_matters": (
            "Digitalt tilsyn kan gje betre søvn og tryggleik for brukarane og frigjere tid for dei tilsette."
        ),
        "who_is_affected": "Heimebuande eldre, pårørande, nattpatruljen i heimetenesta",
        "sector": "health",
        "desired_outcome": (
            "Ei evaluert utprøving av digitalt nattilsyn med klare rutinar for personvern og varsling."
        ),
        "status": "submitted",
        "language": "nn",
        "in_call": False,
    },
    {
        "municipality": "1566",
        "title": "Forskingssamarbeid på tvers av fylkesgrensa",
        "description": (
            "Surnadal høyrer til Møre og Romsdal, men mykje av samarbeidet vårt om helse, skule og næring "
            "går mot Trøndelag. Vi opplever at vi fell mellom to stolar når det gjeld regionale nettverk og "
            "forskingsmidlar. Vi ønskjer å bli kopla på forskingsmiljø og kommunar i begge fylka som "
            "arbeider med dei same utfordringane som oss, og vil gjerne prøve ut hospitering eller ei delt "
            "stilling."
        ),
        "why_it_matters": "Ein liten kommune treng partnarar for å kunne delta i forsking og innovasjon.",
        "who_is_affected": "Kommuneleiinga, tilsette med utviklingsoppgåver, samarbeidskommunar",
        "sector": "admin",
        "desired_outcome": "Faste samarbeidspartnarar i forsking og innovasjon, uavhengig av fylkesgrensa.",
        "status": "submitted",
        "language": "nn",
        "in_call": False,
    },
]

CALL: dict[str, Any] = {
    "title": "Innspill til utviklingsverkstedet 2027",
    "question": "Hvilke tema bør diskuteres på utviklingsverkstedet? Hvorfor?",
    "description": (
        "Trøndelag fylkeskommune og KS Trøndelag inviterer kommunene til å melde inn tema til "
        "utviklingsverkstedet våren 2027. Verkstedet samler kommuner, forskningsmiljøer og "
        "virkemiddelaktører i parallelle grupper som jobber videre med felles utfordringer. Beskriv gjerne "
        "et konkret behov i kommunen og hvorfor det er viktig nå; innspill fra flere kommuner om samme tema "
        "blir samlet i ett verksted."
    ),
    "days_open": 30,
}
