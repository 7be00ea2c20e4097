#!/usr/bin/python3
"""Minimal Docker registry token server (test stand-in), standard library only.

Implements the GET flavour of the Docker registry token protocol that CNCF
distribution 2.8 (`auth: token`) expects:

  GET /token?service=S&scope=repository:NAME:pull,push[&scope=...]&account=U
      Authorization: Basic base64(user:password)   (optional)

- valid credentials   -> 200 {"token", "access_token", "expires_in", "issued_at"}
                         granting the requested actions that the access file allows
                         that user on that repository (and nothing else);
- a repository the user may not access at all: its scope is left out of the token
  (the distribution token spec), or with --refuse-inaccessible STATUS the whole
  request is answered STATUS with {"details": "..."} (as some registries' token
  endpoints do when a mount source is inaccessible);
- wrong credentials   -> 401 (so `docker login` with a bad password fails);
- no credentials      -> 200 with an anonymous token that grants nothing;
- unknown service     -> 400 (--service may be given once per registry; the token's
                         `aud` is the requested service);
- POST /token         -> 405, so BuildKit falls back from its OAuth2 POST to GET;
- GET /healthz        -> 200 "ok".

Access file (--access): lines `USER REPO-GLOB ACTIONS`, the first line whose USER
(a glob, `*` for anyone) and REPO-GLOB (fnmatch; `*` also matches `/`) match wins;
ACTIONS is a comma list (pull,push,delete,...), `*` for all, `-` for none. A
registry-type scope (`registry:catalog:*`) is matched as `registry:NAME`. No matching
line means no access. Without --access every requested action is granted.

Every token request is logged to stderr as one JSON line:
  {"time", "method", "user", "service", "scopes": [requested], "granted": [access entries], "status"}

Tokens are RS256 JWTs signed with an RSA key (PEM, PKCS#1 or PKCS#8, as made by
`openssl genrsa`); the header carries `x5c` = [the signing certificate], which
the registry verifies against its `rootcertbundle`.

Users come from a file of `username:password` lines (keep it mode 0600).
"""

import argparse
import base64
import fnmatch
import hashlib
import hmac
import json
import secrets
import sys
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# DER prefix of DigestInfo(SHA-256) for EMSA-PKCS1-v1_5 (RFC 8017, 9.2 note 1).
SHA256_DIGEST_INFO = bytes.fromhex("3031300d060960864801650304020105000420")


# --------------------------------------------------------------------------
# Key handling: a tiny DER reader, enough for RSA private keys.
# --------------------------------------------------------------------------

def _der_read(data, pos):
    """Return (tag, content_bytes, next_pos) of the DER element at pos."""
    tag = data[pos]
    length = data[pos + 1]
    pos += 2
    if length & 0x80:
        count = length & 0x7F
        length = int.from_bytes(data[pos:pos + count], "big")
        pos += count
    return tag, data[pos:pos + length], pos + length


def _der_sequence(data):
    """Split the content of a DER SEQUENCE into its (tag, content) elements."""
    items, pos = [], 0
    while pos < len(data):
        tag, content, pos = _der_read(data, pos)
        items.append((tag, content))
    return items


def _pem_body(text, label_hint):
    lines = [ln.strip() for ln in text.splitlines()]
    begin = [i for i, ln in enumerate(lines) if ln.startswith("-----BEGIN") and label_hint in ln]
    if not begin:
        raise ValueError("no PEM block with %r found" % label_hint)
    start = begin[0] + 1
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("-----END"))
    return base64.b64decode("".join(lines[start:end]))


def load_rsa_private_key(path):
    """Return (n, d) from a PEM RSA private key (PKCS#1 or PKCS#8)."""
    with open(path, encoding="ascii") as handle:
        der = _pem_body(handle.read(), "PRIVATE KEY")
    tag, body, _ = _der_read(der, 0)
    if tag != 0x30:
        raise ValueError("private key is not a DER SEQUENCE")
    items = _der_sequence(body)
    if len(items) >= 3 and items[1][0] == 0x30 and items[2][0] == 0x04:
        # PKCS#8 PrivateKeyInfo: version, AlgorithmIdentifier, OCTET STRING(RSAPrivateKey)
        _, body, _ = _der_read(items[2][1], 0)
        items = _der_sequence(body)
    ints = [int.from_bytes(content, "big") for tag, content in items if tag == 0x02]
    if len(ints) < 4:
        raise ValueError("not an RSA private key")
    _version, modulus, _public_exponent, private_exponent = ints[:4]
    return modulus, private_exponent


def load_certificate_der(path):
    with open(path, encoding="ascii") as handle:
        return _pem_body(handle.read(), "CERTIFICATE")


def rs256_sign(message, modulus, private_exponent):
    """RSASSA-PKCS1-v1_5 signature with SHA-256 (RFC 8017, 8.2.1)."""
    size = (modulus.bit_length() + 7) // 8
    digest_info = SHA256_DIGEST_INFO + hashlib.sha256(message).digest()
    padding = b"\xff" * (size - len(digest_info) - 3)
    encoded = b"\x00\x01" + padding + b"\x00" + digest_info
    signature = pow(int.from_bytes(encoded, "big"), private_exponent, modulus)
    return signature.to_bytes(size, "big")


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


# --------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------

class Issuer:
    """Signs registry tokens for its services."""

    def __init__(self, key_path, cert_path, issuer, services, ttl):
        self.modulus, self.private_exponent = load_rsa_private_key(key_path)
        self.x5c = [base64.b64encode(load_certificate_der(cert_path)).decode("ascii")]
        self.issuer = issuer
        self.services = services
        self.ttl = ttl

    def token(self, subject, service, access):
        now = int(time.time())
        header = {"typ": "JWT", "alg": "RS256", "x5c": self.x5c}
        claims = {
            "iss": self.issuer,
            "sub": subject,
            "aud": service,
            "exp": now + self.ttl,
            "nbf": now - 10,
            "iat": now,
            "jti": secrets.token_hex(16),
            "access": access,
        }
        signing_input = (b64url(json.dumps(header, separators=(",", ":")).encode())
                         + "." + b64url(json.dumps(claims, separators=(",", ":")).encode()))
        signature = rs256_sign(signing_input.encode("ascii"), self.modulus, self.private_exponent)
        return signing_input + "." + b64url(signature), now


def parse_scopes(values):
    """Turn scope strings (`type:name:a,b`, several per value allowed) into access entries."""
    access = []
    for value in values:
        for scope in value.split(" "):
            if not scope:
                continue
            kind, _, rest = scope.partition(":")
            name, _, actions = rest.rpartition(":")
            if kind not in ("repository", "registry") or not name:
                continue
            wanted = [a for a in actions.split(",") if a]
            access.append({"type": kind, "name": name, "actions": wanted})
    return access


def load_access(path):
    """Rules (user-glob, repo-glob, actions or None for all) from an access file."""
    rules = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            fields = line.split()
            if len(fields) != 3:
                raise ValueError("%s:%d: want USER REPO-GLOB ACTIONS, got %r" % (path, number, line))
            user, glob, actions = fields
            if actions == "*":
                allowed = None
            elif actions == "-":
                allowed = []
            else:
                allowed = [a for a in actions.split(",") if a]
            rules.append((user, glob, allowed))
    return rules


def allowed_actions(rules, user, kind, name):
    """Actions USER may do on NAME (None: all); [] when no rule matches."""
    subject = name if kind == "repository" else "%s:%s" % (kind, name)
    for rule_user, glob, allowed in rules:
        if fnmatch.fnmatchcase(user, rule_user) and fnmatch.fnmatchcase(subject, glob):
            return allowed
    return []


def grant(rules, user, requested):
    """(granted access entries, names of requested resources the user may not access at all)."""
    granted, inaccessible = [], []
    for entry in requested:
        if rules is None:
            allowed = None
        else:
            allowed = allowed_actions(rules, user, entry["type"], entry["name"])
        if allowed == []:
            inaccessible.append("%s:%s" % (entry["type"], entry["name"]))
            continue
        actions = [a for a in entry["actions"] if allowed is None or a in allowed]
        if actions:
            granted.append({"type": entry["type"], "name": entry["name"], "actions": actions})
    return granted, inaccessible


def load_users(path):
    users = {}
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line and not line.startswith("#") and ":" in line:
                user, _, password = line.partition(":")
                users[user] = password
    return users


# --------------------------------------------------------------------------
# HTTP
# --------------------------------------------------------------------------

class TokenHandler(BaseHTTPRequestHandler):
    server_version = "okf-token-server/1"
    issuer = None              # set by main()
    users_path = None          # set by main()
    access_path = None         # set by main(); None: grant every requested action
    refuse_inaccessible = None  # set by main(); a status, or None to leave such scopes out

    def log_message(self, fmt, *args):  # noqa: N802 (stdlib name)
        pass  # one JSON line per token request instead (log_request_json)

    def log_request_json(self, user, service, scopes, access, status):
        """One line: the requested scope strings and the granted access entries."""
        line = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "method": self.command,
            "user": user,
            "service": service,
            "scopes": scopes,
            "granted": access,
            "status": status,
        }
        sys.stderr.write(json.dumps(line, separators=(",", ":")) + "\n")
        sys.stderr.flush()

    def _send_json(self, status, payload, extra_headers=()):
        body = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in extra_headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _error(self, status, code, message, extra_headers=()):
        self._send_json(status, {"errors": [{"code": code, "message": message}]}, extra_headers)

    def _basic_user(self):
        """The user name in the Basic header (for the log), or None."""
        scheme, _, value = self.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "basic":
            return None
        try:
            return base64.b64decode(value.strip()).decode("utf-8").partition(":")[0]
        except (ValueError, UnicodeDecodeError):
            return None

    def _authenticate(self):
        """Return (ok, subject). No header -> (True, ''), bad header/password -> (False, None)."""
        header = self.headers.get("Authorization", "")
        if not header:
            return True, ""
        scheme, _, value = header.partition(" ")
        if scheme.lower() != "basic":
            return False, None
        try:
            user, _, password = base64.b64decode(value.strip()).decode("utf-8").partition(":")
        except (ValueError, UnicodeDecodeError):
            return False, None
        expected = load_users(self.users_path).get(user)
        if expected is None or not hmac.compare_digest(expected.encode(), password.encode()):
            return False, None
        return True, user

    def do_GET(self):  # noqa: N802 (stdlib name)
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/healthz":
            body = b"ok\n"
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        query = urllib.parse.parse_qs(url.query)
        scopes = [scope for value in query.get("scope", []) for scope in value.split(" ") if scope]
        service = query.get("service", [self.issuer.services[0]])[0]
        user = self._basic_user()
        if url.path != "/token":
            self._error(404, "NOT_FOUND", "no such endpoint")
            self.log_request_json(user, service, scopes, [], 404)
            return
        if service not in self.issuer.services:
            self._error(400, "INVALID_SERVICE", "unknown service %r" % service)
            self.log_request_json(user, service, scopes, [], 400)
            return
        ok, subject = self._authenticate()
        if not ok:
            self._error(401, "UNAUTHORIZED", "invalid username or password",
                        [("WWW-Authenticate", 'Basic realm="okf-token-server"')])
            self.log_request_json(user, service, scopes, [], 401)
            return
        access = []
        if subject:
            rules = load_access(self.access_path) if self.access_path else None
            access, inaccessible = grant(rules, subject, parse_scopes(scopes))
            if inaccessible and self.refuse_inaccessible:
                status = self.refuse_inaccessible
                self._send_json(status, {"details": "access to %s is denied for %s"
                                         % (", ".join(inaccessible), subject)})
                self.log_request_json(subject, service, scopes, [], status)
                return
        token, issued = self.issuer.token(subject, service, access)
        self._send_json(200, {
            "token": token,
            "access_token": token,
            "expires_in": self.issuer.ttl,
            "issued_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(issued)),
        })
        self.log_request_json(subject, service, scopes, access, 200)

    def do_POST(self):  # noqa: N802 (stdlib name)
        # BuildKit tries the OAuth2 POST form first; 405 makes it fall back to GET.
        length = int(self.headers.get("Content-Length", "0") or 0)
        form = urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8", "replace")) if length else {}
        scopes = [scope for value in form.get("scope", []) for scope in value.split(" ") if scope]
        self._error(405, "UNSUPPORTED", "use GET", [("Allow", "GET")])
        self.log_request_json(form.get("username", [None])[0], form.get("service", [None])[0], scopes, [], 405)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", default="127.0.0.1:5005", help="HOST:PORT")
    parser.add_argument("--key", required=True, help="RSA private key, PEM")
    parser.add_argument("--cert", required=True, help="certificate of that key, PEM (x5c)")
    parser.add_argument("--users", required=True, help="file of user:password lines")
    parser.add_argument("--access", help="file of `USER REPO-GLOB ACTIONS` lines (default: grant all)")
    parser.add_argument("--issuer", required=True)
    parser.add_argument("--service", required=True, action="append",
                        help="service name the tokens are for; once per registry (the first is the default)")
    parser.add_argument("--refuse-inaccessible", type=int, metavar="STATUS",
                        help="answer STATUS to a request naming a repository the user may not access")
    parser.add_argument("--expires-in", "--ttl", dest="ttl", type=int, default=900,
                        help="token lifetime, seconds (default 900)")
    args = parser.parse_args()

    TokenHandler.issuer = Issuer(args.key, args.cert, args.issuer, args.service, args.ttl)
    TokenHandler.users_path = args.users
    TokenHandler.access_path = args.access
    TokenHandler.refuse_inaccessible = args.refuse_inaccessible
    load_users(args.users)  # fail early on an unreadable file
    if args.access:
        load_access(args.access)  # and on a malformed access file
    host, _, port = args.listen.rpartition(":")
    server = ThreadingHTTPServer((host, int(port)), TokenHandler)
    sys.stderr.write("okf-token-server listening on http://%s/token, services %s\n"
                     % (args.listen, ", ".join(args.service)))
    sys.stderr.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
