import Testing

@testable import BuildActionCore

@Suite("Credentials named in build arguments and cache attributes")
struct CredentialRedactionTests {
    @Test(arguments: [
        "GITHUB_TOKEN", "NPM_TOKEN", "npmtoken", "token", "session_token", "DB_PASSWORD", "password", "SMTP_PASS", "MYSQL_ROOT_PASSWD",
        "GPG_PASSPHRASE", "AWS_SECRET_ACCESS_KEY", "secret_access_key", "access_key_id", "API_KEY", "apikey", "SIGNING_KEY", "SSH_KEYS",
        "GOOGLE_APPLICATION_CREDENTIALS", "NPM_AUTH", "GH_PAT", "client-secret", "sas.token",
    ])
    func credentialNames(_ name: String) {
        #expect(CredentialRedaction.isCredentialName(name))
    }

    @Test(arguments: [
        "VERSION", "NODE_VERSION", "SOURCE_DATE_EPOCH", "type", "ref", "mode", "scope", "url", "region", "bucket", "id", "src", "env",
        "KEYCLOAK_URL", "AUTHOR", "org.opencontainers.image.authors", "PATH", "PASSTHROUGH_PORT", "image-manifest", "oci-mediatypes",
    ])
    func otherNames(_ name: String) {
        #expect(!CredentialRedaction.isCredentialName(name))
    }

    @Test(arguments: [
        ("type=s3,region=r,access_key_id=AKIA1,secret_access_key=wJal/r+x=,session_token=Fwo,mode=max",
         "type=s3,region=r,access_key_id=***,secret_access_key=***,session_token=***,mode=max"),
        ("type=gha,url=http://127.0.0.1:8080/?token=abc&x=1,token=ghs_1,scope=a", "type=gha,url=http://127.0.0.1:8080/?token=***&x=1,token=***,scope=a"),
        (#"failed: "type=azblob,secret_access_key=k1" (GITHUB_TOKEN=t1)"#, #"failed: "type=azblob,secret_access_key=***" (GITHUB_TOKEN=***)"#),
        ("--mount=type=secret,id=token,env=NPM_TOKEN", "--mount=type=secret,id=token,env=NPM_TOKEN"),
        ("TOKEN= and password=", "TOKEN= and password="),
        ("no pairs here", "no pairs here"),
    ])
    func textRedaction(_ text: String, _ expected: String) {
        #expect(CredentialRedaction.redact(text) == expected)
    }

    /// A build argument is one argv element: its whole value goes, spaces and commas included.
    @Test func argumentRedaction() {
        #expect(CredentialRedaction.redactArgument("GITHUB_TOKEN=two words, and a comma") == "GITHUB_TOKEN=***")
        #expect(CredentialRedaction.redactArgument("VERSION=1.2.3") == "VERSION=1.2.3")
        #expect(CredentialRedaction.redactArgument("TOKEN=") == "TOKEN=")
        #expect(CredentialRedaction.redactArgument("type=registry,ref=r:buildcache,password=p") == "type=registry,ref=r:buildcache,password=***")
    }

    @Test func buildArgumentsNamedLikeCredentialsAreWarnedAbout() throws {
        let inputs = try BuildActionInputs(environment: ["INPUT_BUILD-ARGS": "VERSION=1.2.3\nGITHUB_TOKEN=ghs_x\nNPM_TOKEN=\nDB_PASSWORD=p"])
        #expect(inputs.buildArgWarnings.count == 2)
        let first = try #require(inputs.buildArgWarnings.first)
        #expect(first.hasPrefix("build-args: GITHUB_TOKEN looks like a credential."))
        #expect(first.contains("secrets input (GITHUB_TOKEN=...)") && first.contains("RUN --mount=type=secret,id=GITHUB_TOKEN"))
        #expect(!first.contains("ghs_x"))
        #expect(inputs.buildArgWarnings[1].hasPrefix("build-args: DB_PASSWORD looks like a credential."))
        #expect(try BuildActionInputs(environment: ["INPUT_BUILD-ARGS": "VERSION=1"]).buildArgWarnings.isEmpty)
    }
}
