import Foundation

/// One job running the main step: the event, the `with:` inputs, the checked-out files, the
/// machine's docker, and when it runs. Jobs of one scenario share the registries, GitHub and
/// the workspace (a merge job finds the platform jobs' digest files there, as after
/// actions/download-artifact).
struct ScenarioJob: Sendable {
    var event: ScenarioEvent
    /// The inputs the workflow gives (`with:`); action.yml's defaults fill in the rest.
    var inputs: [String: String]
    /// Files of the checkout, by path relative to the workspace.
    var files: [String: String] = ScenarioJob.openkfFiles
    /// Extra environment variables of the job (`env:`).
    var environment: [String: String] = [:]
    var machine = FakeDocker.Machine()
    /// When the job runs (the step's `now` and the build's clock).
    var clock: Date = ScenarioJob.now

    /// The fixed time of a scenario's last job.
    static let now = Date(timeIntervalSince1970: 1_793_534_400)  // 2026-11-01T12:00:00Z

    static let actor = "openkf-bot"
    /// The job token (github-token's default, GHCR's password).
    static let jobToken = "ghs_J0bT0kenOfTheOpenkfRun"
    static let dockerHubUser = "openkfbot"
    static let dockerHubPassword = "dckr_pat_Hub5ecretValue42"
    static let aliyunUser = "openkf@aliyun"
    static let aliyunPassword = "Acr-5ecret-Pa55word-7"
    static let selfHostedUser = "ci"
    static let selfHostedPassword = "S3lfHosted-htpasswd-9"

    /// The OpenKF server's Dockerfile (examples/openkf.yml builds ./server with it).
    static let dockerfile = """
        FROM alpine:3.20
        RUN apk add --no-cache ca-certificates tzdata
        COPY openkf-server /usr/local/bin/openkf-server
        EXPOSE 10010
        CMD ["openkf-server"]
        """

    /// The checkout examples/openkf.yml builds.
    /// GITHUB_RUN_ID of every job.
    static let runID = "4242"

    static let openkfFiles = ["server/openkf-server": "#!/bin/sh\necho openkf\n", "deploy/docker/Dockerfile.server": dockerfile]

    /// examples/openkf.yml's inputs: three registries, nine tag rules, `latest=false`.
    static let openkf: [String: String] = [
        "context": "./server",
        "file": "./deploy/docker/Dockerfile.server",
        "images": "openim/openkf-server\nregistry.cn-hangzhou.aliyuncs.com/openimsdk/openkf-server\nghcr.io/openimsdk/openkf-server\n",
        "tags": """
            type=schedule
            type=ref,event=branch
            type=ref,event=pr
            type=semver,pattern={{version}}
            type=semver,pattern=v{{version}}
            type=semver,pattern={{major}}.{{minor}}
            type=semver,pattern={{major}}
            type=sha
            type=raw,value=latest,enable={{is_default_branch}}

            """,
        "flavor": "latest=false",
        "dockerhub-username": dockerHubUser,
        "dockerhub-password": dockerHubPassword,
        "aliyun-username": aliyunUser,
        "aliyun-password": aliyunPassword,
        "retry-delay": "0.01",
    ]

    /// `openkf` with some inputs replaced (an empty value is an empty input, as `with: x: ''`).
    static func openkf(_ changes: [String: String]) -> [String: String] {
        openkf.merging(changes) { $1 }
    }

    /// The image names of `openkf`.
    static let hubImage = "openim/openkf-server"
    static let acrImage = "registry.cn-hangzhou.aliyuncs.com/openimsdk/openkf-server"
    static let ghcrImage = "ghcr.io/openimsdk/openkf-server"
}
