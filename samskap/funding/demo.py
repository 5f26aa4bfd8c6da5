"""Demo data: real Norwegian funding instruments, described in our own words.

The deadlines are example dates in 2027 (the funding bodies announce the real ones); sizes are indicative.
Idempotent: instruments are keyed by name, owners by organisation name, deadlines by (date, label).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from samskap.directory.models import Organisation, OrgType
from samskap.funding.models import Deadline, Instrument

ALL = ["municipality", "county", "research_institute", "university", "company", "hospital", "interest", "other"]
PUBLIC = ["municipality", "county", "other"]
EXAMPLE = "Søknadsfrist (eksempeldato)"

OWNERS = {
    "Forskningsrådet": "https://www.forskningsradet.no/",
    "Regionale forskningsfond Trøndelag": "https://www.regionaleforskningsfond.no/",
    "Regionale forskingsfond Møre og Romsdal": "https://www.regionaleforskningsfond.no/",
    "KS": "https://www.ks.no/",
    "Statsforvalteren i Trøndelag": "https://www.statsforvalteren.no/trondelag/",
    "Interreg Sverige-Norge": "https://www.interreg-sverige-norge.com/",
    "Interreg Aurora": "https://www.interregaurora.eu/",
    "EU-kommisjonen": "https://commission.europa.eu/",
    "Innovasjon Norge": "https://www.innovasjonnorge.no/",
    "Leverandørutviklingsprogrammet": "https://innovativeanskaffelser.no/",
    "DFØ": "https://dfo.no/",
    "Husbanken": "https://www.husbanken.no/",
    "Helsedirektoratet": "https://www.helsedirektoratet.no/",
    "Sparebankstiftelsen DNB": "https://sparebankstiftelsen.no/",
}

INSTRUMENTS: list[dict[str, Any]] = [
    {
        "name": "Innovasjonsprosjekt i offentlig sektor",
        "owner": "Forskningsrådet",
        "summary": "Støtte til kommuner og andre offentlige virksomheter som vil løse egne utfordringer gjennom et "
                   "forskningsbasert innovasjonsprosjekt.",
        "description": "Ordningen passer for en kommune eller fylkeskommune som har et konkret behov for fornyelse – "
                       "nye tjenester, arbeidsformer eller måter å organisere seg på – og som trenger ny kunnskap "
                       "for å komme dit. Den offentlige virksomheten er prosjektansvarlig og eier problemstillingen, "
                       "mens én eller flere forskningsorganisasjoner gjør FoU-arbeidet. Det teller positivt når "
                       "flere kommuner går sammen, slik at resultatene kan tas i bruk bredt. Forskningsrådet dekker "
                       "bare en del av kostnadene; resten er egeninnsats fra prosjekteier og partnere.",
        "applicants": PUBLIC, "lead_requirement": "",
        "research_partner_required": True, "cofunding_required": True,
        "cofunding_share": "egeninnsats fra prosjekteier og partnere",
        "requirements": "Minst én forskningsorganisasjon må være FoU-partner. Prosjektet bør være forankret i "
                        "ledelsen og ha en plan for å ta resultatene i bruk.",
        "min_amount": 1_000_000, "max_amount": 16_000_000,
        "url": "https://www.forskningsradet.no/",
        "keywords": "innovasjon, offentlig sektor, tjenesteutvikling, FoU-partner, kommunesamarbeid",
        "deadlines": [("2027-02-17", "13:00", EXAMPLE)],
    },
    {
        "name": "Offentlig sektor-ph.d.",
        "owner": "Forskningsrådet",
        "summary": "Lar en ansatt i kommunen ta en doktorgrad på en problemstilling som er viktig for "
                   "arbeidsplassen, mens hun eller han beholder stillingen.",
        "description": "Kommunen, fylkeskommunen eller en annen offentlig virksomhet søker som arbeidsgiver, sammen "
                       "med et universitet eller en høgskole der kandidaten blir tatt opp på et doktorgradsprogram. "
                       "Forskningsrådet gir et tilskudd som dekker en del av kostnadene i doktorgradsperioden, og "
                       "arbeidsgiveren dekker resten. Ordningen bygger forskningskompetanse inne i kommunen og gir "
                       "tettere bånd til akademia.",
        "applicants": PUBLIC, "lead_requirement": "",
        "research_partner_required": True, "cofunding_required": True,
        "cofunding_share": "arbeidsgiveren dekker det tilskuddet ikke dekker",
        "requirements": "Kandidaten må være ansatt hos søker og tas opp på et doktorgradsprogram ved en "
                        "institusjon med rett til å tildele doktorgrad.",
        "url": "https://www.forskningsradet.no/",
        "keywords": "doktorgrad, kompetanse, forskningskompetanse, arbeidsgiver, akademia",
        "deadlines": [("2027-04-14", "13:00", EXAMPLE)],
    },
    {
        "name": "Kvalifiseringsprosjekt for offentlig sektor (Trøndelag)",
        "owner": "Regionale forskningsfond Trøndelag",
        "summary": "Et lite regionalt prosjekt der en kommune i Trøndelag får hjelp av en forskningsorganisasjon "
                   "til å utforske et behov og forberede et større FoU-prosjekt.",
        "description": "Kvalifiseringsprosjekter er et lavterskeltilbud for virksomheter med lite "
                       "forskningserfaring. Kommunen formulerer problemstillingen og kjøper FoU-tjenester fra en "
                       "godkjent forskningsorganisasjon. Målet er gjerne å kartlegge et behov, teste en idé eller "
                       "legge grunnlaget for en større søknad, for eksempel til Forskningsrådets "
                       "innovasjonsprosjekt i offentlig sektor. Prosjektet må ha relevans for Trøndelag.",
        "applicants": ["municipality", "county"], "lead_requirement": "public",
        "research_partner_required": True, "cofunding_required": True,
        "cofunding_share": "egeninnsats i form av egne timer",
        "requirements": "Søker må holde til i Trøndelag. FoU-tjenestene kjøpes fra en godkjent "
                        "forskningsorganisasjon.",
        "max_amount": 500_000,
        "url": "https://www.regionaleforskningsfond.no/",
        "keywords": "kvalifiseringsprosjekt, forprosjekt, Trøndelag, FoU-tjenester, lavterskel",
        "deadlines": [("2027-02-10", None, "Første søknadsrunde (eksempeldato)"),
                      ("2027-09-08", None, "Andre søknadsrunde (eksempeldato)")],
    },
    {
        "name": "Kvalifiseringsprosjekt for offentleg sektor (Møre og Romsdal)",
        "owner": "Regionale forskingsfond Møre og Romsdal",
        "language": "nn",
        "summary": "Eit lite regionalt prosjekt der ein kommune i Møre og Romsdal får hjelp frå ein "
                   "forskingsorganisasjon til å greie ut eit behov og førebu eit større FoU-prosjekt.",
        "description": "Ordninga er meint for kommunar og fylkeskommunen når dei har lite røynsle med forsking. "
                       "Kommunen eig problemstillinga og kjøper FoU-tenester frå ein godkjend "
                       "forskingsorganisasjon. Eit typisk resultat er ein forprosjektrapport og eit betre grunnlag "
                       "for ein større søknad, til dømes til Forskingsrådet. Prosjektet må vere relevant for Møre "
                       "og Romsdal.",
        "applicants": ["municipality", "county"], "lead_requirement": "public",
        "research_partner_required": True, "cofunding_required": True,
        "cofunding_share": "eigeninnsats i form av eigne timar",
        "requirements": "Søkjaren må høyre til i Møre og Romsdal og kjøpe FoU-tenester frå ein godkjend "
                        "forskingsorganisasjon.",
        "max_amount": 500_000,
        "url": "https://www.regionaleforskningsfond.no/",
        "keywords": "kvalifiseringsprosjekt, forprosjekt, Møre og Romsdal, FoU-tenester, nynorsk",
        "deadlines": [("2027-03-03", None, EXAMPLE)],
    },
    {
        "name": "DigiFin – KS sitt digitaliseringsfond",
        "owner": "KS",
        "summary": "Kommunesektorens eget fond for felles digitaliseringsprosjekter som kan gi gevinster i mange "
                   "kommuner.",
        "description": "DigiFin forvaltes av KS og finansieres av kommunene og fylkeskommunene i fellesskap. Fondet "
                       "støtter prosjekter som utvikler eller sprer felles digitale løsninger, og resultatene skal "
                       "komme hele kommunesektoren til gode – ikke bare én kommune. Søknader kommer ofte fra flere "
                       "kommuner sammen eller fra et kommunalt nettverk, og de deltakende kommunene må bidra selv. "
                       "Tema og krav varierer fra utlysning til utlysning.",
        "applicants": ["municipality", "county"], "lead_requirement": "public",
        "research_partner_required": False, "cofunding_required": True,
        "cofunding_share": "egeninnsats fra deltakende kommuner",
        "requirements": "Løsningen må kunne tas i bruk av mange kommuner. Gevinstene bør beskrives og følges opp.",
        "min_amount": 500_000, "max_amount": 5_000_000,
        "url": "https://www.ks.no/",
        "keywords": "digitalisering, fellesløsninger, gevinstrealisering, kommunesamarbeid, KS",
        "deadlines": [("2027-03-15", "12:00", EXAMPLE)],
    },
    {
        "name": "Skjønnsmidler til fornying og innovasjon (Trøndelag)",
        "owner": "Statsforvalteren i Trøndelag",
        "summary": "Statsforvalteren setter av en del av skjønnsmidlene til kommuner som vil prøve ut nye måter å "
                   "løse oppgavene sine på.",
        "description": "Skjønnsmidlene er en del av rammetilskuddet til kommunene, og Statsforvalteren kan bruke en "
                       "andel til fornyings- og innovasjonsprosjekter. Kommuner i Trøndelag kan søke alene eller "
                       "sammen med nabokommuner. Prosjektene bør være forankret i kommuneledelsen, ha tydelige mål "
                       "og en plan for å dele erfaringene med andre kommuner. Statsforvalteren ber om rapportering "
                       "og samler gjerne prosjektene til erfaringsdeling.",
        "applicants": ["municipality"], "lead_requirement": "municipality",
        "research_partner_required": False, "cofunding_required": True,
        "cofunding_share": "egeninnsats forventes",
        "requirements": "Prosjektet skal være forankret politisk eller administrativt i kommunen.",
        "min_amount": 100_000, "max_amount": 1_000_000,
        "url": "https://www.statsforvalteren.no/trondelag/",
        "keywords": "skjønnsmidler, fornying, innovasjon, utprøving, erfaringsdeling, Trøndelag",
        "deadlines": [("2027-01-15", None, EXAMPLE)],
    },
    {
        "name": "Interreg Sverige-Norge",
        "owner": "Interreg Sverige-Norge",
        "summary": "EU-program for samarbeidsprosjekter over grensen mellom Sverige og Norge, blant annet mellom "
                   "Trøndelag og Jämtland.",
        "description": "Programmet støtter prosjekter der norske og svenske aktører løser felles utfordringer, for "
                       "eksempel innen innovasjon, grønn omstilling, kompetanse og offentlige tjenester i "
                       "grenseregionen. Kommuner, fylkeskommuner, forskningsmiljøer, bedrifter og organisasjoner "
                       "kan delta. Svenske partnere finansieres med EU-midler, mens norske partnere finansieres med "
                       "nasjonale Interreg-midler og egne bidrag.",
        "applicants": ALL, "lead_requirement": "",
        "research_partner_required": False, "cofunding_required": True,
        "cofunding_share": "norske partnere må ha egen eller annen offentlig medfinansiering",
        "requirements": "Prosjektet må ha partnere på begge sider av grensen og gi nytte i grenseregionen.",
        "min_amount": 500_000, "max_amount": 10_000_000,
        "url": "https://www.interreg-sverige-norge.com/",
        "keywords": "grenseregion, Sverige, Interreg, EU, grønn omstilling, samarbeid over grensen",
        "deadlines": [("2027-03-15", None, "Vårens utlysning (eksempeldato)"),
                      ("2027-10-15", None, "Høstens utlysning (eksempeldato)")],
    },
    {
        "name": "Interreg Aurora",
        "owner": "Interreg Aurora",
        "summary": "EU-program for samarbeid mellom nordlige deler av Sverige, Finland og Norge, med et eget "
                   "delområde for Sápmi.",
        "description": "Interreg Aurora dekker de nordligste regionene i Sverige, Finland og Norge. Programmet "
                       "støtter blant annet forskning og innovasjon, grønn omstilling, kultur og reiseliv og bedre "
                       "offentlige tjenester i tynt befolkede områder. Norske partnere kommer fra Nord-Norge. Som i "
                       "andre Interreg-program får norske partnere nasjonale midler og må bidra selv, mens partnere "
                       "i EU-landene får EU-midler.",
        "applicants": ALL, "lead_requirement": "",
        "research_partner_required": False, "cofunding_required": True,
        "cofunding_share": "egen eller annen offentlig medfinansiering for norske partnere",
        "requirements": "Partnere fra minst to av programlandene. Prosjektet må ha nytte i programområdet.",
        "min_amount": 500_000, "max_amount": 10_000_000,
        "url": "https://www.interregaurora.eu/",
        "keywords": "Nord-Norge, Sápmi, Finland, Sverige, Interreg, EU, arktis",
        "deadlines": [("2027-04-30", None, EXAMPLE)],
    },
    {
        "name": "Horisont Europa – samarbeidsprosjekter",
        "owner": "EU-kommisjonen",
        "summary": "EUs rammeprogram for forskning og innovasjon. Kommuner kan delta i europeiske konsortier om "
                   "blant annet klima, helse, smarte byer og samfunnssikkerhet.",
        "description": "Horisont Europa har mange utlysninger hvert år. I samarbeidsprosjektene går virksomheter fra "
                       "flere europeiske land sammen i et konsortium, og norske aktører deltar på lik linje med "
                       "aktører i EU-land. Kommuner deltar oftest som partner og testarena, men kan også koordinere. "
                       "Forskningsrådet og regionale EU-rådgivere hjelper norske søkere, og det finnes egne "
                       "ordninger som støtter arbeidet med å skrive søknaden. Konkurransen er hard, så det lønner "
                       "seg å starte tidlig og bygge på etablerte nettverk.",
        "applicants": ALL, "lead_requirement": "",
        "research_partner_required": False, "cofunding_required": False,
        "requirements": "Vanligvis minst tre uavhengige partnere fra tre ulike land, der minst én er fra et EU-land. "
                        "Innovasjonsaksjoner dekker ikke hele kostnaden for bedrifter.",
        "min_amount": 10_000_000, "max_amount": 100_000_000,
        "url": "https://research-and-innovation.ec.europa.eu/funding/funding-opportunities/"
               "funding-programmes-and-open-calls/horizon-europe_en",
        "keywords": "EU, Horisont Europa, konsortium, klima, helse, smarte byer, europeisk samarbeid",
        "deadlines": [("2027-04-13", "17:00", "Første frist (eksempeldato)"),
                      ("2027-09-22", "17:00", "Andre frist (eksempeldato)")],
    },
    {
        "name": "Innovasjonskontrakter (Innovasjon Norge)",
        "owner": "Innovasjon Norge",
        "summary": "Støtte til bedrifter som utvikler en ny løsning sammen med en krevende kunde – også en kommune "
                   "som pilotkunde.",
        "description": "Innovasjonskontrakter er Innovasjon Norges ordning for samarbeid mellom en leverandørbedrift "
                       "og en kunde med et reelt behov. Når kunden er en offentlig virksomhet, kalles det ofte en "
                       "offentlig forsknings- og utviklingskontrakt (OFU). Det er bedriften som søker og får "
                       "tilskuddet; kommunen bidrar med behovet, fagkunnskap og utprøving i egen drift. Ordningen "
                       "passer når kommunen vet hva den trenger, men løsningen ennå ikke finnes på markedet.",
        "applicants": ["company", "municipality", "county", "other"], "lead_requirement": "company",
        "research_partner_required": False, "cofunding_required": True,
        "cofunding_share": "bedriften og kunden dekker en vesentlig del av kostnadene",
        "requirements": "Kunden – for eksempel kommunen – må delta aktivt og ha et reelt behov for løsningen.",
        "rolling": True,
        "url": "https://www.innovasjonnorge.no/",
        "keywords": "OFU, innovasjonskontrakt, leverandør, pilotkunde, næringsutvikling",
        "deadlines": [],
    },
    {
        "name": "Leverandørutviklingsprogrammet – hjelp til innovative anskaffelser",
        "owner": "Leverandørutviklingsprogrammet",
        "summary": "Veiledning for kommuner som vil bruke innkjøp til å få fram nye løsninger, for eksempel "
                   "gjennom markedsdialog eller innovasjonspartnerskap.",
        "description": "Programmet er et samarbeid mellom blant andre NHO, KS og DFØ. Det gir ikke penger direkte, "
                       "men rådgivning og prosesshjelp til offentlige innkjøpere som vil gjennomføre en innovativ "
                       "anskaffelse: behovskartlegging, dialog med leverandørmarkedet, valg av prosedyre og "
                       "gevinstrealisering. Kommuner kan ta kontakt når som helst, og det er en fordel om flere "
                       "kommuner med samme behov går sammen.",
        "applicants": PUBLIC, "lead_requirement": "",
        "research_partner_required": False, "cofunding_required": False,
        "requirements": "Støtten er veiledning, ikke tilskudd. Innkjøpet må gjelde et reelt behov der markedet "
                        "ikke har en ferdig løsning.",
        "rolling": True,
        "url": "https://innovativeanskaffelser.no/",
        "keywords": "innovative anskaffelser, innkjøp, markedsdialog, innovasjonspartnerskap, leverandører",
        "deadlines": [],
    },
    {
        "name": "StimuLab",
        "owner": "DFØ",
        "summary": "Støtte og veiledning til offentlige virksomheter som vil bruke tjenestedesign og "
                   "eksperimentering på sammensatte problemer på tvers av sektorer.",
        "description": "StimuLab er en stimuleringsordning i Direktoratet for forvaltning og økonomistyring (DFØ). "
                       "Den gir økonomisk støtte og faglig veiledning til å kjøpe inn kompetanse på design og "
                       "innovasjonsmetoder. Ordningen er rettet mot statlige virksomheter, men prosjekter der stat og "
                       "kommune arbeider sammen om en felles utfordring – for eksempel tjenester til innbyggere som "
                       "møter mange etater – er svært relevante. Kommuner deltar da som partner.",
        "applicants": PUBLIC, "lead_requirement": "state",
        "research_partner_required": False, "cofunding_required": True,
        "cofunding_share": "egeninnsats fra deltakende virksomheter",
        "requirements": "En statlig virksomhet må være søker; kommuner kan være samarbeidspartnere.",
        "url": "https://dfo.no/",
        "keywords": "tjenestedesign, eksperimentering, stat og kommune, brukerreiser, innovasjonsmetoder",
        "deadlines": [("2027-02-01", None, EXAMPLE)],
    },
    {
        "name": "Kompetansetilskot (Husbanken)",
        "owner": "Husbanken",
        "language": "nn",
        "summary": "Tilskot til å byggje kunnskap og utvikle metodar i det bustadsosiale arbeidet og i "
                   "bustadplanlegginga i kommunane.",
        "description": "Husbanken gir kompetansetilskot til prosjekt som styrkjer arbeidet med gode buforhold, til "
                       "dømes for vanskelegstilte på bustadmarknaden, eldre som vil bu heime lenger, eller betre "
                       "bustadplanlegging i distrikta. Kommunar kan søkje, og det kan òg forskings- og "
                       "utdanningsmiljø, frivillige organisasjonar og andre som utviklar kunnskap kommunane kan "
                       "bruke. Husbanken legg vekt på at resultata blir delte og tekne i bruk.",
        "applicants": ["municipality", "county", "research_institute", "university", "interest", "other"],
        "lead_requirement": "",
        "research_partner_required": False, "cofunding_required": False,
        "requirements": "Resultata skal kome fleire kommunar til gode og delast opent.",
        "min_amount": 100_000, "max_amount": 2_000_000,
        "url": "https://www.husbanken.no/",
        "keywords": "bustad, bustadsosialt arbeid, eldre, distrikt, bustadplanlegging",
        "deadlines": [("2027-02-01", None, EXAMPLE)],
    },
    {
        "name": "Kompetanse- og innovasjonstilskuddet (Helsedirektoratet)",
        "owner": "Helsedirektoratet",
        "summary": "Tilskudd til kommuner som vil styrke kompetansen og prøve ut nye arbeidsformer i helse- og "
                   "omsorgstjenestene.",
        "description": "Tilskuddet er en del av den nasjonale satsingen på kompetanse og innovasjon i de kommunale "
                       "helse- og omsorgstjenestene. Helsedirektoratet eier ordningen, mens Statsforvalteren i hvert "
                       "fylke tar imot søknadene og fordeler midlene. Kommunene kan søke om midler til utdanning og "
                       "videreutdanning av ansatte og til utviklingsarbeid, for eksempel nye måter å organisere "
                       "tjenestene på eller bruk av velferdsteknologi.",
        "applicants": ["municipality"], "lead_requirement": "municipality",
        "research_partner_required": False, "cofunding_required": True,
        "cofunding_share": "kommunens egeninnsats",
        "requirements": "Søknaden sendes til Statsforvalteren i eget fylke.",
        "url": "https://www.helsedirektoratet.no/",
        "keywords": "helse og omsorg, kompetanse, velferdsteknologi, rekruttering, heltidskultur",
        "deadlines": [("2027-03-01", None, EXAMPLE)],
    },
    {
        "name": "Gaver til allmennyttige formål (Sparebankstiftelsen DNB)",
        "owner": "Sparebankstiftelsen DNB",
        "summary": "Gaver til lag, foreninger og organisasjoner som skaper møteplasser, aktivitet og kultur i "
                   "lokalsamfunnet.",
        "description": "Sparebankstiftelsen DNB deler ut gaver til allmennyttige tiltak over hele landet, særlig "
                       "innen kultur, friluftsliv, idrett og tiltak som skaper fellesskap. Hovedmålgruppen er "
                       "frivillige lag og organisasjoner. Kommunen kan ikke få midler til ordinære kommunale "
                       "oppgaver, men kan være en viktig samarbeidspartner for en frivillig organisasjon som søker, "
                       "for eksempel ved å stille med lokaler eller drift.",
        "applicants": ["municipality", "interest", "other"], "lead_requirement": "interest",
        "research_partner_required": False, "cofunding_required": False,
        "requirements": "Støtter ikke ordinær drift eller lovpålagte kommunale oppgaver.",
        "url": "https://sparebankstiftelsen.no/",
        "keywords": "frivillighet, møteplasser, kultur, friluftsliv, lokalsamfunn, gaver",
        "deadlines": [("2027-02-15", None, "Vårens søknadsrunde (eksempeldato)"),
                      ("2027-09-15", None, "Høstens søknadsrunde (eksempeldato)")],
    },
    {
        "name": "Samarbeidsprosjekt for å møte samfunnsutfordringer",
        "owner": "Forskningsrådet",
        "summary": "Forskningsprosjekt ledet av en forskningsorganisasjon i tett samarbeid med partnere fra "
                   "offentlig sektor eller næringslivet.",
        "description": "Samarbeidsprosjekter skal utvikle ny kunnskap og bygge forskningskompetanse som samfunnet "
                       "trenger for å møte viktige utfordringer. En forskningsorganisasjon er prosjektansvarlig og "
                       "søker, mens kommuner, fylkeskommuner, bedrifter og andre brukere deltar som partnere og "
                       "bidrar med problemstillinger, data, testarenaer og finansiering. For kommuner er dette en "
                       "vei inn i forskning som går dypere enn et innovasjonsprosjekt, uten at kommunen selv må lede.",
        "applicants": ["research_institute", "university", "hospital", "municipality", "county", "company",
                       "other"],
        "lead_requirement": "research",
        "research_partner_required": True, "cofunding_required": True,
        "cofunding_share": "partnerne bidrar med egeninnsats og/eller kontanter",
        "requirements": "Minst én partner fra offentlig sektor eller næringslivet må delta aktivt og bidra.",
        "min_amount": 4_000_000, "max_amount": 16_000_000,
        "url": "https://www.forskningsradet.no/",
        "keywords": "forskning, samfunnsutfordringer, forskningsorganisasjon, brukerpartner, kunnskapsbygging",
        "deadlines": [("2027-09-15", "13:00", EXAMPLE)],
    },
    {
        "name": "ENERGIX – forskning og innovasjon for fornybar energi",
        "owner": "Forskningsrådet",
        "summary": "Forskningsrådets program for fornybar energi, energibruk og energisystemet, med forsker- og "
                   "innovasjonsprosjekter.",
        "description": "ENERGIX støtter forskning og innovasjon om fornybar energi, effektiv energibruk og "
                       "energisystemet. Kommuner og fylkeskommuner kan delta som partnere i prosjekter om for "
                       "eksempel lokal energiproduksjon, energieffektive bygg og fleksibel strømbruk. Tallene for "
                       "søknader og tildelinger på denne siden kommer fra et utdrag av Forskningsrådets åpne "
                       "søknadsdata (søknadsrunden 2012) og viser hvordan statistikken vises.",
        "applicants": ["research_institute", "university", "company", "municipality", "county", "other"],
        "lead_requirement": "",
        "research_partner_required": False, "cofunding_required": True,
        "cofunding_share": "avhenger av søknadstypen",
        "requirements": "Se utlysningen for den enkelte søknadstypen.",
        "url": "https://www.forskningsradet.no/",
        "keywords": "energi, fornybar energi, energieffektivisering, klima, innovasjonsprosjekt",
        "rcn_activity": "ENERGIX",
        "deadlines": [("2027-02-10", "13:00", EXAMPLE)],
    },
]

RCN_SAMPLE = "rcn_soknader2_sample.csv"
H2020_FILE = "rcn_bevilgningereu_h2020.csv"


@transaction.atomic
def load(stdout: Any) -> None:
    owners = {}
    for name, website in OWNERS.items():
        owners[name] = Organisation.objects.get_or_create(
            name=name, defaults={"org_type": OrgType.FUNDING, "website": website})[0]
    created = 0
    for spec in INSTRUMENTS:
        spec = dict(spec)
        deadlines = spec.pop("deadlines")
        owner = owners[spec.pop("owner")]
        defaults = {"owner": owner, "owner_name": "", "language": "nb", "rolling": False, "min_amount": None,
                    "max_amount": None, "cofunding_share": "", "active": True, **spec}
        name = defaults.pop("name")
        instrument, was_created = Instrument.objects.update_or_create(name=name, defaults=defaults)
        created += was_created
        for date, time, label in deadlines:
            Deadline.objects.get_or_create(
                instrument=instrument, date=dt.date.fromisoformat(date), label=label,
                defaults={"time": dt.time.fromisoformat(time) if time else None})
    stdout.write(f"Funding: {len(INSTRUMENTS)} instruments ({created} new).")
    _load_rcn(stdout)
    _load_h2020(stdout)


def _load_rcn(stdout: Any) -> None:
    """The Research Council's applications sample (171 applications, 2012), once (same checksum: skipped)."""
    import hashlib
    from importlib import resources

    from samskap.core.actors import SystemActor
    from samskap.funding import actions
    from samskap.funding.models import RcnImport

    data = resources.files("samskap.funding").joinpath("fixtures", RCN_SAMPLE).read_bytes()
    if RcnImport.objects.filter(checksum=hashlib.sha256(data).hexdigest()).exists():
        return
    record = actions.import_rcn_applications(data, source_name=RCN_SAMPLE, data_date=dt.date(2024, 8, 13),
                                             actor=SystemActor("funding demo"))
    stdout.write(f"Funding: the Research Council's applications sample, {record.applications} applications.")


def _load_h2020(stdout: Any) -> None:
    """The Research Council's Horizon 2020 participations (2,931), once."""
    from importlib import resources

    from samskap.core.actors import SystemActor
    from samskap.funding import actions
    from samskap.funding.models import EuParticipation

    if EuParticipation.objects.exists():
        return
    data = resources.files("samskap.funding").joinpath("fixtures", H2020_FILE).read_bytes()
    report = actions.import_h2020(data, actor=SystemActor("funding demo"))
    stdout.write(f"Funding: {report['participations']} Horizon 2020 participations "
                 f"({report['public_bodies']} of municipalities or county authorities).")
