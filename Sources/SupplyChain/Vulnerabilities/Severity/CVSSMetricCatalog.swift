/// One metric a CVSS version defines: its abbreviation, the values it takes and whether every vector must carry it.
struct CVSSMetricDefinition: Sendable {
    let name: String
    let values: [String]
    let isMandatory: Bool
}

/// The metrics one CVSS version defines, in its specification's order, and the reader of a vector's metric list.
///
/// Metrics may appear in any order (CVSS v3.1 section 6 allows other orderings and scores never depend on it);
/// every metric may appear once, and the mandatory base metrics must all appear.
struct CVSSMetricCatalog: Sendable {
    let metrics: [CVSSMetricDefinition]
    private let positions: [Substring: Int]
    /// Each metric's values as substrings, compared without converting the vector's parts to strings.
    private let valueLists: [[Substring]]

    init(_ metrics: [CVSSMetricDefinition]) {
        self.metrics = metrics
        var positions: [Substring: Int] = [:]
        for (position, metric) in metrics.enumerated() { positions[Substring(metric.name)] = position }
        self.positions = positions
        valueLists = metrics.map { $0.values.map { Substring($0) } }
    }

    /// The position of a metric in `metrics` (-1 for a name the catalog lacks), for reading parsed values back.
    func position(of name: String) -> Int {
        positions[Substring(name)] ?? -1
    }

    /// Reads `METRIC:VALUE/METRIC:VALUE/…` (the vector after its `CVSS:x.y/` prefix).
    ///
    /// - Throws: `CVSSError` naming the first malformed, unknown, invalid or repeated metric, or the missing base
    ///   metrics.
    func parse(_ metricList: Substring, version: CVSSVersion) throws(CVSSError) -> CVSSMetricValues {
        var selected = [Int](repeating: -1, count: metrics.count)
        // Parts are separated by "/"; an empty part (a doubled or trailing "/") is malformed.
        var rest = metricList
        var finished = metricList.isEmpty
        while !finished {
            let slash = rest.utf8.firstIndex(of: UInt8(ascii: "/")) ?? rest.endIndex
            let part = rest[..<slash]
            guard let colon = part.utf8.firstIndex(of: UInt8(ascii: ":")), colon != part.startIndex else {
                throw .malformedMetric(String(part), version: version)
            }
            let name = part[..<colon]
            let value = part[part.utf8.index(after: colon)...]
            guard let position = positions[name] else { throw .unknownMetric(String(name), version: version) }
            guard let valueIndex = valueLists[position].firstIndex(of: value) else {
                throw .invalidValue(
                    metric: String(name),
                    value: String(value),
                    allowed: metrics[position].values,
                    version: version
                )
            }
            guard selected[position] < 0 else { throw .duplicateMetric(String(name), version: version) }
            selected[position] = valueIndex
            if slash == rest.endIndex {
                finished = true
            } else {
                rest = rest[rest.utf8.index(after: slash)...]
            }
        }
        for (metric, index) in zip(metrics, selected) where metric.isMandatory && index < 0 {
            let missing = zip(metrics, selected).filter { $0.0.isMandatory && $0.1 < 0 }.map(\.0.name)
            throw .missingMetrics(missing, version: version)
        }
        return CVSSMetricValues(selected: selected)
    }
}

/// The value each metric of a parsed vector has, as an index into its definition's `values`.
struct CVSSMetricValues: Sendable, Hashable {
    /// Per catalog position, the index of the metric's value, or -1 where the vector does not give the metric.
    let selected: [Int]

    /// The value index of the metric at `position`, or `nil` when the vector does not give it.
    subscript(position: Int) -> Int? {
        guard selected.indices.contains(position), selected[position] >= 0 else { return nil }
        return selected[position]
    }
}

extension Array {
    /// The element at `index`, or `nil` when the index is out of range.
    func element(at index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
