#!/usr/bin/python3
"""Checks for setup-environment.sh's verify step, standard library only.

  verify-helpers.py token-access TOKEN_URL USER PASSWORD_FILE SERVICE...
      the token server grants exactly the access file's actions, aud = the requested service,
      leaves inaccessible repositories out, and gives anonymous requests nothing
  verify-helpers.py s3-redirect HOST:PORT USER PASSWORD_FILE S3_HOST:PORT
      uploads a blob; its HEAD and GET answer 307 to a presigned URL on S3_HOST:PORT, and a GET
      of that URL returns the blob
  verify-helpers.py ghcr-front HOST:PORT TOKEN_URL SERVICE USER PASSWORD_FILE
      a 401 challenge names only pull scope, and a cross-repository mount is refused (a plain upload session, 202)

Passwords are read from files, never taken on the command line. Prints one line on success,
exits 1 with the reason otherwise.
"""
import base64
import hashlib
import http.client
import json
import sys
import time
import urllib.parse
import urllib.request
from urllib.error import HTTPError


def fail(message):
    print("FAILED: " + message)
    sys.exit(1)


def password(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read().strip()


def basic(user, secret):
    return "Basic " + base64.b64encode(("%s:%s" % (user, secret)).encode()).decode()


def get_token(url, service, scopes, authorization=None):
    query = urllib.parse.urlencode([("service", service)] + [("scope", s) for s in scopes])
    request = urllib.request.Request(url + "?" + query)
    if authorization:
        request.add_header("Authorization", authorization)
    with urllib.request.urlopen(request, timeout=10) as response:
        token = json.load(response)["token"]
    payload = token.split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return token, claims


def token_access(url, user, password_file, *services):
    auth = basic(user, password(password_file))
    scopes = ["repository:okf-denied/x:pull,push", "repository:okf-readonly/x:pull,push",
              "repository:okf-env-check/x:pull,push"]
    want = [{"type": "repository", "name": "okf-readonly/x", "actions": ["pull"]},
            {"type": "repository", "name": "okf-env-check/x", "actions": ["pull", "push"]}]
    for service in services:
        _, claims = get_token(url, service, scopes, auth)
        if claims["aud"] != service:
            fail("token for %s has aud %r" % (service, claims["aud"]))
        if claims["access"] != want:
            fail("token for %s grants %s, wanted %s" % (service, json.dumps(claims["access"]), json.dumps(want)))
    _, claims = get_token(url, services[0], scopes)
    if claims["access"]:
        fail("an anonymous token grants %s" % json.dumps(claims["access"]))
    print("token server: %s gets pull on okf-readonly/*, nothing on okf-denied/*, pull,push elsewhere; "
          "aud = the requested service (%s); anonymous gets nothing" % (user, ", ".join(services)))


def request(host, method, path, headers=None, body=None):
    connection = http.client.HTTPConnection(host, timeout=30)
    connection.request(method, path, body=body, headers=headers or {})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response, data


def s3_redirect(host, user, password_file, s3_host):
    auth = {"Authorization": basic(user, password(password_file))}
    blob = ("okf-env-check s3 blob %f\n" % time.time()).encode()
    digest = "sha256:" + hashlib.sha256(blob).hexdigest()
    name = "okf-env-check/s3"
    response, _ = request(host, "POST", "/v2/%s/blobs/uploads/" % name, auth)
    if response.status != 202:
        fail("POST /v2/%s/blobs/uploads/ gave %d" % (name, response.status))
    location = urllib.parse.urlsplit(urllib.parse.urljoin("http://%s/" % host, response.getheader("Location")))
    path = location.path + "?" + (location.query + "&" if location.query else "") + "digest=" + digest
    response, _ = request(host, "PUT", path, dict(auth, **{"Content-Type": "application/octet-stream"}), blob)
    if response.status != 201:
        fail("blob upload commit gave %d" % response.status)
    for method in ("HEAD", "GET"):
        response, _ = request(host, method, "/v2/%s/blobs/%s" % (name, digest), auth)
        target = response.getheader("Location") or ""
        if response.status != 307 or urllib.parse.urlsplit(target).netloc != s3_host:
            fail("%s of an existing blob gave %d Location %r, wanted 307 to %s" % (method, response.status, target, s3_host))
        if method == "HEAD":
            head_target = target
    with urllib.request.urlopen(target, timeout=10) as response:
        if response.read() != blob:
            fail("GET of the presigned URL did not return the blob")
    print("S3: HEAD and GET of %s answer 307 to http://%s/..., and the presigned URL serves the blob (%s...)"
          % (digest[:19], s3_host, head_target.split("?")[0][:60]))


def ghcr_front(host, token_url, service, user, password_file):
    name = "okf-env-check/front"
    response, _ = request(host, "GET", "/v2/%s/manifests/latest" % name)
    challenge = response.getheader("WWW-Authenticate") or ""
    if response.status != 401 or 'scope="repository:%s:pull"' % name not in challenge:
        fail("an unauthenticated GET gave %d %r, wanted 401 with a pull-only scope" % (response.status, challenge))
    token, claims = get_token(token_url, service, ["repository:%s:pull,push" % name, "repository:okf-env-check/x:pull"],
                              basic(user, password(password_file)))
    bearer = {"Authorization": "Bearer " + token}
    response, data = request(host, "POST", "/v2/%s/blobs/uploads/?mount=sha256:%s&from=okf-env-check/x"
                             % (name, "0" * 64), bearer)
    if response.status != 202 or "mount=" in (response.getheader("Location") or ""):
        fail("a cross-repository mount gave %d %r, wanted 202 (a plain upload session)" % (response.status, data[:200]))
    response, _ = request(host, "POST", "/v2/%s/blobs/uploads/" % name, bearer)
    if response.status != 202:
        fail("a plain upload start through the front gave %d, wanted 202" % response.status)
    print("ghcr front: 401 challenge scope repository:%s:pull, mount refused with a plain upload session (202), upload start 202" % name)


def main():
    commands = {"token-access": token_access, "s3-redirect": s3_redirect, "ghcr-front": ghcr_front}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        sys.exit(2)
    try:
        commands[sys.argv[1]](*sys.argv[2:])
    except (OSError, HTTPError, ValueError, KeyError) as error:
        fail("%s: %r" % (sys.argv[1], error))


if __name__ == "__main__":
    main()
