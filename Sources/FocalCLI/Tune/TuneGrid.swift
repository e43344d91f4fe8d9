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

    /// Trains every (gamma, column) loss of the grid and the two baselines for every seed on the same
    /// held-out test split (split seed 0 for every seed), and records the test metric.
    ///
    /// - Parameters:
    ///   - validation: The validation rows of every training (all training rows then train), or
    ///     `nil` to hold them out of the training rows.
    ///   - workers: How many trainings run at once (each on one thread).
    ///   - finished: Called (under a lock) after each training with the count done and the total.
    static func run(
        _ data: DemoData, validation: Dataset? = nil, base: TrainingConfiguration, metric: TuneMetric, gammas: [Double], columns: TuneColumns,
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
            for gamma in gammas { for column in 0..<columns.count { settings.append(try columns.loss(gamma: gamma, column: column)) } }
            settings.append(try LossSettings(kind: .crossEntropy))
            settings.append(try LossSettings(kind: .balancedCrossEntropy, alpha: .inverseFrequency))
        } catch {
            throw ValidationError(error.commandLineDescription(for: .tune))
        }
        let jobs = settings.flatMap { loss in seeds.map { Job(loss: loss, seed: $0) } }
        let values = try runJobs(jobs, data: data, split: split, validation: validation, base: base, metric: metric, workers: workers, finished: finished)
        func cell(_ index: Int) -> TuneCell {
            let loss = settings[index]
            return TuneCell(loss: loss.kind.rawValue, gamma: loss.gamma, alpha: loss.alpha.description, epsilon: loss.epsilon,
                            values: Array(values[(index * seeds.count)..<((index + 1) * seeds.count)]))
        }
        let grid = gammas.indices.map { g in (0..<columns.count).map { c in cell(g * columns.count + c) } }
        let baselines = [cell(settings.count - 2), cell(settings.count - 1)]
        return TuneResult(data: data, split: split, configuration: base, metric: metric, seeds: seeds, gammas: gammas,
                          columns: columns, grid: grid, baselines: baselines, validationRows: validation?.rowCount)
    }

    /// Runs the jobs on `workers` threads; the metric of each job, in job order.
    private static func runJobs(
        _ jobs: [Job], data: DemoData, split: HoldOutSplit, validation: Dataset?, base: TrainingConfiguration, metric: TuneMetric,
        workers: Int, finished: @escaping @Sendable (Int, Int) -> Void
    ) throws -> [Double] {
        try ParallelJobs.map(count: jobs.count, workers: workers, finished: { finished($0, jobs.count) }) { (index: Int) throws(CLIError) -> Double in
            let job = jobs[index]
            var configuration = base
            configuration.loss = job.loss
            configuration.seed = job.seed
            do {
                let model = try Trainer(configuration: configuration, threads: 1).train(split.training, validation: validation, labelColumn: data.labelColumn)
                let evaluation = try TestEvaluation(model: model, test: split.test, threads: 1)
                return metric.value(evaluation.report)
            } catch let error as TrainingError {
                throw CLIError(verbatim: "\(data.name): \(lossDescription(job.loss)) seed \(job.seed): \(error.commandLineDescription(for: .tune))")
            } catch {
                throw CLIError(verbatim: "\(data.name): \(lossDescription(job.loss)) seed \(job.seed): \(error)")
            }
        }
    }
}
