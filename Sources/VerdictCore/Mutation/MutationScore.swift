import Foundation

/// Killed over killed-plus-survived, counted in whole mutants (a timeout counts as killed;
/// mutants that do not load and surviving mutants marked equivalent are left out).
public struct MutationScore: Sendable, Equatable {
    public var killed = 0
    public var survived = 0

    public var total: Int { killed + survived }

    /// Per mille, rounded half up: 835 for 83.5 %.
    public var permille: Int? { total == 0 ? nil : (killed * 2000 + total) / (2 * total) }

    /// "83.5%", or "—" without mutants.
    public var text: String { permille.map { "\($0 / 10).\($0 % 10)%" } ?? "—" }

    /// Whether the score reaches `minimum` percent (a decimal like "95" or "95.5"), exactly.
    public func reaches(_ minimum: Percentage) -> Bool {
        total == 0 || killed * 100 * minimum.denominator >= minimum.numerator * total
    }

    mutating func count(_ r: MutantResult) {
        switch r.status {
        case .killed, .timedOut: killed += 1
        case .survived: if r.mutant.equivalentReason == nil { survived += 1 }
        case .invalid: break
        }
    }

    /// A percentage written as a decimal, kept exact: "95.5" is 955/10.
    public struct Percentage: Sendable, Equatable {
        public let numerator: Int
        public let denominator: Int

        public init?(_ text: String) {
            let parts = text.trimmingCharacters(in: " %").split(separator: ".", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.count <= 6 && $0.allSatisfy(\.isASCII) }),
                  let n = Int(parts.joined()), n >= 0 else { return nil }
            numerator = n
            var d = 1
            if parts.count == 2 { for _ in parts[1] { d *= 10 } }
            denominator = d
        }
    }
}

/// The results of a mutation run, scored overall, per rule (or definition) and per article.
public struct MutationSummary: Sendable {
    public let results: [MutantResult]
    public let overall: MutationScore
    /// Owners in the order their first mutant appears.
    public let byOwner: [(owner: String, score: MutationScore)]
    public let byArticle: [(article: String, score: MutationScore)]

    public init(_ results: [MutantResult]) {
        self.results = results
        var overall = MutationScore()
        var owners: [String: MutationScore] = [:], ownerOrder: [String] = []
        var articles: [String: MutationScore] = [:], articleOrder: [String] = []
        for r in results {
            overall.count(r)
            let o = r.mutant.owner.description
            if owners[o] == nil { ownerOrder.append(o) }
            owners[o, default: MutationScore()].count(r)
            for a in r.mutant.articles {
                if articles[a] == nil { articleOrder.append(a) }
                articles[a, default: MutationScore()].count(r)
            }
        }
        self.overall = overall
        byOwner = ownerOrder.map { ($0, owners[$0] ?? MutationScore()) }
        byArticle = articleOrder.map { ($0, articles[$0] ?? MutationScore()) }
    }

    public var survivors: [MutantResult] {
        results.filter { if case .survived = $0.status { return $0.mutant.equivalentReason == nil }; return false }
    }
    /// Every mutant marked equivalent in the rules, killed or not (a killed one is marked wrongly).
    public var equivalent: [MutantResult] { results.filter { $0.mutant.equivalentReason != nil } }
    public var invalid: [MutantResult] { results.filter { if case .invalid = $0.status { return true }; return false } }
    public var timedOut: [MutantResult] { results.filter { if case .timedOut = $0.status { return true }; return false } }
}
