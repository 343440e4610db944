"""The report kinds and their titles: plain constants (the `sodesk` command lists them without loading reports)."""

TIMELINESS = "timeliness"
CONSULT_REPORTS = "consult-reports"
OUTCOMES = "outcomes"
TIME_TO_CONSULT = "time-to-consult"

TITLES = {
    TIMELINESS: "Decisions within the clock",
    CONSULT_REPORTS: "Consultation reports received and overdue",
    OUTCOMES: "Outcomes by plan, reason and specialty",
    TIME_TO_CONSULT: "Days from request to consult",
}
KINDS = tuple(TITLES)
