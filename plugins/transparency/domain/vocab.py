"""Closed vocabularies of the content contract, with their Romanian labels.

Every value a staff member may write in a closed field is listed here once,
with the words the public site shows for it. Validation, the timeline and the
templates all read these tables; nothing else spells the values out.
"""

from __future__ import annotations

# Written `status` of a decision file (what staff record).
DECISION_STATUSES = {
    "draft": "proiect",
    "adopted": "adoptată",
    "rejected": "respinsă",
    "withdrawn": "retrasă",
}
VOTED_STATUSES = frozenset({"adopted", "rejected"})  # a meeting voted the draft (`meeting` names it)

# Derived public status (what the public sees; also the `data-status` hook).
PUBLIC_STATUSES = {
    "draft": "Proiect de hotărâre",
    "in-consultation": "În consultare publică",
    "in-force": "În vigoare",
    "adopted": "Adoptată, nu este încă în vigoare",
    "amended": "Modificată",
    "repealed": "Abrogată",
    "suspended": "Suspendată",
    "annulled": "Anulată",
    "rejected": "Respinsă",
    "withdrawn": "Retrasă",
}

# Legal character of an act (`character`; Codul administrativ, art. 196 and 199).
CHARACTERS = {
    "normative": "normativă",
    "individual": "individuală",
}

MAJORITIES = {
    "simple": "majoritate simplă (mai mult de jumătate din consilierii prezenți)",
    "absolute": "majoritate absolută (mai mult de jumătate din consilierii în funcție)",
    "two-thirds": "majoritate de două treimi (cel puțin două treimi din consilierii în funcție)",
}

# Lifecycle events staff may write under `events:`. Closed: an unknown value is
# an error, so a typo can never hide a suspension or an annulment.
EVENTS = {
    "consultation-opened": "Consultare publică deschisă",
    "consultation-closed": "Consultare publică închisă",
    "public-debate": "Dezbatere publică",
    "committee-opinion": "Aviz de comisie",
    "postponed": "Dezbatere amânată",
    "signed": "Semnată",
    "sent-to-prefect": "Comunicată prefectului",
    "contested": "Atacată în contencios administrativ",
    "published": "Publicată în Monitorul Oficial Local",
    "communicated": "Comunicată persoanelor vizate",
    "in-force": "Intrată în vigoare",
    "withdrawn": "Proiect retras",
    "suspended": "Suspendată",
    "suspension-lifted": "Suspendare încetată",
    "annulled": "Anulată",
    "corrected": "Rectificată",
}

# The same events as a document's history names the value of a field that changed: what the file
# says, in nouns that hold of a day to come as of one past (the history lists an `in-force` event
# dated next year; a page never says a decision is in force on a day the facts do not support).
EVENT_NAMES = {
    "consultation-opened": "deschiderea consultării publice",
    "consultation-closed": "închiderea consultării publice",
    "public-debate": "dezbatere publică",
    "committee-opinion": "aviz de comisie",
    "postponed": "amânarea dezbaterii",
    "signed": "semnare",
    "sent-to-prefect": "comunicare către prefect",
    "contested": "acțiune în contencios administrativ",
    "published": "publicare în Monitorul Oficial Local",
    "communicated": "comunicare către persoanele vizate",
    "in-force": "data intrării în vigoare",
    "withdrawn": "retragerea proiectului",
    "suspended": "suspendare",
    "suspension-lifted": "încetarea suspendării",
    "annulled": "anulare",
    "corrected": "rectificare",
}

REPORT_KINDS = {
    "specialist-report": "Raport de specialitate",
    "approval-memo": "Referat de aprobare",
    "committee-opinion": "Aviz de comisie",
}

OPINIONS = {
    "favorable": "favorabil",
    "unfavorable": "nefavorabil",
}

MEETING_KINDS = {
    "ordinary": "ordinară",
    "extraordinary": "extraordinară",
    "urgent": "de îndată",
}

# Document types, keyed by the top folder under content/.
DOCUMENT_FOLDERS = {
    "hotarari": "decision",
    "rapoarte": "report",
    "sedinte": "meeting",
    "pages": "page",
    "dispozitii": "disposition",
    "documente": "publication",
}

DOCUMENT_TYPES = {
    "decision": "Hotărâre",
    "draft": "Proiect de hotărâre",
    "report": "Raport",
    "meeting": "Ședință",
    "page": "Pagină",
    "disposition": "Dispoziție",
    "publication": "Document",
}

# Kinds of entry on a decision's derived timeline, in the order used to break
# ties between entries of the same day (the order things happen in practice).
TIMELINE_KINDS = {
    "registered": "Proiect înregistrat",
    "consultation-opened": EVENTS["consultation-opened"],
    "public-debate": EVENTS["public-debate"],
    "consultation-closed": EVENTS["consultation-closed"],
    "report": "Raport",
    "committee-opinion": EVENTS["committee-opinion"],
    "on-agenda": "Înscris pe ordinea de zi",
    "postponed": EVENTS["postponed"],
    "withdrawn": EVENTS["withdrawn"],
    "adopted": "Adoptată",
    "rejected": "Respinsă",
    "signed": EVENTS["signed"],
    "sent-to-prefect": EVENTS["sent-to-prefect"],
    "published": EVENTS["published"],
    "communicated": EVENTS["communicated"],
    "in-force": EVENTS["in-force"],
    "corrected": EVENTS["corrected"],
    "contested": EVENTS["contested"],
    "suspended": EVENTS["suspended"],
    "suspension-lifted": EVENTS["suspension-lifted"],
    "annulled": EVENTS["annulled"],
    "amendment-adopted": "Adoptată hotărârea care o modifică, încă neintrată în vigoare:",
    "repeal-adopted": "Adoptată hotărârea care o abrogă, încă neintrată în vigoare:",
    "amended-by": "Modificată prin",
    "repealed-by": "Abrogată prin",
    "amendment-annulled": "Anulată de instanță hotărârea care o modificase:",
    "repeal-annulled": "Anulată de instanță hotărârea care o abrogase:",
}

# Top-level addresses the site owns; a page id may not take one of them.
RESERVED_PAGE_IDS = frozenset(
    {
        "hotarari", "proiecte", "rapoarte", "sedinte", "cautare", "consultari",
        "abonare", "feeds", "registre", "activitate", "consilieri", "comisii",
        "teme", "fisiere", "date", "theme", "index", "404",
        "dispozitii", "documente", "monitorul-oficial-local",
        "transparenta",
    }
)


# --- Dispositions and the Monitorul Oficial Local (second edition of the contract) ---

# Events a disposition's file may carry (the decision-only ones, about drafts and votes, are refused).
DISPOSITION_EVENTS = (
    "signed", "sent-to-prefect", "communicated", "published", "in-force", "contested", "suspended",
    "suspension-lifted", "annulled", "corrected",
)

# Public status of a disposition (the `data-status` hook; the codes are those of decisions).
DISPOSITION_STATUSES = {
    "adopted": "Emisă, nu este încă în vigoare",
    "in-force": "În vigoare",
    "amended": "Modificată",
    "repealed": "Abrogată",
    "suspended": "Suspendată",
    "annulled": "Anulată",
}

# `kind` of a document in content/documente/, and the Monitorul Oficial Local section it belongs to.
PUBLICATION_KINDS = {
    "statute": "Statutul unității administrativ-teritoriale",
    "regulation": "Regulament",
    "budget": "Buget",
    "budget-execution": "Execuția bugetară",
    "financial-statement": "Situații financiare",
    "other": "Alt document",
}
