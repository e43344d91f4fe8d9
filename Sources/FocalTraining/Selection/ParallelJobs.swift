import Foundation

/// Runs independent jobs on a few threads and returns their results in job order, so that what a
/// caller makes of them does not depend on the number of threads (``PenaltySearch``'s fold
/// trainings, `focal tune`'s grid).
public enum ParallelJobs {
    /// The result of `body(job)` for every job in `0..<count`, in job order.
    ///
    /// - Parameters:
    ///   - count: The number of jobs.
    ///   - workers: How many jobs run at once (at least 1 is used).
    ///   - finished: Called after each job (under a lock) with the number of jobs done so far.
    ///   - body: One job; called on any of the worker threads.
    /// - Throws: The error of the first failing job in job order; once a job fails, jobs not yet
    ///   started are skipped.
    public static func map<Value: Sendable, Failure: Error>(
        count: Int, workers: Int, finished: @Sendable (Int) -> Void = { _ in },
        _ body: @Sendable (Int) throws(Failure) -> Value
    ) throws(Failure) -> [Value] {
        let state = JobResults<Value, Failure>(count: count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, count))) { _ in
            while let job = state.next() {
                let outcome: Result<Value, Failure>
                do throws(Failure) {
                    outcome = .success(try body(job))
                } catch {
                    outcome = .failure(error)
                }
                finished(state.record(job, outcome))
            }
        }
        return try state.values()
    }
}

/// The shared state of the workers: the next job and the outcomes, behind a lock.
private final class JobResults<Value: Sendable, Failure: Error>: @unchecked Sendable {
    private let lock = NSLock()
    private var nextJob = 0
    private var done = 0
    private var failed = false
    private var outcomes: [Result<Value, Failure>?]

    init(count: Int) { outcomes = Array(repeating: nil, count: count) }

    /// The next job to run, or `nil` when every job is taken or one has failed.
    func next() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard !failed, nextJob < outcomes.count else { return nil }
        nextJob += 1
        return nextJob - 1
    }

    /// Records a job's outcome; returns how many jobs are done.
    func record(_ job: Int, _ outcome: Result<Value, Failure>) -> Int {
        lock.lock(); defer { lock.unlock() }
        outcomes[job] = outcome
        if case .failure = outcome { failed = true }
        done += 1
        return done
    }

    /// The values in job order, or the first failure in job order.
    func values() throws(Failure) -> [Value] {
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
