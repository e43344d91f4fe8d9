import Foundation

/// Runs independent jobs on a few threads and returns their results in job order, so that what a
/// caller makes of them does not depend on the number of threads.
enum ParallelJobs {
    /// The result of `body(job)` for every job in `0..<count`, in job order.
    ///
    /// - Parameter workers: How many jobs run at once (at least 1).
    /// - Throws: The error of the first failing job in job order; once a job fails, jobs not yet
    ///   started are skipped.
    static func map<Result: Sendable>(
        count: Int, workers: Int, _ body: @Sendable (Int) throws(TrainingError) -> Result
    ) throws(TrainingError) -> [Result] {
        let state = JobResults<Result>(count: count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, count))) { _ in
            while let job = state.next() {
                do throws(TrainingError) {
                    state.record(job, .success(try body(job)))
                } catch {
                    state.record(job, .failure(error))
                }
            }
        }
        return try state.values()
    }
}

/// The shared state of the workers: the next job and the outcomes, behind a lock.
private final class JobResults<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var nextJob = 0
    private var failed = false
    private var outcomes: [Result<Value, TrainingError>?]

    init(count: Int) { outcomes = Array(repeating: nil, count: count) }

    /// The next job to run, or `nil` when every job is taken or one has failed.
    func next() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard !failed, nextJob < outcomes.count else { return nil }
        nextJob += 1
        return nextJob - 1
    }

    func record(_ job: Int, _ outcome: Result<Value, TrainingError>) {
        lock.lock(); defer { lock.unlock() }
        outcomes[job] = outcome
        if case .failure = outcome { failed = true }
    }

    /// The values in job order, or the first failure in job order.
    func values() throws(TrainingError) -> [Value] {
        lock.lock(); defer { lock.unlock() }
        var values: [Value] = []
        for outcome in outcomes {
            switch outcome {
            case .success(let value)?: values.append(value)
            case .failure(let error)?: throw error
            case nil: continue
            }
        }
        return values
    }
}
