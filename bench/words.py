"""Romanian words and phrases for the synthetic council (comma-below forms).

The generator writes bodies from these pieces; `cedilla()` turns a text into
the legacy ş/ţ forms, as some council staff still type them.
"""

from __future__ import annotations

CEDILLA = str.maketrans({"ș": "ş", "ț": "ţ", "Ș": "Ş", "Ț": "Ţ"})

FIRST_NAMES = (
    "Ana", "Andrei", "Bogdan", "Carmen", "Cătălin", "Cristina", "Dan", "Daniela", "Elena", "Florin",
    "Gabriela", "Gheorghe", "Ioana", "Ion", "Iulia", "Laura", "Liviu", "Maria", "Marius", "Mihai",
    "Mirela", "Nicolae", "Oana", "Ovidiu", "Radu", "Raluca", "Roxana", "Sorin", "Ștefan", "Teodora",
    "Tudor", "Valentin", "Vasile", "Viorica", "Ștefania", "Răzvan", "Țicu",
)
LAST_NAMES = (
    "Popescu", "Ionescu", "Pop", "Radu", "Dumitru", "Stan", "Stoica", "Gheorghe", "Matei", "Ciobanu",
    "Constantin", "Rusu", "Mihai", "Munteanu", "Lungu", "Marin", "Tudor", "Florea", "Ene", "Dinu",
    "Toma", "Sârbu", "Nistor", "Mocanu", "Barbu", "Oprea", "Moldovan", "Pîrvu", "Crăciun", "Țurcanu",
    "Șerban", "Buzatu", "Tănase", "Vlad", "Căpraru", "Anghel", "Roș",
)
GROUPS = ("Grupul PSD", "Grupul PNL", "Grupul USR", "Grupul AUR", "Grupul UDMR", "independent")
COMMITTEES = (
    ("buget", "Comisia de buget-finanțe"),
    ("urbanism", "Comisia de urbanism și amenajarea teritoriului"),
    ("juridica", "Comisia juridică și de disciplină"),
    ("social", "Comisia pentru sănătate și asistență socială"),
    ("educatie", "Comisia pentru învățământ, cultură și culte"),
    ("transport", "Comisia pentru transport și infrastructură"),
    ("mediu", "Comisia pentru mediu și agricultură"),
    ("economic", "Comisia pentru dezvoltare economică și fonduri europene"),
)
TOPICS = (
    "buget", "finante", "patrimoniu", "transport", "drumuri-judetene", "sanatate", "asistenta-sociala",
    "educatie", "cultura", "mediu", "urbanism", "personal", "fonduri-europene", "turism", "apa-canal",
    "deseuri", "protectie-civila", "sport", "tineret", "agricultura",
)
TITLE_VERBS = ("aprobarea", "modificarea", "actualizarea", "stabilirea", "însușirea", "completarea",
               "rectificarea", "prelungirea")
TITLE_OBJECTS = (
    "bugetului general al județului", "organigramei și statului de funcții ale aparatului de specialitate",
    "tarifelor pentru transportul public județean de persoane", "indicatorilor tehnico-economici ai obiectivului "
    "de investiții „Modernizare drum județean”", "inventarului bunurilor care aparțin domeniului public al "
    "județului", "regulamentului de organizare și funcționare al Direcției Generale de Asistență Socială și "
    "Protecția Copilului", "planului anual de achiziții publice", "acordului de parteneriat pentru proiectul "
    "„Școli verzi în județ”", "cotizației anuale la Asociația de Dezvoltare Intercomunitară", "strategiei "
    "județene de dezvoltare durabilă", "programului de reabilitare a rețelei de drumuri județene", "taxelor "
    "speciale pentru eliberarea certificatelor de urbanism", "numărului de posturi din unitățile sanitare "
    "publice", "calendarului manifestărilor culturale ale județului", "contractului de delegare a serviciului "
    "de salubrizare", "planului de analiză și acoperire a riscurilor", "structurii rețelei școlare speciale",
    "finanțărilor nerambursabile pentru activități sportive", "darea în administrare a unui imobil către "
    "Spitalul Clinic Județean de Urgență", "trecerii unor bunuri din domeniul public în domeniul privat",
)
SENTENCE_OPENERS = (
    "În temeiul prevederilor legale în vigoare", "Având în vedere referatul de aprobare al inițiatorului",
    "Ținând cont de avizul comisiei de specialitate", "Luând act de raportul de specialitate",
    "În conformitate cu dispozițiile Codului administrativ", "Conform prevederilor Legii nr. 273/2006",
    "Potrivit Legii nr. 52/2003 privind transparența decizională", "Pe baza notei de fundamentare",
    "Cu respectarea principiilor bunei administrări", "În vederea asigurării continuității serviciilor",
)
WORDS = (
    "consiliul", "județean", "hotărăște", "aprobă", "bugetul", "venituri", "cheltuieli", "investiții",
    "obiectivul", "proiectul", "finanțare", "contractul", "direcția", "generală", "asistență", "socială",
    "protecția", "copilului", "drumul", "modernizarea", "reabilitarea", "școala", "spitalul", "sănătății",
    "mediului", "patrimoniul", "domeniul", "public", "privat", "administrare", "folosință", "gratuită",
    "imobilul", "terenul", "suprafața", "metri", "pătrați", "situat", "localitatea", "comuna", "orașul",
    "municipiul", "cetățenii", "locuitorii", "serviciul", "transport", "persoane", "tarif", "lei", "anul",
    "trimestrul", "execuția", "rectificarea", "fondurilor", "europene", "nerambursabile", "cofinanțarea",
    "valoarea", "totală", "inclusiv", "taxa", "adăugată", "indicatorii", "tehnico-economici", "studiul",
    "fezabilitate", "documentația", "avizare", "lucrărilor", "intervenție", "anexa", "parte", "integrantă",
    "prezentei", "hotărâri", "prevederile", "articolului", "alineatul", "litera", "se", "modifică",
    "completează", "abrogă", "dispozițiile", "contrare", "încetează", "aplicabilitatea", "răspunderea",
    "ducerea", "îndeplinire", "revine", "aparatului", "specialitate", "președintelui", "secretarul",
    "general", "comunică", "instituției", "prefectului", "publică", "monitorul", "oficial", "local",
    "și", "în", "pe", "cu", "de", "la", "pentru", "din", "prin", "către", "conform", "potrivit", "privind",
    "precum", "respectiv", "după", "până", "între", "asupra", "astfel", "fiind", "este", "sunt", "vor",
    "fi", "care", "această", "acestuia", "acesteia", "țării", "regiunii", "județului", "instituțiilor",
    "subordonate", "personalului", "salarizare", "funcții", "posturi", "organigrama", "statul", "regulamentul",
    "organizare", "funcționare", "activitatea", "culturale", "sportive", "educaționale", "tineret", "turism",
    "promovarea", "dezvoltarea", "durabilă", "strategia", "planul", "acțiune", "etapa", "implementare",
    "monitorizare", "evaluare", "raportare", "achiziții", "procedura", "licitație", "ofertantul", "câștigător",
    "garanția", "bună", "execuție", "recepția", "finală", "termenul", "luni", "zile", "lucrătoare", "calendaristice",
    "apă", "canalizare", "deșeuri", "salubrizare", "colectare", "selectivă", "energie", "eficiență", "clădiri",
)
CLOSINGS = (
    "Prezenta hotărâre se comunică Instituției Prefectului și se publică în Monitorul Oficial Local.",
    "Cu ducerea la îndeplinire a prezentei hotărâri se încredințează direcțiile de specialitate.",
    "Orice dispoziții contrare prezentei hotărâri își încetează aplicabilitatea.",
)
PLACES = ("Sala de ședințe a Consiliului Județean", "Sala mare, etajul 1", "Sala „Unirii”, Palatul Administrativ")


def cedilla(text: str) -> str:
    return text.translate(CEDILLA)
