"""Export formats for a plan's batch of requests: one writer per format, no Qt and no SQL.

- `batch`: what a batch is made of (header, submissions), its file names, canonical JSON.
- `submissions_csv`, `request_json`, `fhir`, `manifest`: one writer each, `(header, ...) -> bytes`.
- `package`: writes the files to a folder or a ZIP (optionally AES-256) under a temporary name, renamed only
  when complete.
- `decisions_csv`: reads the plan's decisions file back (line and column for every problem).
"""
