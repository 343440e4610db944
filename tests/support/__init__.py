"""What the tests share that is not a fixture, one module per topic (the fixtures built on these are in
tests/conftest.py and tests/ui/conftest.py; the synthetic people and requests are in tests/factories.py):

    desks    Clock, build_desk (the one desk builder), the practices, the users and their test password
    exports  fake_pdf, exporting_desk, submit_three, store_unchecked
    reports  build_seeded: the case file whose report figures are known by construction
    pdfs     text_of: a PDF's text as one line
    intake   typing into and reading the intake form (Qt: for tests/ui only)

A test module never imports another test module (tests/unit/test_architecture.py): what two of them need is here.
"""
