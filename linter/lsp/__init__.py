"""`lint lsp`: a Language Server Protocol server on standard input and output (pygls).

`server.py` has the protocol handlers and the scheduling; the rest is one module each:
`positions.py` (linter positions ↔ protocol positions), `diagnostics.py` (a Diagnostic as the
protocol's), `actions.py` (quick fixes and "fix all"), `schemahelp.py` and `outline.py`
(hover and completion from the schema), `ruledocs.py` (a rule's link and summary), and
`workspace.py` (the workspace index and the cross-file findings). Nothing here is imported by
`lint` itself: pygls and lsprotocol load only for `lint lsp`.
"""
