"""The passphrase rule, one place for the CLI and the set-up wizard: long beats complicated (NCSC, NIST 800-63B)."""

from __future__ import annotations

from hbf_desktop.domain.model import DomainError

MIN_LENGTH = 12
_TOO_COMMON = frozenset({"password1234", "passwordpassword", "123456789012", "qwertyuiopas", "iloveyou1234"})


class WeakPassphraseError(DomainError):
    pass


def passphrase_problem(passphrase: str) -> str | None:
    """What is wrong with a passphrase, in words for the person choosing it; None when it is acceptable."""
    if len(passphrase) < MIN_LENGTH:
        return (
            f"Use at least {MIN_LENGTH} characters. Three or four unrelated words are easy to "
            "remember and hard to guess."
        )
    if len(set(passphrase)) < 5:
        return "Use more different characters: this passphrase repeats too much."
    if passphrase.lower() in _TOO_COMMON:
        return "This passphrase is too common; choose another."
    return None


def check_passphrase(passphrase: str) -> None:
    problem = passphrase_problem(passphrase)
    if problem is not None:
        raise WeakPassphraseError(problem)


def strength(passphrase: str) -> int:
    """0-4 for the set-up wizard's meter: length matters most, variety a little."""
    if passphrase_problem(passphrase) is not None:
        return 0
    classes = sum(
        any(test(character) for character in passphrase)
        for test in (str.islower, str.isupper, str.isdigit, lambda c: not c.isalnum())
    )
    score = 1 + (len(passphrase) >= 16) + (len(passphrase) >= 20) + (classes >= 3)
    return min(score, 4)
