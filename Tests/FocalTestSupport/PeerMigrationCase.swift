/// One case of `Tests/Fixtures/peers/peer_migration.json`: a Python library's focal-family loss
/// (torchvision, fvcore, PolyLoss, timm, ASL, mmdet) and its gradient, computed by
/// `scripts/peer_migration_fixture.py` with that library's own formula in PyTorch float64.
///
/// The inputs are the peer's: `targets` (a dense tensor like `x`) or `labels` (class indices; for
/// mmdet's QFL the category of each anchor, `C` for background, with its `scores`), optional
/// `weights` (one per element), `anchorWeights` (mmdet's one weight per anchor) and `avgFactor`.
/// `loss` is the reduced value, or one value per element for an unreduced loss; `gradient` is
/// d(loss)/dx (for an unreduced loss, each element's own derivative).
public struct PeerMigrationCase: Decodable, Sendable {
    /// The peer call the values come from, as the fixture script spells it.
    public var peer: String
    public var shape: [Int]
    public var x: [Double]
    public var targets: [Double]?
    public var labels: [Int]?
    public var scores: [Double]?
    public var weights: [Double]?
    public var anchorWeights: [Double]?
    public var avgFactor: Double?
    public var loss: ReferenceCase.Values
    public var gradient: [Double]

    /// The fixture's path under `Tests/Fixtures/`.
    public static let file = "peers/peer_migration.json"

    private struct File: Decodable { var cases: [String: PeerMigrationCase] }

    private static let loaded = Result(catching: { () throws(FixtureError) -> [String: PeerMigrationCase] in
        try Fixture.decode(File.self, fromJSON: file).cases
    })

    /// The case called `name` (such as `mmdetVarifocal/avgFactor`); throws a ``FixtureError``
    /// naming the file when it is missing, malformed or has no such case.
    public static func named(_ name: String) throws(FixtureError) -> PeerMigrationCase {
        guard let found = try loaded.get()[name] else {
            throw FixtureError(
                path: Fixture.url(file).path,
                reason: "has no case '\(name)' (regenerate it: python3 scripts/peer_migration_fixture.py)")
        }
        return found
    }

    /// Every case name in the file.
    public static func names() throws(FixtureError) -> [String] {
        try loaded.get().keys.sorted()
    }

    /// A field the case must have, or a ``FixtureError`` naming it.
    public func required<T>(_ value: T?, _ field: String) throws(FixtureError) -> T {
        guard let value else {
            throw FixtureError(path: Fixture.url(Self.file).path, reason: "has a case without '\(field)' (\(peer))")
        }
        return value
    }
}
