import ArgumentParser
import FocalTraining
import Foundation

/// Trains the grid, every run on its own thread (`workers` at once).
enum TuneGrid {
    /// One training: its loss, seed, and where its value goes.
    struct Job {
        let loss: LossSettings
        let seed: UInt64
    }

    /// Trains every (gamma, alpha) focal loss and the two baselines for every seed on the same
    /// held-out test split (split seed 0 for every seed), and records the test metric.
    ///
    /// - Parameters:
    ///   - validation: The validation rows of every training (all training rows then train), or
    ///     `nil` to hold them out of the training rows.
    ///   - workers: How many trainings run at once (each on one thread).
    ///   - finished: Called (under a lock) after each training with the count done and the total.
    static func run(
        _ data: DemoData, validation: Dataset? = nil, base: TrainingConfiguration, metric: TuneMetric, gammas: [Double], alphas: [LossSettings.Alpha],
        seeds: [UInt64], workers: Int, finished: @escaping @Sendable (Int, Int) -> Void = { _, _ in }
    ) throws -> TuneResult {
        let split: HoldOutSplit
        do {
            split = try HoldOutSplit(data.dataset, testFraction: DemoData.testFraction, seed: 0)
        } catch {
            throw CLIError(verbatim: "\(data.name): \(error.description)")
        }
        var settings: [LossSettings] = []
        do {
            for gamma in gammas { for alpha in alphas { settings.append(try LossSettings(kind: .focal, gamma: gamma, alpha: alpha)) } }
            settings.append(try LossSettings(kind: .crossEntropy))
            settings.append(try LossSettings(kind: .balancedCrossEntropy, alpha: .inverseFrequency))
        } catch {
            throw ValidationError(error.commandLineDescription(for: .tune))
        }
        let jobs = settings.flatMap { loss in seeds.map { Job(loss: loss, seed: $0) } }
        let values = try runJobs(jobs, data: data, split: split, validation: validation, base: base, metric: metric, workers: workers, finished: finished)
        func cell(_ index: Int) -> TuneCell {
            let loss = settings[index]
            return TuneCell(loss: loss.kind.rawValue, gamma: loss.gamma, alpha: loss.alpha.description,
                            values: Array(values[(index * seeds.count)..<((index + 1) * seeds.count)]))
        }
        let grid = gammas.indices.map { g in alphas.indices.map { a in cell(g * alphas.count + a) } }
        let baselines = [cell(settings.count - 2), cell(settings.count - 1)]
        return TuneResult(data: data, split: split, configuration: base, metric: metric, seeds: seeds, gammas: gammas,
                          alphas: alphas, grid: grid, baselines: baselines, validationRows: validation?.rowCount)
    }

    /// Runs the jobs on `workers` threads; the metric of each job, in job order.
    private static func runJobs(
        _ jobs: [Job], data: DemoData, split: HoldOutSplit, validation: Dataset?, base: TrainingConfiguration, metric: TuneMetric,
        workers: Int, finished: @escaping @Sendable (Int, Int) -> Void
    ) throws -> [Double] {
        let state = JobState(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, jobs.count))) { _ in
            while let index = state.next() {
                let job = jobs[index]
                var configuration = base
                configuration.loss = job.loss
                configuration.seed = job.seed
                let outcome: Result<Double, CLIError>
                do {
                    let model = try Trainer(configuration: configuration, threads: 1).train(split.training, validation: validation, labelColumn: data.labelColumn)
                    let evaluation = try TestEvaluation(model: model, test: split.test, threads: 1)
                    outcome = .success(metric.value(evaluation.report))
                } catch let error as TrainingError {
                    outcome = .failure(CLIError(verbatim: "\(data.name): \(lossDescription(job.loss)) seed \(job.seed): \(error.commandLineDescription(for: .tune))"))
                } catch {
                    outcome = .failure(CLIError(verbatim: "\(data.name): \(lossDescription(job.loss)) seed \(job.seed): \(error)"))
                }
                let done = state.finish(index, outcome)
                finished(done, jobs.count)
            }
        }
        return try state.values()
    }
}

/// The shared state of the tune workers: the next job and the results, behind a lock.
private final class JobState: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private var done = 0
    private var results: [Result<Double, CLIError>?]
    private var failed = false

    init(count: Int) { results = Array(repeating: nil, count: count) }

    /// The next job to run, or `nil` when all are taken or one has failed.
    func next() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard !failed, nextIndex < results.count else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }

    /// Records a job's outcome; returns how many jobs are done.
    func finish(_ index: Int, _ outcome: Result<Double, CLIError>) -> Int {
        lock.lock(); defer { lock.unlock() }
        results[index] = outcome
        if case .failure = outcome { failed = true }
        done += 1
        return done
    }

    /// The values in job order, or the first failure (in job order).
    func values() throws -> [Double] {
        lock.lock(); defer { lock.unlock() }
        var values: [Double] = []
        for result in results {
            switch result {
            case .success(let value)?: values.append(value)
            case .failure(let error)?: throw error
            case nil: continue
            }
        }
        return values
    }
}
