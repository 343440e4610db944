"""National Provider Identifier checks (CMS NPI standard: Luhn over the prefix 80840 + the 10 digits)."""

from __future__ import annotations

NPI_PREFIX = "80840"


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = ord(char) - 48
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def npi_problem(value: str) -> str | None:
    """Say what is wrong with an NPI in words a clerk can act on, or None when it is valid."""
    if len(value) != 10 or not value.isascii() or not value.isdigit():
        return "an NPI is exactly 10 digits"
    if value[0] not in "12":
        return "an NPI starts with 1 (individual) or 2 (organization)"
    if not luhn_valid(NPI_PREFIX + value):
        return "NPI check digit does not match (Luhn with prefix 80840): check for a typo"
    return None


def is_valid_npi(value: str) -> bool:
    return npi_problem(value) is None


def check_digit(first_nine: str) -> str:
    """The 10th digit that makes `first_nine` a valid NPI (used to make synthetic test data)."""
    for digit in "0123456789":
        if luhn_valid(NPI_PREFIX + first_nine + digit):
            return digit
    raise ValueError(first_nine)  # unreachable: one digit always completes a Luhn sum
