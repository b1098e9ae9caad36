"""Planted secrets of every kind and near-misses, built from parts at run time.

Every value is derived from a hash of a label, so it is random-looking (it passes the entropy
checks) yet clearly fake, and this file holds no literal that another scanner would flag. Also
the redaction and fingerprint tests, which need nothing else.
"""

from __future__ import annotations

import hashlib
import string
import uuid

from cto.sources.secrets import fingerprint, redact

ALNUM = string.ascii_letters + string.digits
UPPER32 = string.ascii_uppercase + "234567"
HEX = "0123456789abcdef"
B64 = ALNUM + "+/"
URLSAFE = ALNUM + "_-"


def tok(label: str, alphabet: str, size: int) -> str:
    """``size`` characters of ``alphabet`` drawn from SHA-256 of ``label``: stable, random-like."""
    out: list[str] = []
    counter = 0
    while len(out) < size:
        digest = hashlib.sha256(f"{label}:{counter}".encode()).digest()
        out += [alphabet[b % len(alphabet)] for b in digest]
        counter += 1
    return "".join(out[:size])


def _secrets() -> dict[str, str]:
    """One clearly fake, rule-shaped secret per detector id, assembled from parts."""
    ids = "ABCDEFGH0123456789"
    hook = "/".join(["T" + tok("f", ids, 8), "B" + tok("f2", ids, 8), tok("f3", ALNUM, 24)])
    return {
        "aws-access-key-id": "AK" + "IA" + tok("a", UPPER32, 16),
        "aws-secret-access-key": tok("b", B64, 40),
        "github-token": "gh" + "p_" + tok("c", ALNUM, 36),
        "gitlab-token": "gl" + "pat-" + tok("d", ALNUM, 20),
        "slack-token": "xo" + "xb-" + tok("e", "0123456789", 12) + "-" + tok("e2", ALNUM, 24),
        "slack-webhook": "https://hooks.slack" + ".com/services/" + hook,
        "stripe-live-key": "sk" + "_live_" + tok("g", ALNUM, 24),
        "google-api-key": "AI" + "za" + tok("h", URLSAFE, 35),
        "private-key": "-----BEGIN RSA " + "PRIVATE KEY-----",
        "jwt": ".".join(
            [
                "ey" + "J" + tok("i", URLSAFE, 20),
                "ey" + "J" + tok("i2", URLSAFE, 24),
                tok("i3", URLSAFE, 30),
            ]
        ),
        "connection-string": tok("j", ALNUM, 16),
        "twilio-key": tok("k", HEX, 32),
        "sendgrid-key": "S" + "G." + tok("l", URLSAFE, 22) + "." + tok("l2", URLSAFE, 43),
        "npm-token": "np" + "m_" + tok("m", ALNUM, 36),
        "pypi-token": "py" + "pi-AgEIcHlwaS5vcmc" + tok("n", URLSAFE, 60),
        "generic-secret": tok("o", ALNUM, 32),
        "dockerfile-secret": tok("p", ALNUM, 32),
    }


#: Where each kind is planted, and the line around it ({} is the secret).
_PLACES = {
    "aws-access-key-id": ("deploy/settings.py", "AWS_KEY_ID = '{}'"),
    "aws-secret-access-key": ("config/aws.ini", "aws_secret_access_key = {}"),
    "github-token": ("scripts/release.sh", "export GH_TOKEN={}"),
    "gitlab-token": ("ci/push.sh", "TOKEN={}"),
    "slack-token": ("bot/app.js", "const t = '{}';"),
    "slack-webhook": ("bot/notify.py", "URL = '{}'"),
    "stripe-live-key": ("billing/pay.rb", "Stripe.api_key = '{}'"),
    "google-api-key": ("web/maps.ts", "const key = '{}';"),
    "private-key": ("deploy/id_rsa", "{}"),
    "jwt": ("tests/fixtures/auth.txt", "Bearer {}"),
    "connection-string": ("config/database.yml", "url: postgres://app:{}@db.internal:5432/app"),
    "twilio-key": (".env", "TWILIO_AUTH_TOKEN={}"),
    "sendgrid-key": ("mail/send.py", "KEY = '{}'"),
    "npm-token": (".npmrc", "//registry.npmjs.org/:_authToken={}"),
    "pypi-token": (".pypirc", "password = {}"),
    "generic-secret": ("config/app.yml", "api_secret: {}"),
    "dockerfile-secret": ("Dockerfile", "ENV API_TOKEN {}"),
}


def _planted() -> list[tuple[str, str, str, str]]:
    """(kind, path, line of text, the secret it holds)."""
    return [
        (kind, _PLACES[kind][0], _PLACES[kind][1].format(secret), secret)
        for kind, secret in _secrets().items()
    ]


#: (kind, path, line, secret) of one planted secret per detector.
PLANTED = _planted()
#: Every planted secret's value (for the never-in-any-output test).
SECRET_VALUES = [secret for *_, secret in PLANTED]


def planted_files() -> dict[str, str]:
    """One file per planted secret (the private key's file has a body), each line 2 of its file."""
    files: dict[str, str] = {}
    for kind, path, line, _ in PLANTED:
        body = f"{tok(kind, B64, 64)}\n" if kind == "private-key" else ""
        files[path] = f"# {kind}\n{line}\n{body}"
    return files


def near_misses() -> dict[str, str]:
    """Files that look secret-ish but hold no secret: none of them may produce a hit."""
    digest = tok("lock", B64, 86)
    example_id = "AKIA" + "IOSFODNN7" + "EXAMPLE"
    example_secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "EXAMPLEKEY"
    return {
        "package-lock.json": f'{{"integrity": "sha512-{digest}==", "token": "{digest}"}}\n',
        "yarn.lock": f'  integrity sha512-{digest}==\n  password "{digest}"\n',
        "docs/aws.md": f"Use a key like {example_id} and {example_secret}.\n",
        "config/aws.ini": f"aws_secret_access_key = {example_secret}\n",
        "config/app.yml": (
            "password: changeme\npassword: password\n"
            "api_token: xxxxxxxxxxxxxxxxxxxxxxxxxxxx\n"
            "api_key: <your-api-key-goes-here>\n"
            "db_password: ${DB_PASSWORD}\n"
            "secret_key: '{{ vault_secret_key_value }}'\n"
            "auth_token: '%(auth_token_from_settings)s'\n"
            f"client_secret: {uuid.uuid5(uuid.NAMESPACE_DNS, 'x')}\n"
            f"deploy_token_commit: {hashlib.sha1(b'x').hexdigest()}\n"
            "password: ENC[AES256_GCM,data:" + tok("sops", ALNUM, 24) + "]\n"
        ),
        "config/database.yml": (
            "a: postgres://postgres:postgres@localhost/app\n"
            "b: postgres://user:password@localhost/app\n"
            "c: mysql://app:${MYSQL_PASSWORD}@db/app\n"
        ),
        "settings.py": (
            "SECRET_KEY = os.environ['SECRET_KEY']\n"
            f"token_image = '{tok('img', B64, 48)}'\n"
            "key = 'sk" + "_test_" + tok("t", ALNUM, 24) + "'\n"
        ),
        "scripts/ci.sh": "export GH_TOKEN=gh" + "p_" + "x" * 36 + "\n",
    }


def test_redaction_shows_at_most_four_characters_and_the_length() -> None:
    secret = "sk" + "_live_" + tok("r", ALNUM, 24)
    assert redact(secret) == "sk_l…(32 chars)"
    assert redact("abcdefgh") == "ab…(8 chars)"
    assert redact("abc") == "…(3 chars)"


def test_fingerprint_is_stable_and_depends_on_kind_and_secret() -> None:
    secret = tok("fp", ALNUM, 32)
    first = fingerprint("generic-secret", secret)
    assert first == fingerprint("generic-secret", secret)
    assert len(first) == 16 and set(first) <= set(HEX)
    assert first == hashlib.sha256(f"generic-secret\0{secret}".encode()).hexdigest()[:16]
    assert first != fingerprint("github-token", secret)
    assert secret not in first
