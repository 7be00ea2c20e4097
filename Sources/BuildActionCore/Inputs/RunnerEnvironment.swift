/// What GitHub's runner (or act) tells a container action through its environment, read once:
/// the event, the repository and run, the workspace and the other directories, and the file
/// commands' files. Empty values count as absent.
/// https://docs.github.com/en/actions/reference/variables-reference
public struct RunnerEnvironment: Sendable, Equatable {
    /// `GITHUB_EVENT_NAME` (`push`, `pull_request`...).
    public let eventName: String
    /// `GITHUB_REF` (`refs/tags/v1.2.3`).
    public let ref: String
    /// `GITHUB_REF_NAME`, else `GITHUB_REF`.
    public let refName: String
    /// `GITHUB_SHA`.
    public let sha: String
    /// `GITHUB_REPOSITORY` (`owner/name`).
    public let repository: String
    /// `GITHUB_WORKFLOW`.
    public let workflow: String
    /// `GITHUB_JOB`: the job's id.
    public let job: String?
    /// `GITHUB_ACTION`: the step's id, or `__owner_repo` (`_2`, `_3`... again in one job) for a
    /// `uses:` step without one.
    public let step: String?
    /// `GITHUB_RUN_ID`.
    public let runID: String?
    /// `GITHUB_API_URL`, else the public API.
    public let apiURL: String
    /// `GITHUB_SERVER_URL`, else github.com.
    public let serverURL: String
    /// `GITHUB_WORKSPACE`, else the working directory.
    public let workspace: String
    /// `HOME`.
    public let home: String?
    /// `RUNNER_TEMP`.
    public let temp: String?
    /// Where to make temporary files: `RUNNER_TEMP`, else `TMPDIR`, else `/tmp`.
    public let temporaryBase: String
    /// `GITHUB_EVENT_PATH`: the webhook event as JSON.
    public let eventPath: String?
    /// `GITHUB_OUTPUT`.
    public let outputFile: String?
    /// `GITHUB_STEP_SUMMARY`.
    public let summaryFile: String?
    /// `GITHUB_STATE`.
    public let stateFile: String?
    /// `SOURCE_DATE_EPOCH`, when set.
    public let sourceDateEpoch: String?
    /// What the main step saved for the post step (`STATE_<name>`, by name), non-empty values only.
    public let savedState: [String: String]

    /// The step's log, relative to the workspace: `.openkf-build/build-log-<job>-<step>.jsonl`,
    /// so that several steps of one job (one per image, say) keep theirs; `build-log.jsonl`
    /// outside a runner. Characters a file name should not hold become `-`.
    public var logFile: String {
        let parts = [job, step.map { String($0.drop { $0 == "_" }) }].compactMap { $0 }.filter { !$0.isEmpty }
        guard !parts.isEmpty else { return ".openkf-build/build-log.jsonl" }
        let name = String(parts.joined(separator: "-").unicodeScalars.map { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "._-".unicodeScalars.contains(scalar)) ? Character(scalar) : "-"
        }.prefix(120))
        return ".openkf-build/build-log-\(name).jsonl"
    }

    /// The run's page (`<server>/<owner>/<repo>/actions/runs/<id>`), nil without a repository or run id.
    public var runURL: String? {
        guard !repository.isEmpty, let runID else { return nil }
        return "\(serverURL)/\(repository)/actions/runs/\(runID)"
    }

    /// Reads `environment`; `workingDirectory` stands in for a missing workspace.
    public init(environment: [String: String], workingDirectory: String) {
        func value(_ name: String) -> String? {
            guard let text = environment[name], !text.isEmpty else { return nil }
            return text
        }
        eventName = value("GITHUB_EVENT_NAME") ?? ""
        ref = value("GITHUB_REF") ?? ""
        refName = value("GITHUB_REF_NAME") ?? ref
        sha = value("GITHUB_SHA") ?? ""
        repository = value("GITHUB_REPOSITORY") ?? ""
        workflow = value("GITHUB_WORKFLOW") ?? ""
        job = value("GITHUB_JOB")
        step = value("GITHUB_ACTION")
        runID = value("GITHUB_RUN_ID")
        apiURL = value("GITHUB_API_URL") ?? "https://api.github.com"
        serverURL = value("GITHUB_SERVER_URL") ?? "https://github.com"
        workspace = value("GITHUB_WORKSPACE") ?? workingDirectory
        home = value("HOME")
        temp = value("RUNNER_TEMP")
        temporaryBase = temp ?? value("TMPDIR") ?? "/tmp"
        eventPath = value("GITHUB_EVENT_PATH")
        outputFile = value("GITHUB_OUTPUT")
        summaryFile = value("GITHUB_STEP_SUMMARY")
        stateFile = value("GITHUB_STATE")
        sourceDateEpoch = value("SOURCE_DATE_EPOCH")
        savedState = Dictionary(uniqueKeysWithValues: environment.compactMap { name, text in
            name.hasPrefix("STATE_") && !text.isEmpty ? (String(name.dropFirst("STATE_".count)), text) : nil
        })
    }
}
