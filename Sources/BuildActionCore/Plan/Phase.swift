/// The phases of one run of the main step, as the log, the step summary and the failure
/// notification name them.
public enum Phase: String, Sendable, Equatable, CaseIterable {
    /// Inputs, the runner's environment, the plan.
    case setup
    /// Tags, labels and annotations (the metadata engine).
    case metadata
    /// `docker login` to each registry.
    case login
    /// The QEMU probe and registration.
    case emulation
    /// Choosing or creating the buildx builder.
    case builder
    /// `docker buildx build`.
    case build
    /// The `smoke-test` script on each platform's image, and `load`.
    case test
    /// The check that full-version tags would not move.
    case releaseTags = "release-tags"
    /// Copying a release that a registry already serves instead of building it again.
    case copy
    /// Composing the multi-platform index from the platform jobs (mode: merge).
    case merge
    /// Blobs, manifests and tags to each registry.
    case push
    /// A request tried again.
    case retry
    /// Reading back what each registry serves.
    case verify
    /// Outputs, summary, digest file.
    case report
    /// The failure issue and webhook.
    case notify
}
