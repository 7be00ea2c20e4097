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
