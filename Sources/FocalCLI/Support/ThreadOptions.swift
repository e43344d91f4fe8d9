import ArgumentParser

/// How a command words the help of its `--threads` option: what its threads do.
protocol ThreadsHelp {
    /// The help text of `--threads`.
    static var threadsHelp: String { get }
}

extension ThreadsHelp {
    /// The plain wording, for a command whose threads share one computation.
    static var threadsHelp: String { "The most threads to use (default: one per processor)." }
}

/// The `--threads` option, shared by every command that runs on several threads:
/// `@OptionGroup var threading: ThreadOptions<Train>`.
///
/// Each command says in the help what its threads do (``ThreadsHelp``); the rule is the same
/// everywhere (``ThreadCount``). The group does not validate itself: a command checks the count
/// with ``ThreadCount/validate(_:)`` in its own `validate()`, at the point it always has, so a
/// command line with several mistakes still reports the same one first.
struct ThreadOptions<Command: ThreadsHelp>: ParsableArguments {
    /// The most threads to use; `nil` for one per processor.
    @Option(parsing: .unconditional, help: ArgumentHelp(Command.threadsHelp))
    var threads: Int?
}
