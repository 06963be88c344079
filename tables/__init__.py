"""Tables that callgate writes for spreadsheets (CSV and Excel workbooks), safe to open.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a tab or a CR) as a
formula: a customer named `=HYPERLINK(...)` would become a live link (CSV injection, as OWASP
calls it). And it reads text that looks like a number as a number: 0330001234 loses its 0, a
16-digit call id its last digits. So every table callgate writes (the console's export,
`history --csv|--xlsx`, `rules --csv`) goes through here:

- CSV: every cell below the header is quoted (so a spreadsheet that splits at `;` or a space
  cannot start a cell inside one of ours), and a text that would start a formula gets a
  leading `'`, which spreadsheets show and never run (OWASP's advice). `restored()` takes it
  off again where callgate reads its own CSV back (import-rules). A CSV cannot keep a 0 from
  the spreadsheet.
- Excel workbooks (XlsxWriter): text is text, whatever it looks like, and keeps its 0 and its
  digits; numbers and times are numbers and times; there are no formulas at all.

A row is a list of cells (tables.cells.Cell). This package knows neither the database nor Qt,
so that the command line (through application/) and the console (gui/, which writes its export
on its own machine) write the same files; of callgate it imports only screening.
"""
