#!/usr/bin/python3
"""Minimal Docker registry token server (test stand-in), standard library only.

Implements the GET flavour of the Docker registry token protocol that CNCF
distribution 2.8 (`auth: token`) expects:

  GET /token?service=S&scope=repository:NAME:pull,push[&scope=...]&account=U
      Authorization: Basic base64(user:password)   (optional)

- valid credentials   -> 200 {"token", "access_token", "expires_in", "issued_at"}
                         granting every requested repository/registry action;
- wrong credentials   -> 401 (so `docker login` with a bad password fails);
- no credentials      -> 200 with an anonymous token that grants nothing;
- POST /token         -> 405, so BuildKit falls back from its OAuth2 POST to GET;
- GET /healthz        -> 200 "ok".

Tokens are RS256 JWTs signed with an RSA key (PEM, PKCS#1 or PKCS#8, as made by
`openssl genrsa`); the header carries `x5c` = [the signing certificate], which
the registry verifies against its `rootcertbundle`.

Users come from a file of `username:password` lines (keep it mode 0600).
"""

import argparse
import base64
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
    """Signs registry tokens for one service."""

    def __init__(self, key_path, cert_path, issuer, service, ttl):
        self.modulus, self.private_exponent = load_rsa_private_key(key_path)
        self.x5c = [base64.b64encode(load_certificate_der(cert_path)).decode("ascii")]
        self.issuer = issuer
        self.service = service
        self.ttl = ttl

    def token(self, subject, access):
        now = int(time.time())
        header = {"typ": "JWT", "alg": "RS256", "x5c": self.x5c}
        claims = {
            "iss": self.issuer,
            "sub": subject,
            "aud": self.service,
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
    issuer = None       # set by main()
    users_path = None   # set by main()

    def log_message(self, fmt, *args):  # noqa: N802 (stdlib name)
        sys.stderr.write("%s %s\n" % (self.log_date_time_string(), fmt % args))

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
        if url.path != "/token":
            self._error(404, "NOT_FOUND", "no such endpoint")
            return
        query = urllib.parse.parse_qs(url.query)
        service = query.get("service", [self.issuer.service])[0]
        if service != self.issuer.service:
            self._error(400, "INVALID_SERVICE", "unknown service %r" % service)
            return
        ok, subject = self._authenticate()
        if not ok:
            self._error(401, "UNAUTHORIZED", "invalid username or password",
                        [("WWW-Authenticate", 'Basic realm="okf-token-server"')])
            return
        access = parse_scopes(query.get("scope", [])) if subject else []
        token, issued = self.issuer.token(subject, access)
        self._send_json(200, {
            "token": token,
            "access_token": token,
            "expires_in": self.issuer.ttl,
            "issued_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(issued)),
        })

    def do_POST(self):  # noqa: N802 (stdlib name)
        # BuildKit tries the OAuth2 POST form first; 405 makes it fall back to GET.
        length = int(self.headers.get("Content-Length", "0") or 0)
        if length:
            self.rfile.read(length)
        self._error(405, "UNSUPPORTED", "use GET", [("Allow", "GET")])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen", default="127.0.0.1:5005", help="HOST:PORT")
    parser.add_argument("--key", required=True, help="RSA private key, PEM")
    parser.add_argument("--cert", required=True, help="certificate of that key, PEM (x5c)")
    parser.add_argument("--users", required=True, help="file of user:password lines")
    parser.add_argument("--issuer", required=True)
    parser.add_argument("--service", required=True)
    parser.add_argument("--ttl", type=int, default=900, help="token lifetime, seconds")
    args = parser.parse_args()

    TokenHandler.issuer = Issuer(args.key, args.cert, args.issuer, args.service, args.ttl)
    TokenHandler.users_path = args.users
    load_users(args.users)  # fail early on an unreadable file
    host, _, port = args.listen.rpartition(":")
    server = ThreadingHTTPServer((host, int(port)), TokenHandler)
    sys.stderr.write("okf-token-server listening on http://%s/token\n" % args.listen)
    sys.stderr.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
