"""English date formats as written in Norway and the UK: "15 March 2027" (Django's default is "March 15, 2027")."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "j F Y H:i"
